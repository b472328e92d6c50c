package parallel;

import org.initcall4j.Initcalls;

/** Prints what ran before main and on which thread, then flushes when asked. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("main: log=[" + Modules.log() + "]");
    for (String arg : args) {
      if (!arg.equals("flush")) {
        throw new IllegalArgumentException(arg);
      }
      long start = System.nanoTime();
      int ran = Initcalls.flush();
      System.out.println("flush ran " + ran + " in " + (System.nanoTime() - start) / 1_000_000
          + " ms");
    }
    System.out.println("main: end log=[" + Modules.log() + "]");
  }
}
