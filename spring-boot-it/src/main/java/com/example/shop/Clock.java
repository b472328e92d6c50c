package com.example.shop;

import org.initcall4j.Initcall;
import org.initcall4j.Level;

/** Set before main by a boot initcall. */
final class Clock {
  private static volatile String loader;

  private Clock() {}

  @Initcall(name = "clock", level = Level.CORE)
  static void init() {
    loader = Clock.class.getClassLoader().getClass().getSimpleName();
    System.out.println("clock set by its initcall, class loader " + loader);
  }

  static boolean isSet() {
    return loader != null;
  }
}
