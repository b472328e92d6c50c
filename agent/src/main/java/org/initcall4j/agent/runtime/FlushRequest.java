package org.initcall4j.agent.runtime;

import java.util.List;

/**
 * The one path of every flush, whoever asks ({@link FlushTrigger}): it says on stderr what was
 * asked, runs it on the right thread and reports a failure nobody waits for. The application's
 * own call runs on its thread. Any other trigger (the flush policy, the control directory, JMX)
 * runs on a fresh non-daemon thread, as {@code main} would run it. A thread inherits its
 * creator's daemon status, so a server an initcall starts keeps the JVM alive as it would
 * without the agent, and the JVM does not end in the middle of the flush when {@code main}
 * returns. Such a flush is not started once the JVM exits (its hook would not wait for it).
 * A class, not a lambda: the flush policy starts it from premain.
 */
public final class FlushRequest implements Runnable {
  private final InitcallRuntime runtime;
  private final String name;
  private final String announce;
  /** False when nobody waits for the result: a failure is then said on stderr here. */
  private final boolean waited;
  // guarded by this: handed from the flushing thread to the one waiting for it
  private FlushResult result;
  private Throwable failure;

  private FlushRequest(InitcallRuntime runtime, String name, String announce,
      boolean waited) {
    this.runtime = runtime;
    this.name = name;
    this.announce = announce;
    this.waited = waited;
  }

  /**
   * Starts the flush on the trigger's thread and returns at once.
   *
   * @param name the initcall or group to flush (with what it needs), or null for all
   * @param announce a line for stderr when the flush starts, or null
   */
  public static void start(InitcallRuntime runtime, FlushTrigger trigger, String name,
      String announce) {
    thread(new FlushRequest(runtime, name, announce, false), trigger).start();
  }

  /**
   * Runs the flush on the trigger's thread and waits for it.
   *
   * @param name the initcall or group to flush (with what it needs), or null for all
   * @param announce a line for stderr when the flush starts, or null
   * @return what the flush did; nothing ran when the JVM was already exiting
   * @throws IllegalArgumentException for an unknown name, as {@link InitcallRuntime#flush}
   * @throws IllegalStateException when the waiting thread is interrupted (the flush goes on)
   */
  public static FlushResult run(InitcallRuntime runtime, FlushTrigger trigger, String name,
      String announce) {
    if (trigger.threadName == null) { // the caller's own thread: no JVM-exit check either
      if (announce != null) {
        System.err.println(announce);
      }
      return name == null ? runtime.flushAll() : runtime.flush(name);
    }
    FlushRequest flush = new FlushRequest(runtime, name, announce, true);
    Thread thread = thread(flush, trigger);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the flush on thread "
          + trigger.threadName + "; it goes on", e);
    }
    return flush.result();
  }

  private static Thread thread(FlushRequest flush, FlushTrigger trigger) {
    Thread thread = new Thread(flush, trigger.threadName);
    thread.setDaemon(false);
    return thread;
  }
  @Override
  public void run() {
    String what = name == null ? "all" : name;
    if (runtime.exiting()) {
      System.err.println("initcall4j: flush " + what + " not started: the JVM is exiting");
      synchronized (this) {
        result = new FlushResult(what, List.of(), List.of());
      }
      return;
    }
    if (announce != null) {
      System.err.println(announce);
    }
    try {
      FlushResult done = name == null ? runtime.flushAll() : runtime.flush(name);
      synchronized (this) {
        result = done;
      }
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        failure = e;
      }
      if (!waited) {
        System.err.println("initcall4j: flush " + (name == null ? "all" : name) + " failed: "
            + e);
      }
    }
  }

  private synchronized FlushResult result() {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return result;
  }
}
