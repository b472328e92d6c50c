package org.initcall4j.agent.runtime;

import org.initcall4j.agent.model.InitcallSpec;

/** Runs the code behind one initcall. */
@FunctionalInterface
public interface Invoker {
  /** Runs it; any throwable is the initcall's failure, as the initcall itself threw it. */
  void invoke(InitcallSpec spec) throws Throwable;
}
