package org.initcall4j.agent.control;

/** What an operator wrote cannot be acted on; the message says why and what to write instead. */
final class RejectedInputException extends Exception {
  private static final long serialVersionUID = 1L;

  RejectedInputException(String message) {
    super(message);
  }
}
