package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Called from every timed static initializer: {@link #enter} first, then {@link #exit} or
 * {@link #exitFailed}. Each thread keeps its own stack of running initializers, so a nested one's
 * time is taken out of its parent's exclusive time, and its own log of finished ones
 * ({@link ThreadTimings}): no shared queue, no compare-and-set, no object per initializer.
 * Records are made only when someone reads them ({@link #snapshot}). Only JDK types, static
 * methods, and nothing that can load an application class.
 */
public final class ProfileRecorder {
  private static final ThreadLocal<ThreadTimings> MINE = new ThreadLocal<>();
  /**
   * The log last used, checked against the current thread before use: most static initializers
   * run on one thread, which then skips the thread-local lookup. Read and written without a
   * lock, which is safe as its owner is a final field.
   */
  private static ThreadTimings last;
  /** See {@link #takeTriggersFrom}; plain, as it is set before the transformer is added. */
  private static long slowNanos = Long.MAX_VALUE;

  private static final Object ALL_LOCK = new Object();
  private static ThreadTimings[] all = new ThreadTimings[4]; // guarded by ALL_LOCK
  private static int threads; // guarded by ALL_LOCK

  private ProfileRecorder() {}

  /**
   * The static initializer of {@code className} starts on this thread.
   *
   * @param className as the class file names the class: internal ({@code a/b/C}) or dotted
   */
  public static void enter(String className) {
    ThreadTimings mine = mine();
    mine.enter(className, System.nanoTime());
  }

  /** The innermost running static initializer of this thread returned normally. */
  public static void exit() {
    long now = System.nanoTime();
    ThreadTimings mine = mine();
    if (mine.exit(now, false) >= slowNanos) {
      Triggers.take(mine.lastExited());
    }
  }

  /** The innermost running static initializer of this thread threw. */
  public static void exitFailed() {
    long now = System.nanoTime();
    ThreadTimings mine = mine();
    if (mine.exit(now, true) >= slowNanos) {
      Triggers.take(mine.lastExited());
    }
  }

  /**
   * From this exclusive time on, a static initializer's trigger is taken as it ends (a short
   * stack walk); the faster ones, nearly all, cost nothing more.
   */
  static void takeTriggersFrom(long nanos) {
    slowNanos = nanos;
  }

  private static ThreadTimings mine() {
    Thread current = Thread.currentThread();
    ThreadTimings cached = last;
    if (cached != null && cached.owner == current) {
      return cached;
    }
    ThreadTimings mine = MINE.get();
    if (mine == null) {
      mine = new ThreadTimings(current);
      MINE.set(mine);
      synchronized (ALL_LOCK) {
        if (threads == all.length) {
          all = Arrays.copyOf(all, threads * 2);
        }
        all[threads++] = mine;
      }
    }
    last = mine;
    return mine;
  }

  /** Every static initializer finished so far, in the order they finished. */
  public static List<ClinitTiming> snapshot() {
    ThreadTimings[] logs;
    synchronized (ALL_LOCK) {
      logs = Arrays.copyOf(all, threads);
    }
    List<ClinitTiming> timings = new ArrayList<>();
    for (ThreadTimings log : logs) {
      log.copyTo(timings);
    }
    if (logs.length > 1) {
      timings.sort(new ByEnd()); // stable: a thread's own order stands where times tie
    }
    return timings;
  }

  /** A plain class, not a lambda: no invokedynamic bootstrap at exit. */
  private static final class ByEnd implements java.util.Comparator<ClinitTiming> {
    @Override
    public int compare(ClinitTiming a, ClinitTiming b) {
      return Long.compare(a.startNanos() + a.inclusiveNanos(), b.startNanos() + b.inclusiveNanos());
    }
  }
}
