package org.initcall4j.agent.transform;

import org.initcall4j.agent.hooks.HookTarget;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.runtime.InitcallDeadlockException;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallReentryException;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.InitcallState;
import org.initcall4j.agent.runtime.Invoker;

/** What the agent does for one config initcall, from inside the rewritten class and at its turn. */
abstract class Hook extends HookTarget {
  final InitcallSpec spec;
  final HookContext context;
  /** Set once the class was rewritten: until then (or if rewriting failed) no hook runs. */
  volatile boolean rewritten;
  /** For a deferred static initializer: its body has run (the fast path of every guard). */
  private volatile InitcallRecord record;

  Hook(InitcallSpec spec, HookContext context) {
    this.spec = spec;
    this.context = context;
  }

  @Override
  protected boolean enter(Object receiver, Object[] arguments) {
    throw new IllegalStateException("no entry hook for " + spec.name());
  }

  @Override
  protected void ensureInitialized() {
    throw new IllegalStateException("no initialization guard for " + spec.name());
  }

  @Override
  protected void beforeClassInit() {
    throw new IllegalStateException("no ordering hook for " + spec.name());
  }

  /** Runs the initcall at its turn (boot, flush or require), on the thread that claimed it. */
  /** See {@link Invoker#beforeClaim}; nothing by default. */
  void beforeClaim() {}

  void run(Invoker plain) throws Throwable {
    plain.invoke(spec);
  }

  /** The runtime skipped it (something it needs failed). */
  void skipped() {}

  /**
   * Whether it calls the class's code by reflection itself, rather than through the plain
   * invoker: then a named module must open the class's package to the agent when rewritten.
   */
  boolean reflectsIntoClass() {
    return false;
  }

  /** Its record, looked up once: once the init memory is freed, lookups by name are scans. */
  final InitcallRecord record() {
    InitcallRecord found = record;
    if (found == null) {
      found = context.runtime().find(spec.name());
      record = found;
    }
    return found;
  }

  /**
   * Makes sure this initcall has run, on this thread if nobody runs it (with what it needs);
   * failures are left in the record for the caller to judge.
   */
  final InitcallRecord require() {
    InitcallRuntime runtime = context.runtime();
    InitcallRecord own = record();
    if (!own.state().isTerminal()) {
      try {
        runtime.require(spec.name());
      } catch (InitcallReentryException | InitcallDeadlockException e) {
        throw e;
      } catch (IllegalStateException e) {
        // failed, skipped or interrupted: the record (or its state) says which
      }
    }
    return own;
  }

  static boolean isDone(InitcallRecord record) {
    return record.state() == InitcallState.DONE;
  }
}
