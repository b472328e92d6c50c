package org.initcall4j.agent.runtime;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who waits for what: thread T waits for an initcall (or a batch) that thread U holds. Before a
 * thread waits, it looks for a path back to itself; a path is a deadlock, refused with
 * {@link InitcallDeadlockException} instead of waiting. A wait that lasts past the stall limit is
 * reported with the stacks of the threads involved, which also covers cycles the runtime cannot
 * see (a class initialization lock, JLS 12.4.2, held by one of them).
 *
 * <p>Lock order: callers may hold an initcall's monitor when they call in here, and nothing in here
 * takes an initcall's monitor ({@link Blocker#holders()} reads volatile state), so no lock cycle.
 */
final class WaitGraph {
  private final Map<Thread, Wait> waits = new HashMap<>();
  private final long stallMillis;
  private final PrintStream out;

  WaitGraph(long stallMillis, PrintStream out) {
    this.stallMillis = stallMillis;
    this.out = out;
  }

  /** One thread's wait for one blocker. */
  static final class Wait {
    final Thread thread;
    final Blocker blocker;
    final long sinceNanos = System.nanoTime();
    final Wait outer;
    boolean reported;

    Wait(Thread thread, Blocker blocker, Wait outer) {
      this.thread = thread;
      this.blocker = blocker;
      this.outer = outer;
    }
  }

  /** How long one wait may block before {@link #waited} checks for a stall. */
  long sliceMillis() {
    return stallMillis;
  }

  /**
   * Records that the current thread is about to wait for {@code blocker}.
   *
   * @throws InitcallDeadlockException when that wait would close a cycle
   */
  synchronized Wait enter(Blocker blocker) {
    Thread me = Thread.currentThread();
    List<String> path = new ArrayList<>();
    if (reaches(blocker, me, new HashSet<>(), path)) {
      throw new InitcallDeadlockException("thread '" + me.getName() + "' would wait for "
          + String.join(", which waits for ", path));
    }
    Wait wait = new Wait(me, blocker, waits.get(me));
    waits.put(me, wait);
    return wait;
  }

  synchronized void leave(Wait wait) {
    if (waits.get(wait.thread) == wait) {
      if (wait.outer == null) {
        waits.remove(wait.thread);
      } else {
        waits.put(wait.thread, wait.outer);
      }
    }
  }

  /** Called after each slice of a wait: reports it once when it has lasted past the limit. */
  void waited(Wait wait) {
    List<Thread> involved;
    synchronized (this) {
      if (wait.reported || System.nanoTime() - wait.sinceNanos < stallMillis * 1_000_000) {
        return;
      }
      wait.reported = true;
      involved = chain(wait);
    }
    report(wait, involved);
  }

  /** Threads waiting for {@code blocker} now. */
  synchronized List<Thread> waitersFor(Blocker blocker) {
    List<Thread> waiters = new ArrayList<>();
    for (Wait wait : waits.values()) {
      for (Wait w = wait; w != null; w = w.outer) {
        if (w.blocker == blocker) {
          waiters.add(w.thread);
        }
      }
    }
    return waiters;
  }

  /**
   * Appends a thread's stack, one {@code at} line a frame, leaving out the frames of the report
   * itself when a thread reports on itself.
   */
  static void appendStack(StringBuilder text, Thread thread) {
    StackTraceElement[] frames = thread.getStackTrace();
    int first = 0;
    // another thread's Thread frames (sleep, join) are where it is stuck: only our own are noise
    while (thread == Thread.currentThread() && first < frames.length
        && (frames[first].getClassName().equals(Thread.class.getName())
        || frames[first].getClassName().equals(WaitGraph.class.getName()))) {
      first++;
    }
    for (int i = first == frames.length ? 0 : first; i < frames.length; i++) {
      text.append("\tat ").append(frames[i]).append('\n');
    }
  }

  /** Depth-first over holders: does waiting for {@code blocker} lead back to {@code target}? */
  private boolean reaches(Blocker blocker, Thread target, Set<Thread> seen, List<String> path) {
    for (Thread holder : blocker.holders()) {
      path.add(blocker.describe() + " on thread '" + holder.getName() + "'");
      if (holder == target) {
        return true;
      }
      Wait next = waits.get(holder);
      if (seen.add(holder) && next != null && reaches(next.blocker, target, seen, path)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  /** The waiting thread and every thread its wait depends on, transitively. */
  private List<Thread> chain(Wait wait) {
    Set<Thread> involved = new LinkedHashSet<>();
    involved.add(wait.thread);
    List<Blocker> todo = new ArrayList<>(List.of(wait.blocker));
    while (!todo.isEmpty()) {
      for (Thread holder : todo.remove(todo.size() - 1).holders()) {
        Wait next = waits.get(holder);
        if (involved.add(holder) && next != null) {
          todo.add(next.blocker);
        }
      }
    }
    return new ArrayList<>(involved);
  }

  private void report(Wait wait, List<Thread> involved) {
    StringBuilder text = new StringBuilder("initcall4j: stall: thread '")
        .append(wait.thread.getName()).append("' has waited ")
        .append((System.nanoTime() - wait.sinceNanos) / 1_000_000).append(" ms for ")
        .append(wait.blocker.describe()).append("; threads involved:\n");
    for (Thread thread : involved) {
      Wait waiting;
      synchronized (this) {
        waiting = waits.get(thread);
      }
      // the reporting thread is between two waits: call it what it is doing
      text.append("  thread '").append(thread.getName()).append("' ")
          .append(thread == Thread.currentThread() ? Thread.State.WAITING : thread.getState())
          .append(waiting == null ? "" : ", waiting for " + waiting.blocker.describe())
          .append('\n');
      if (waiting == null && thread != wait.thread) {
        text.append("    (not waiting for an initcall: if its top frame uses a class whose static"
            + " initializer is on a waiting thread's stack, it waits for that class's"
            + " initialization lock, JLS 12.4.2: a deadlock initcall4j cannot break; timeout.skip"
            + " gives up on the initcall, or do not require initcalls from static initializers)\n");
      }
      appendStack(text, thread);
    }
    out.print(text);
    out.flush();
  }
}
