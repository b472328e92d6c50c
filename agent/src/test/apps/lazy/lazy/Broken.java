package lazy;

/** A static initializer that fails. */
final class Broken {
  private static final int VALUE;

  static {
    if (Boolean.parseBoolean("true")) {
      throw new IllegalStateException("no device");
    }
    VALUE = 1;
  }

  private Broken() {}

  static int value() {
    return VALUE;
  }
}
