package tangle;

import org.initcall4j.Initcalls;

/** A class whose static initializer needs initcall x. */
final class Lazy {
  static {
    Initcalls.require("x");
  }

  private Lazy() {}

  static void touch() {
    // initializing the class is the point
  }
}
