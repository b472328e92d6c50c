package advise;

/** A slow enum: the config check refuses it. */
enum Color {
  RED(1);

  private final int code;

  static {
    Slow.sleep(40);
  }

  Color(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }
}
