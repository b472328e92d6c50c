package entry;

import java.util.ArrayList;
import java.util.List;

/** Existing code: records each call, per thread, in the order the calls ran. */
public final class Counter {
  private static final List<List<Integer>> RUNS = new ArrayList<>();

  private Counter() {}

  static synchronized void threads(int count) {
    for (int i = 0; i < count; i++) {
      RUNS.add(new ArrayList<>());
    }
  }

  public static synchronized void hit(int thread, int call) {
    RUNS.get(thread).add(call);
  }

  /** Calls that ran, per thread, in the order they ran. */
  static synchronized List<List<Integer>> runs() {
    return RUNS;
  }
}
