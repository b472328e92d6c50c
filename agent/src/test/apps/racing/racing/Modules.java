package racing;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.initcall4j.Initcall;

/** A small diamond-shaped graph of deferred initcalls that count their runs. */
final class Modules {
  static final String[] NAMES = {"a", "b", "c", "d", "e", "f", "g", "h"};
  /** For each initcall, itself and everything it needs, transitively (indexes into NAMES). */
  static final int[][] NEEDS = {
      {0}, {1, 0}, {2, 0}, {3, 1, 2, 0}, {4, 3, 1, 2, 0}, {5}, {6, 4, 5, 3, 1, 2, 0},
      {7, 6, 4, 5, 3, 1, 2, 0}};
  static final AtomicIntegerArray RUNS = new AtomicIntegerArray(NAMES.length);
  /** Plain writes: visible to a thread that required the initcall only through the agent. */
  static final int[] VALUE = new int[NAMES.length];

  private Modules() {}

  private static void ran(int i) {
    RUNS.incrementAndGet(i);
    Thread.yield();
    VALUE[i] = i + 1;
  }

  @Initcall(name = "a", deferred = true)
  static void a() {
    ran(0);
  }

  @Initcall(name = "b", after = "a", deferred = true, async = true)
  static void b() {
    ran(1);
  }

  @Initcall(name = "c", after = "a", deferred = true)
  static void c() {
    ran(2);
  }

  @Initcall(name = "d", after = {"b", "c"}, deferred = true, async = true)
  static void d() {
    ran(3);
  }

  @Initcall(name = "e", after = "d", deferred = true)
  static void e() {
    ran(4);
  }

  @Initcall(name = "f", deferred = true, async = true)
  static void f() {
    ran(5);
  }

  @Initcall(name = "g", after = {"e", "f"}, deferred = true, async = true)
  static void g() {
    ran(6);
  }

  @Initcall(name = "h", after = "g", deferred = true)
  static void h() {
    ran(7);
  }
}
