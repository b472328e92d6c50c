package org.initcall4j.agent.runtime;

/** An initcall asked, while running, for itself or for something that needs it. */
public final class InitcallReentryException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  InitcallReentryException(InitcallRecord record) {
    super("initcall '" + record.name() + "' was asked for while it is running on this thread ("
        + Thread.currentThread().getName() + "): it, or something it runs, requires itself;"
        + " remove that call or move it out of " + record.spec().target());
  }
}
