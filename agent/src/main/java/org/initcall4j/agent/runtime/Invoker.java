package org.initcall4j.agent.runtime;

import org.initcall4j.agent.model.InitcallSpec;

/** Runs the code behind one initcall. */
@FunctionalInterface
public interface Invoker {
  /** Runs it; any throwable is the initcall's failure, as the initcall itself threw it. */
  void invoke(InitcallSpec spec) throws Throwable;

  /**
   * Work that must be done before the initcall is claimed, by whichever thread is about to run
   * it, because it takes locks another thread may hold while it waits for the initcall.
   */
  default void beforeClaim(InitcallSpec spec) {}

  /** The calls parked for it until it runs (a deferred entry point), or null when it parks none. */
  default ParkedQueue parkedQueue(InitcallSpec spec) {
    return null;
  }
}
