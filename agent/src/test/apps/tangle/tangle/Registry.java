package tangle;

import org.initcall4j.Initcalls;

/** A class whose static initializer needs initcall cache, which needs this class. */
final class Registry {
  static {
    Modules.REGISTRY_INITIALIZING.countDown();
    Modules.await(Modules.CACHE_STARTED);
    Initcalls.require("cache");
  }

  private Registry() {}

  static void touch() {
    // initializing the class is the point
  }
}
