package org.initcall4j.agent.runtime;

/**
 * Waiting would never end: the initcall asked for is held, through a chain of waits, by the
 * thread that asks. Thrown instead of waiting, so the requester fails and the others go on.
 */
public final class InitcallDeadlockException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  InitcallDeadlockException(String cycle) {
    super("deadlock refused: " + cycle + "; each of these threads would wait for ever. Break the"
        + " cycle: do not require an initcall from code that one of its prerequisites (or a"
        + " static initializer it triggers) is waiting for, or declare the order with after/before");
  }
}
