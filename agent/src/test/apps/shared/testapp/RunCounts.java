package testapp;

import java.util.Map;
import java.util.TreeMap;

/** How many times each initcall ran, each run printed as {@code init NAME #N} as it happens. */
public final class RunCounts {
  private static final Map<String, Integer> RUNS = new TreeMap<>();

  private RunCounts() {}

  public static void ran(String name) {
    int count;
    synchronized (RUNS) {
      count = RUNS.merge(name, 1, Integer::sum);
    }
    System.out.println("init " + name + " #" + count);
  }

  /** The counts by name, e.g. {@code {storage=1, usb=1}}. */
  public static String counts() {
    synchronized (RUNS) {
      return RUNS.toString();
    }
  }
}
