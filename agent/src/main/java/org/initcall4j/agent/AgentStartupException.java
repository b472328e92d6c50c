package org.initcall4j.agent;

/** Start-up must not go on: bad options, a bad index or config, or a fatal boot failure. */
final class AgentStartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AgentStartupException(String message) {
    super(message);
  }
}
