package org.initcall4j.agent.runtime;

import java.io.PrintStream;

/**
 * Prints what must never pass silently (failures with their stack trace, skips, empty flushes,
 * flushes that did not all succeed) and, with {@code debug}, the kernel's {@code initcall_debug}
 * lines:
 * <pre>
 * calling  usb @ main
 * initcall usb returned after 1234 usecs
 * </pre>
 */
public final class ConsoleReporter implements InitcallListener {
  private final PrintStream out;
  private final boolean debug;

  public ConsoleReporter(PrintStream out, boolean debug) {
    this.out = out;
    this.debug = debug;
  }

  @Override
  public void started(InitcallRecord record) {
    if (debug) {
      out.println("calling  " + record.name() + " @ " + Thread.currentThread().getName());
    }
  }

  @Override
  public void finished(InitcallRecord record) {
    long usecs = record.durationNanos() / 1000;
    Throwable error = record.error();
    if (error == null) {
      if (debug) {
        out.println("initcall " + record.name() + " returned after " + usecs + " usecs");
      }
      return;
    }
    synchronized (out) {
      out.println("initcall " + record.name() + " failed after " + usecs + " usecs: " + error);
      error.printStackTrace(out);
    }
  }

  @Override
  public void skipped(InitcallRecord record) {
    out.println("initcall " + record.name() + " skipped: " + record.skipReason());
  }

  /** The kernel's {@code initcall usb blacklisted}, with who asked for it. */
  @Override
  public void disabled(InitcallRecord record) {
    out.println("initcall " + record.name() + " disabled (" + record.skipReason() + ")");
  }

  @Override
  public void returnedAfterGivingUp(InitcallRecord record, long nanos, Throwable failure) {
    out.println("initcall " + record.name() + " returned after " + nanos / 1000 + " usecs on thread "
        + Thread.currentThread().getName() + ", after it was given up on; ignored"
        + (failure == null ? "" : " (it failed: " + failure + ")"));
  }

  /**
   * Says a flush that ran nothing, one whose initcalls did not all succeed (with each failure or
   * skip, an earlier one too, on the same line), and, with {@code debug}, every other one.
   */
  @Override
  public void flushFinished(FlushResult result) {
    if (debug || result.ran() == 0 || !result.allSucceeded()) {
      out.println("initcall4j: flush " + result.what() + ": " + result.summary());
    }
  }
}
