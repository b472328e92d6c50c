package tangle;

import org.initcall4j.Initcalls;

/**
 * {@code cycle}: a flush runs x, which needs y; another thread runs y, whose class needs x.
 * {@code clinit}: a flush runs cache, which needs class Registry; another thread is initializing
 * Registry, whose static initializer needs cache.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    boolean cycle = args[0].equals("cycle");
    Thread other = new Thread(() -> {
      try {
        if (cycle) {
          Initcalls.require("y");
        } else {
          Registry.touch();
        }
        System.out.println("other: done");
      } catch (Throwable e) {
        System.out.println("other: " + e);
      }
    }, "other");
    other.start();
    try {
      System.out.println("flush ran " + Initcalls.flush(cycle ? "x" : "cache"));
    } catch (RuntimeException e) {
      System.out.println("flush: " + e);
    }
    other.join();
    System.out.println("main: done");
  }
}
