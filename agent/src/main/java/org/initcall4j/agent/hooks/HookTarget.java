package org.initcall4j.agent.hooks;

/**
 * One initcall's hook as rewritten code reaches it, by id through {@link InitcallHooks}. The
 * instrumentation layer implements it; each operation that a kind of hook does not have throws.
 */
public abstract class HookTarget {
  /** Set once a deferred class's static initializer has run: the guard's fast path reads it. */
  protected volatile boolean initialized;

  /**
   * At the entry of an initcall method: true when the body must not run now (the call was
   * parked, or the agent already ran the initcall), false to run it.
   */
  protected abstract boolean enter(Object receiver, Object[] arguments);

  /** At the entry of a method of a class whose static initializer is deferred. */
  protected abstract void ensureInitialized();

  /** At the start of a static initializer that must follow other initcalls. */
  protected abstract void beforeClassInit();
}
