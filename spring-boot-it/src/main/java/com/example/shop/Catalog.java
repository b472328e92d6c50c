package com.example.shop;

import java.util.List;

/**
 * The product catalog, loaded by a slow static initializer: the class a user finds in the
 * profile's blame list and defers with a config, without changing the code.
 */
final class Catalog {
  private static final List<String> ITEMS;

  static {
    long until = System.nanoTime() + 300_000_000L; // a slow load, busy so it shows in profiles
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    ITEMS = List.of("camera", "lens", "tripod");
    System.out.println("catalog loaded on thread " + Thread.currentThread().getName());
  }

  private Catalog() {}

  static List<String> items() {
    return ITEMS;
  }
}
