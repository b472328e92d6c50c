package lazy;

import testapp.Log;

/** Declared first in the config's order. */
final class First {
  private static final String NAME;

  static {
    Log.add("first-init");
    NAME = "first";
  }

  private First() {}

  static String name() {
    return NAME;
  }
}
