package org.initcall4j.shaded;

import org.initcall4j.Initcall;

/**
 * The camera's flash, an add-on shipped with the camera library in one shaded jar: its initcall
 * needs the library's sensor, declared in the library's own index.
 */
public final class Flash {
  private static volatile boolean charged;

  private Flash() {}

  @Initcall(name = "flash", after = "sensor")
  static void charge() {
    charged = true;
  }

  public static void main(String[] args) {
    System.out.println("flash " + (charged ? "charged" : "not charged"));
  }
}
