package lazy;

import testapp.Log;

/** Declared after First; does not use it, so only the config can order them. */
final class Second {
  private static final String NAME;

  static {
    Log.add("second-init");
    NAME = "second";
  }

  private Second() {}

  static String name() {
    return NAME;
  }
}
