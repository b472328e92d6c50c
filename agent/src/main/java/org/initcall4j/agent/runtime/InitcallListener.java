package org.initcall4j.agent.runtime;

/** Hears what the runtime does; called on the thread that does it. Should not throw. */
public interface InitcallListener {
  default void started(InitcallRecord record) {}

  /** Done or failed. */
  default void finished(InitcallRecord record) {}

  default void skipped(InitcallRecord record) {}

  /** Switched off by name: it will never run. Said once, before anything runs. */
  default void disabled(InitcallRecord record) {}

  /**
   * An initcall given up on after its timeout has returned at last, {@code nanos} after it started;
   * its outcome ({@code failure}, null when it returned normally) is ignored.
   */
  default void returnedAfterGivingUp(InitcallRecord record, long nanos, Throwable failure) {}

  default void flushStarted(String what) {}

  /** A flush is over: what it ran, and what failed or was skipped. */
  default void flushFinished(FlushResult result) {}
}
