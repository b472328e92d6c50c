package org.initcall4j.agent.runtime;

import java.util.List;
import org.initcall4j.agent.model.InitcallSpec;

/**
 * Run-time state of one initcall. State changes happen under this object's monitor, so whoever
 * sees a terminal state also sees everything the initcall did (happens-before through the lock).
 */
public final class InitcallRecord implements Blocker {
  /** Replaced by a slim copy once nothing can run any more ({@link #releaseInitWork}). */
  private volatile InitcallSpec spec;
  private final int position;
  private final WaitGraph waits;
  private List<InitcallRecord> prerequisites = List.of();

  private volatile InitcallState state;
  /** Volatile so the wait graph can read it without this monitor. */
  private volatile Thread runner;
  private boolean abandoned;
  private String threadName;
  private long threadId;
  private long startNanos;
  private long durationNanos;
  private Throwable error;
  private String skipReason;
  private String exitNote;
  private boolean disabledAnnounced;

  InitcallRecord(InitcallSpec spec, int position, WaitGraph waits) {
    this.spec = spec;
    this.position = position;
    this.waits = waits;
    this.state = spec.deferred() ? InitcallState.DEFERRED : InitcallState.PENDING;
  }

  void prerequisites(List<InitcallRecord> prerequisites) {
    this.prerequisites = List.copyOf(prerequisites);
  }

  public InitcallSpec spec() {
    return spec;
  }

  /**
   * Keeps what reports need (name, level, flags, target) and drops the rest of the declaration
   * (dependency names, origin) and the links to prerequisites. Only when this one is terminal.
   */
  void releaseInitWork() {
    InitcallSpec full = spec;
    spec = new InitcallSpec(full.name(), full.level(), full.className(), full.methodName(),
        List.of(), List.of(), null, full.deferred(), full.async(), full.mainThread(), null);
    prerequisites = List.of();
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

  /** The id of the thread that ran (or skipped) it; meaningful once it was claimed. */
  public synchronized long threadId() {
    return threadId;
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

  /** Why it was skipped, or who disabled it; null otherwise. */
  public synchronized String skipReason() {
    return skipReason;
  }

  /** Thread that runs this initcall now, or null. */
  public Thread runner() {
    return runner;
  }

  /** True when it was given up on after its timeout, while its thread went on running it. */
  public synchronized boolean abandoned() {
    return abandoned;
  }

  @Override
  public String describe() {
    return "initcall '" + name() + "'";
  }

  @Override
  public java.util.Collection<Thread> holders() {
    Thread holder = runner;
    return holder == null ? List.of() : List.of(holder);
  }

  /**
   * Takes the right to run this initcall. False when it is terminal, or running on another
   * thread (then this waits until it is terminal).
   *
   * @throws InitcallReentryException when the current thread is already running it
   */
  synchronized boolean claim(long nowNanos) throws InterruptedException {
    awaitWhile(InitcallState.RUNNING);
    if (state.isTerminal()) {
      return false;
    }
    state = InitcallState.RUNNING;
    runner = Thread.currentThread();
    threadName = runner.getName();
    threadId = runner.getId(); // threadId() is JDK 19+; the agent runs on 17
    startNanos = nowNanos;
    return true;
  }

  /**
   * Ends the run of the thread that claimed it. False when it was given up on meanwhile: then the
   * outcome is ignored, the record stays failed.
   */
  synchronized boolean finish(long nowNanos, Throwable failure) {
    if (abandoned) {
      return false;
    }
    durationNanos = nowNanos - startNanos;
    error = failure;
    runner = null;
    state = failure == null ? InitcallState.DONE : InitcallState.FAILED;
    notifyAll();
    return true;
  }

  /**
   * Gives up on a run that is past its timeout: failed with {@code reason}, and whoever waits is
   * released. False when it is no longer run by {@code stuck}.
   */
  synchronized boolean abandon(long nowNanos, Thread stuck, Throwable reason) {
    if (state != InitcallState.RUNNING || runner != stuck) {
      return false;
    }
    abandoned = true;
    durationNanos = nowNanos - startNanos;
    error = reason;
    runner = null;
    state = InitcallState.FAILED;
    notifyAll();
    return true;
  }

  /**
   * Switches it off before anything ran: it never runs, and what needs it is skipped.
   *
   * @param reason who disabled it, e.g. {@code option 'disable'}
   */
  synchronized void disable(String reason) {
    skipReason = reason;
    state = InitcallState.DISABLED;
  }

  /** True the first time it is asked for a disabled initcall: the one time it is reported. */
  synchronized boolean announceDisabled() {
    if (state != InitcallState.DISABLED || disabledAnnounced) {
      return false;
    }
    disabledAnnounced = true;
    return true;
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
      awaitWhile(state);
    }
  }

  /**
   * Waits, holding this monitor, while the state is {@code current}: refuses a wait that would
   * deadlock and reports one that stalls.
   */
  private void awaitWhile(InitcallState current) throws InterruptedException {
    if (state != current) {
      return;
    }
    if (runner == Thread.currentThread()) {
      throw new InitcallReentryException(this);
    }
    WaitGraph.Wait wait = waits.enter(this);
    try {
      while (state == current) {
        wait(waits.sliceMillis());
        waits.waited(wait);
      }
    } finally {
      waits.leave(wait);
    }
  }

  /** What the exit work found for it, when it had not run by then: said in its outcome. */
  synchronized void noteAtExit(String note) {
    exitNote = note;
  }

  /** One line for reports: what happened to it. */
  public String outcome() {
    String note;
    synchronized (this) {
      note = exitNote;
    }
    return switch (state()) {
      case FAILED -> "failed: " + error();
      case SKIPPED -> "skipped: " + skipReason();
      case DISABLED -> "disabled: " + skipReason();
      default -> state().name().toLowerCase(java.util.Locale.ROOT)
          + (note == null || state().isTerminal() ? "" : ", " + note);
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
