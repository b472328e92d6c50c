package org.initcall4j.agent.profile;

import java.util.Arrays;
import java.util.List;

/**
 * The static initializers of one thread: the stack of those running, and those finished, in
 * arrays of primitives that grow by doubling. Only its thread writes to it; each finished entry
 * is published under this object's lock, which its thread alone takes (uncontended, cheap) until
 * a report reads it. Names stay as the class files have them (internal names) until then.
 */
final class ThreadTimings {
  final Thread owner;

  // the running static initializers, innermost at depth - 1: touched by the owner alone
  private String[] runningNames = new String[4];
  private long[] runningStarts = new long[4];
  private long[] runningNested = new long[4];
  private int depth;
  private String lastExited;

  // the finished ones: three strings (class, thread, nested in) and three times each
  private String[] names = new String[3 * 8];
  private long[] times = new long[3 * 8];
  private boolean[] failed = new boolean[8];
  private int finished;

  ThreadTimings(Thread owner) {
    this.owner = owner;
  }

  void enter(String className, long now) {
    if (depth == runningNames.length) {
      runningNames = Arrays.copyOf(runningNames, depth * 2);
      runningStarts = Arrays.copyOf(runningStarts, depth * 2);
      runningNested = Arrays.copyOf(runningNested, depth * 2);
    }
    runningNames[depth] = className;
    runningStarts[depth] = now;
    runningNested[depth] = 0;
    depth++;
  }

  /**
   * The innermost running static initializer ended at {@code now}.
   *
   * @return its exclusive time, or -1 for an exit without its enter
   */
  long exit(long now, boolean threw) {
    if (depth == 0) {
      return -1; // an exit without its enter: nothing to pair it with
    }
    int at = --depth;
    String className = runningNames[at];
    runningNames[at] = null;
    long inclusive = now - runningStarts[at];
    String parent = null;
    if (at > 0) {
      runningNested[at - 1] += inclusive;
      parent = runningNames[at - 1];
    }
    long exclusive = inclusive - runningNested[at];
    lastExited = className;
    add(className, parent, runningStarts[at], inclusive, exclusive, threw);
    return exclusive;
  }

  /** The class of the static initializer that ended last on this thread (internal name). */
  String lastExited() {
    return lastExited;
  }

  private synchronized void add(String className, String parent, long start, long inclusive,
      long exclusive, boolean threw) {
    if (finished == failed.length) {
      names = Arrays.copyOf(names, 6 * finished);
      times = Arrays.copyOf(times, 6 * finished);
      failed = Arrays.copyOf(failed, 2 * finished);
    }
    int row = 3 * finished;
    names[row] = className;
    names[row + 1] = owner.getName();
    names[row + 2] = parent;
    times[row] = start;
    times[row + 1] = inclusive;
    times[row + 2] = exclusive;
    failed[finished] = threw;
    finished++;
  }

  /** Adds every finished entry to {@code to}, with dotted class names. */
  synchronized void copyTo(List<ClinitTiming> to) {
    for (int i = 0; i < finished; i++) {
      int row = 3 * i;
      String parent = names[row + 2];
      to.add(new ClinitTiming(dotted(names[row]), names[row + 1], owner.getId(), times[row],
          times[row + 1], times[row + 2], parent == null ? null : dotted(parent), failed[i]));
    }
  }

  private static String dotted(String internalName) {
    return internalName.replace('/', '.');
  }
}
