package com.example.shop;

import java.util.concurrent.atomic.AtomicInteger;
import org.initcall4j.Initcall;

/** Warms the caches up: not needed to answer the first request, so deferred. */
final class Warmup {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private Warmup() {}

  @Initcall(name = "warmup", after = "clock", deferred = true)
  static void init() {
    System.out.println("warmup ran " + RUNS.incrementAndGet() + " time(s)");
  }

  static int runs() {
    return RUNS.get();
  }
}
