package advise;

/** A slow enum, initialized by the scan before ready; a switch uses it after ready. */
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
