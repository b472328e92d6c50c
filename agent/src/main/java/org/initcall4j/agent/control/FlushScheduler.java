package org.initcall4j.agent.control;

import org.initcall4j.agent.runtime.FlushRequest;
import org.initcall4j.agent.runtime.FlushTrigger;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Carries out the flush policy: after a delay from the end of boot, or when the application calls
 * {@code Initcalls.ready()}. Either way the flush runs on its own non-daemon thread
 * ({@code initcall4j-flush}, see {@link FlushRequest}), so neither premain nor the caller of
 * {@code ready()} waits for it; the delay is waited out on a daemon thread
 * ({@code initcall4j-flush-timer}), which keeps no JVM alive.
 */
public final class FlushScheduler {
  private final FlushPolicy policy;
  private final InitcallRuntime runtime;
  private final long bootEndNanos;
  /**
   * Guarded by this: a plain flag, not an {@code AtomicBoolean}, whose class initializer sets up
   * the JDK's VarHandle machinery (milliseconds) inside premain when nothing else has yet.
   */
  private boolean readyCalled;
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
      Thread timer = new Thread(new DelayedFlush(runtime, "flush=" + policy,
          policy.delayMillis()), "initcall4j-flush-timer");
      timer.setDaemon(true);
      timer.start();
    }
  }

  /** The application says it is up; the first call counts. */
  void ready() {
    synchronized (this) {
      if (readyCalled) {
        return;
      }
      readyCalled = true;
    }
    readyNanos = runtime.elapsedNanos();
    if (policy.kind() == FlushPolicy.Kind.READY) {
      flushNow(runtime, "flush=ready, the application is ready");
    }
  }

  private static void flushNow(InitcallRuntime runtime, String why) {
    FlushRequest.start(runtime, FlushTrigger.POLICY, null,
        "initcall4j: flushing deferred initcalls (" + why + ")");
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
      flushNow(runtime, why);
    }
  }
}
