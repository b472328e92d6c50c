package lazy;

/**
 * Classes whose static fields other classes reach directly: deferred with their accesses guarded,
 * or, for the interface, refused.
 */
final class Unsafe {
  private Unsafe() {}

  /** Other classes read COUNT directly. */
  public static final class Leaky {
    public static int count = init();

    private Leaky() {}

    private static int init() {
      return 42;
    }
  }

  /** Enum constants are public static fields. */
  enum Mode { ON, OFF }

  /** An interface's fields are public. */
  interface Settings {
    Object DEFAULTS = new Object();
  }

  /** Its nested class reads a private static field directly (a nest mate). */
  static final class Outer {
    private static final Object SECRET = new Object();

    private Outer() {}

    static final class Inner {
      private Inner() {}

      static Object peek() {
        return SECRET;
      }
    }
  }
}
