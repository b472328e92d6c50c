package org.initcall4j.agent.runtime;

/**
 * An initcall ran past its timeout and was given up on ({@code timeout.skip}). Its stack trace is
 * the stuck thread's stack at that moment, which is what the user needs to see.
 */
public final class InitcallTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  InitcallTimeoutException(InitcallRecord record, long timeoutMillis, Thread stuck) {
    super("timed out after " + org.initcall4j.agent.text.Durations.format(timeoutMillis)
        + " and given up on (timeout.skip); thread " + stuck.getName()
        + " is left running it, stack below");
    setStackTrace(stuck.getStackTrace());
  }
}
