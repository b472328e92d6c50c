package org.initcall4j.agent.ready;

import java.util.ArrayList;
import java.util.List;

/**
 * The moment the application is ready, whoever sees it first: {@code Initcalls.ready()}, or the
 * watch of option {@code ready} ({@link ReadyWatch}). Kept as {@link System#nanoTime()}, so that
 * profile mode can compare its own times with it; later signals change nothing.
 */
public final class ReadyMoment {
  private final long startNanos;
  private final ReadySignal signal;
  private volatile long readyNanos = -1;
  private final List<Runnable> onReady = new ArrayList<>(2); // guarded by this
  private String seenBy; // guarded by this

  /**
   * @param startNanos when the agent started ({@link System#nanoTime()})
   * @param signal the option's signal, or null when only the API can say it
   */
  public ReadyMoment(long startNanos, ReadySignal signal) {
    this.startNanos = startNanos;
    this.signal = signal;
  }

  /** The option's signal, or null. */
  public ReadySignal signal() {
    return signal;
  }

  /** Runs {@code action} once when ready is seen (on the thread that saw it), at once if it was already. */
  public void onReady(Runnable action) {
    boolean already;
    synchronized (this) {
      already = readyNanos >= 0;
      if (!already) {
        onReady.add(action);
      }
    }
    if (already) {
      action.run();
    }
  }

  /**
   * The application is ready now; only the first call counts.
   *
   * @param by what saw it, for the reports ({@code Initcalls.ready()}, {@code log:...})
   * @return whether this call was the first
   */
  public boolean mark(String by) {
    List<Runnable> actions;
    synchronized (this) {
      if (readyNanos >= 0) {
        return false;
      }
      readyNanos = System.nanoTime();
      seenBy = by;
      actions = new ArrayList<>(onReady);
      onReady.clear();
    }
    for (Runnable action : actions) {
      action.run();
    }
    return true;
  }

  /** Whether ready was seen. */
  public boolean seen() {
    return readyNanos >= 0;
  }

  /** When ready was seen ({@link System#nanoTime()}), or -1. */
  public long readyNanos() {
    return readyNanos;
  }

  /** When ready was seen, in ns since the agent started, or -1. */
  public long sinceStartNanos() {
    long at = readyNanos;
    return at < 0 ? -1 : at - startNanos;
  }

  /** What saw it first, or null. */
  public synchronized String seenBy() {
    return seenBy;
  }

  /**
   * For reports written at exit, by a shutdown hook that may run before the one of
   * {@code ready=exit}: with that signal, the exit is the moment, if nothing was seen yet.
   */
  public long readyNanosAtExit() {
    if (signal != null && signal.kind() == ReadySignal.Kind.EXIT) {
      mark("exit");
    }
    return readyNanos;
  }
}
