package org.initcall4j.agent.runtime;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Reports an initcall that runs past {@code timeout}, with its thread's stack, and with
 * {@code timeout.skip} gives up on it. Its daemon thread ({@code initcall-watchdog}) exists only
 * while some initcall is running under a timeout.
 */
final class Watchdog implements InitcallListener, Runnable {
  private static final long IDLE_MILLIS = 2_000;

  private record Watch(InitcallRecord record, Thread runner, long deadlineNanos) {}

  /** Earliest deadline first. A class: no lambda at start-up. */
  private static final class ByDeadline implements Comparator<Watch> {
    @Override
    public int compare(Watch a, Watch b) {
      return Long.compare(a.deadlineNanos(), b.deadlineNanos());
    }
  }

  private final InitcallRuntime runtime;
  private final WaitGraph waits;
  private final long timeoutMillis;
  private final boolean giveUp;
  private final PrintStream out;
  private final PriorityQueue<Watch> watches =
      new PriorityQueue<>(new ByDeadline());
  private Thread thread;

  Watchdog(InitcallRuntime runtime, WaitGraph waits, long timeoutMillis, boolean giveUp,
      PrintStream out) {
    this.runtime = runtime;
    this.waits = waits;
    this.timeoutMillis = timeoutMillis;
    this.giveUp = giveUp;
    this.out = out;
  }

  @Override
  public synchronized void started(InitcallRecord record) {
    watches.add(new Watch(record, Thread.currentThread(),
        System.nanoTime() + timeoutMillis * 1_000_000));
    if (thread == null) {
      thread = new Thread(this, "initcall-watchdog");
      thread.setDaemon(true);
      thread.start();
    }
    notifyAll();
  }

  @Override
  public synchronized void finished(InitcallRecord record) {
    for (java.util.Iterator<Watch> it = watches.iterator(); it.hasNext(); ) {
      if (it.next().record() == record) {
        it.remove();
      }
    }
  }

  /** The watchdog thread's loop. */
  @Override
  public void run() {
    for (Watch due = nextDue(); due != null; due = nextDue()) {
      if (due.record().runner() == due.runner()) {
        expired(due.record(), due.runner());
      }
    }
  }

  /** The next watch past its deadline, or null when idle long enough to end the thread. */
  private synchronized Watch nextDue() {
    long idleSince = System.nanoTime();
    while (true) {
      Watch first = watches.peek();
      long now = System.nanoTime();
      if (first == null && now - idleSince > IDLE_MILLIS * 1_000_000) {
        thread = null;
        return null;
      }
      if (first != null && first.deadlineNanos() <= now) {
        return watches.poll();
      }
      long waitMillis = first == null ? IDLE_MILLIS : (first.deadlineNanos() - now) / 1_000_000 + 1;
      try {
        wait(waitMillis);
      } catch (InterruptedException e) {
        thread = null;
        return null;
      }
    }
  }

  private void expired(InitcallRecord record, Thread runner) {
    String head = "initcall4j: initcall " + record.name() + " has been running for more than "
        + org.initcall4j.agent.text.Durations.format(timeoutMillis) + " (timeout) on thread "
        + runner.getName();
    StringBuilder text = new StringBuilder(head);
    if (giveUp) {
      text.append("; giving up on it (timeout.skip): it is marked failed, what needs it is"
          + " skipped, and its thread is left running (stack in the failure below)\n");
    } else {
      text.append("; its stack:\n");
      WaitGraph.appendStack(text, runner);
    }
    // who is stuck behind it, and where: this shows a cycle through a class initialization lock
    for (Thread waiter : waits.waitersFor(record)) {
      text.append("  waiting for it: thread '").append(waiter.getName()).append("'\n");
      WaitGraph.appendStack(text, waiter);
    }
    out.print(text);
    out.flush();
    if (giveUp) {
      runtime.giveUp(record, runner, timeoutMillis);
    }
  }
}
