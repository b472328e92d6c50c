package advise;

/** Slow and deferrable, but first initialized after ready: it costs nothing before it. */
final class Late {
  private static final int VALUE;

  static {
    Slow.sleep(30);
    VALUE = 7;
  }

  private Late() {}

  static int value() {
    return VALUE;
  }
}
