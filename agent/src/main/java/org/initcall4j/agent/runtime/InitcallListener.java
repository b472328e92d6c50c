package org.initcall4j.agent.runtime;

/** Hears what the runtime does; called on the thread that does it. Should not throw. */
public interface InitcallListener {
  default void started(InitcallRecord record) {}

  /** Done or failed. */
  default void finished(InitcallRecord record) {}

  default void skipped(InitcallRecord record) {}

  default void flushStarted(String what) {}

  default void flushFinished(String what, int ran) {}
}
