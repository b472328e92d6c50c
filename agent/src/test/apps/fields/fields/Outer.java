package fields;

import testapp.Log;

/** Its nested class reads a private static field directly (Java 11+ nest mates). */
public final class Outer {
  private static final String SECRET;

  static {
    Log.add("outer-init");
    SECRET = "hidden";
  }

  private Outer() {}

  /** Reads Outer.SECRET with a getstatic of its own. */
  public static final class Inner {
    private Inner() {}

    public static String peek() {
      return SECRET;
    }
  }
}
