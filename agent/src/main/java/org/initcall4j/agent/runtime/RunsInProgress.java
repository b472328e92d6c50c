package org.initcall4j.agent.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The threads inside a boot, a flush or a require right now: what the exit work waits for
 * before the JVM goes. A class, not a lambda or a computeIfAbsent: boot enters it from premain.
 */
final class RunsInProgress {
  // guarded by this: how deep each thread is (a require inside an initcall nests)
  private final Map<Thread, Integer> depth = new HashMap<>();

  synchronized void enter() {
    Thread me = Thread.currentThread();
    Integer now = depth.get(me);
    depth.put(me, now == null ? 1 : now + 1);
  }

  synchronized void leave() {
    Thread me = Thread.currentThread();
    Integer now = depth.get(me);
    if (now == null || now <= 1) {
      depth.remove(me);
      notifyAll();
    } else {
      depth.put(me, now - 1);
    }
  }

  synchronized List<Thread> threads() {
    return new ArrayList<>(depth.keySet());
  }

  /** Waits up to {@code millis} for a thread to leave. */
  synchronized void awaitChange(long millis) throws InterruptedException {
    if (!depth.isEmpty() && millis > 0) {
      wait(millis);
    }
  }
}
