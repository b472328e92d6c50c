package org.initcall4j.agent.cli;

/** A CLI failure: the message is printed as is, the status is the exit code. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final int status;

  CliException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
