package org.initcall4j.agent.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds the threads the exit work waits for that can never finish: the thread exiting the JVM
 * ({@code System.exit} waits for the shutdown hooks, so it cannot go on) and any thread waiting
 * for a lock that the exiting thread holds, directly or through other lock owners. Waiting for
 * them would only burn {@code exit.wait}. Lock owners come from {@link ThreadMXBean}, asked only
 * about threads blocked on a lock, so a plain exit never loads {@code java.management}.
 */
final class StuckAtExit {
  private static final int MAX_HOPS = 16;

  private StuckAtExit() {}

  /** Each thread of {@code busy} that cannot finish, with why (the end of a sentence). */
  static Map<Thread, String> find(Collection<Thread> busy) {
    Map<Thread, String> stuck = new HashMap<>();
    Map<Long, Thread> exiting = exitingThreads();
    for (Thread thread : busy) {
      if (exiting.containsKey(thread.getId())) {
        stuck.put(thread, "its thread " + thread.getName() + " is the one exiting the JVM"
            + " (it called System.exit), and it waits for the exit hooks");
        continue;
      }
      Thread holder = exitingHolder(thread, exiting);
      if (holder != null) {
        stuck.put(thread, "its thread " + thread.getName() + " waits for a lock held by thread '"
            + holder.getName() + "', which is exiting the JVM");
      }
    }
    return stuck;
  }

  /** Threads inside {@code java.lang.Shutdown}: System.exit, a signal, or the end of main. */
  private static Map<Long, Thread> exitingThreads() {
    Map<Long, Thread> exiting = new HashMap<>();
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : entry.getValue()) {
        if (frame.getClassName().equals("java.lang.Shutdown")) {
          exiting.put(entry.getKey().getId(), entry.getKey());
          break;
        }
      }
    }
    return exiting;
  }

  /** The exiting thread at the end of the chain of lock owners from {@code thread}, or null. */
  private static Thread exitingHolder(Thread thread, Map<Long, Thread> exiting) {
    Thread.State state = thread.getState();
    boolean onLock = state == Thread.State.BLOCKED || (state != Thread.State.RUNNABLE
        && LockSupport.getBlocker(thread) != null);
    if (!onLock) {
      return null; // sleeping or in Object.wait: no owner to blame
    }
    ThreadMXBean threads;
    try {
      threads = ManagementFactory.getThreadMXBean();
    } catch (LinkageError e) {
      return null; // an image without java.management: exit.wait bounds the wait anyway
    }
    Set<Long> seen = new HashSet<>();
    long id = thread.getId();
    for (int hop = 0; hop < MAX_HOPS && seen.add(id); hop++) {
      ThreadInfo info = threads.getThreadInfo(id);
      long owner = info == null ? -1 : info.getLockOwnerId();
      if (owner < 0) {
        return null;
      }
      if (exiting.containsKey(owner)) {
        return exiting.get(owner);
      }
      id = owner;
    }
    return null;
  }
}
