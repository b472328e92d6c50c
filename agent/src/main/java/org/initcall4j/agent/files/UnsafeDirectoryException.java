package org.initcall4j.agent.files;

/** A directory the agent would write into is not safe to use; the message names it and the fix. */
public final class UnsafeDirectoryException extends Exception {
  private static final long serialVersionUID = 1L;

  UnsafeDirectoryException(String message) {
    super(message);
  }
}
