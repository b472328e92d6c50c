package org.initcall4j.agent.control;

/** The control directory cannot be used safely; the message names the directory and the fix. */
public final class ControlDirectoryException extends Exception {
  private static final long serialVersionUID = 1L;

  public ControlDirectoryException(String message) {
    super(message);
  }
}
