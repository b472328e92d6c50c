package org.initcall4j.agent.runtime;

import java.util.List;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * Run-time state of one initcall. State changes happen under this object's monitor, so whoever
 * sees a terminal state also sees everything the initcall did (happens-before through the lock).
 */
public final class InitcallRecord {
  private final InitcallSpec spec;
  private final int position;
  private List<InitcallRecord> prerequisites = List.of();

  private volatile InitcallState state;
  private Thread runner;
  private String threadName;
  private long startNanos;
  private long durationNanos;
  private Throwable error;
  private String skipReason;

  InitcallRecord(InitcallSpec spec, int position) {
    this.spec = spec;
    this.position = position;
    this.state = spec.deferred() ? InitcallState.DEFERRED : InitcallState.PENDING;
  }

  void prerequisites(List<InitcallRecord> prerequisites) {
    this.prerequisites = List.copyOf(prerequisites);
  }

  public InitcallSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  public int position() {
    return position;
  }

  public List<InitcallRecord> prerequisites() {
    return prerequisites;
  }

  public InitcallState state() {
    return state;
  }

  public synchronized String threadName() {
    return threadName;
  }

  /** Start, in nanoseconds since the runtime was created; meaningful once it has run. */
  public synchronized long startNanos() {
    return startNanos;
  }

  public synchronized long durationNanos() {
    return durationNanos;
  }

  public synchronized Throwable error() {
    return error;
  }

  public synchronized String skipReason() {
    return skipReason;
  }

  /** Thread that runs this initcall now, or null. */
  public synchronized Thread runner() {
    return runner;
  }

  /**
   * Takes the right to run this initcall. False when it is terminal, or running on another
   * thread (then this waits until it is terminal).
   *
   * @throws InitcallReentryException when the current thread is already running it
   */
  synchronized boolean claim(long nowNanos) throws InterruptedException {
    while (state == InitcallState.RUNNING) {
      if (runner == Thread.currentThread()) {
        throw new InitcallReentryException(this);
      }
      wait();
    }
    if (state.isTerminal()) {
      return false;
    }
    state = InitcallState.RUNNING;
    runner = Thread.currentThread();
    threadName = runner.getName();
    startNanos = nowNanos;
    return true;
  }

  synchronized void finish(long nowNanos, Throwable failure) {
    durationNanos = nowNanos - startNanos;
    error = failure;
    runner = null;
    state = failure == null ? InitcallState.DONE : InitcallState.FAILED;
    notifyAll();
  }

  synchronized void skip(long nowNanos, String reason) {
    durationNanos = 0;
    startNanos = nowNanos;
    skipReason = reason;
    runner = null;
    state = InitcallState.SKIPPED;
    notifyAll();
  }

  /** Waits until this initcall is terminal; another thread must be running it. */
  synchronized void awaitTerminal() throws InterruptedException {
    while (!state.isTerminal()) {
      if (runner == Thread.currentThread()) {
        throw new InitcallReentryException(this);
      }
      wait();
    }
  }

  /** One line for reports: what happened to it. */
  public String outcome() {
    return switch (state()) {
      case FAILED -> "failed: " + error();
      case SKIPPED -> "skipped: " + skipReason();
      default -> state().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
