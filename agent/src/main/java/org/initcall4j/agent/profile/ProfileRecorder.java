package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Called from every timed static initializer: {@link #enter} first, then {@link #exit} or
 * {@link #exitFailed}. Each thread keeps its own stack of running initializers, so a nested one's
 * time is taken out of its parent's exclusive time. Only JDK types, static methods, and nothing
 * that can load an application class.
 */
public final class ProfileRecorder {
  private static final ThreadLocal<Running> CURRENT = new ThreadLocal<>();
  private static final ConcurrentLinkedQueue<ClinitTiming> FINISHED =
      new ConcurrentLinkedQueue<>();

  private ProfileRecorder() {}

  /** A static initializer in progress on this thread. */
  private static final class Running {
    final String className;
    final long start;
    final Running parent;
    long nested;

    Running(String className, long start, Running parent) {
      this.className = className;
      this.start = start;
      this.parent = parent;
    }
  }

  /** The static initializer of {@code className} starts on this thread. */
  public static void enter(String className) {
    CURRENT.set(new Running(className, System.nanoTime(), CURRENT.get()));
  }

  /** The innermost running static initializer of this thread returned normally. */
  public static void exit() {
    finish(false);
  }

  /** The innermost running static initializer of this thread threw. */
  public static void exitFailed() {
    finish(true);
  }

  private static void finish(boolean failed) {
    long now = System.nanoTime();
    Running done = CURRENT.get();
    if (done == null) {
      return;
    }
    if (done.parent == null) {
      CURRENT.remove(); // nothing left for a thread that may never init a class again
    } else {
      CURRENT.set(done.parent);
    }
    long inclusive = now - done.start;
    if (done.parent != null) {
      done.parent.nested += inclusive;
    }
    Thread thread = Thread.currentThread();
    FINISHED.add(new ClinitTiming(done.className, thread.getName(), thread.getId(), done.start,
        inclusive, inclusive - done.nested,
        done.parent == null ? null : done.parent.className, failed));
  }

  /** Every static initializer finished so far, in no particular order. */
  public static List<ClinitTiming> snapshot() {
    return new ArrayList<>(FINISHED);
  }
}
