package org.initcall4j.agent.runtime;

/**
 * Who asked for a flush, and the thread it runs on. Every trigger goes through
 * {@link FlushRequest}.
 */
public enum FlushTrigger {
  /** {@code Initcalls.flush()}: on the application's own thread, as any call would. */
  API(null),
  /** Option {@code flush=ready|DURATION}. */
  POLICY("initcall4j-flush"),
  /** A write to the control directory's {@code deferred_initcalls} (also the CLI's fallback). */
  CONTROL_FILE("initcall4j-control-flush"),
  /** The MBean's {@code flush} operations (also the CLI's). */
  JMX("initcall4j-jmx-flush");

  /** The thread an operator's flush runs on; null: the caller's. */
  final String threadName;

  FlushTrigger(String threadName) {
    this.threadName = threadName;
  }
}
