package org.initcall4j.agent.control;

import java.util.concurrent.atomic.AtomicBoolean;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Carries out the flush policy: after a delay from the end of boot, or when the application calls
 * {@code Initcalls.ready()}. Either way the flush runs on its own daemon thread
 * ({@code initcall4j-flush}), so neither premain nor the caller of {@code ready()} waits for it.
 */
public final class FlushScheduler {
  private final FlushPolicy policy;
  private final InitcallRuntime runtime;
  private final long bootEndNanos;
  private final AtomicBoolean readyCalled = new AtomicBoolean();
  private volatile long readyNanos = -1;

  FlushScheduler(FlushPolicy policy, InitcallRuntime runtime) {
    this.policy = policy;
    this.runtime = runtime;
    this.bootEndNanos = runtime.elapsedNanos();
  }

  public FlushPolicy policy() {
    return policy;
  }

  /** When {@code Initcalls.ready()} was first called (ns since agent start), or -1. */
  public long readyNanos() {
    return readyNanos;
  }

  /** When boot ended (ns since agent start). */
  public long bootEndNanos() {
    return bootEndNanos;
  }

  /** Starts the delayed flush, if that is the policy and something is parked. */
  void afterBoot() {
    if (policy.kind() == FlushPolicy.Kind.DELAY && !runtime.pendingDeferred().isEmpty()) {
      flushInBackground("flush=" + policy, policy.delayMillis());
    }
  }

  /** The application says it is up; the first call counts. */
  void ready() {
    if (!readyCalled.compareAndSet(false, true)) {
      return;
    }
    readyNanos = runtime.elapsedNanos();
    if (policy.kind() == FlushPolicy.Kind.READY) {
      flushInBackground("flush=ready, Initcalls.ready() was called", 0);
    }
  }

  private void flushInBackground(String why, long delayMillis) {
    Thread thread = new Thread(new DelayedFlush(runtime, why, delayMillis), "initcall4j-flush");
    thread.setDaemon(true);
    thread.start();
  }

  /** A named class, not a lambda: started from premain, where no lambda bootstrap may run. */
  private static final class DelayedFlush implements Runnable {
    private final InitcallRuntime runtime;
    private final String why;
    private final long delayMillis;

    DelayedFlush(InitcallRuntime runtime, String why, long delayMillis) {
      this.runtime = runtime;
      this.why = why;
      this.delayMillis = delayMillis;
    }

    @Override
    public void run() {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("initcall4j: flushing deferred initcalls (" + why + ")");
      runtime.flushAll();
    }
  }
}
