package org.initcall4j.agent.index;

/** A malformed index line, named by resource and line number. */
public final class IndexFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IndexFormatException(String source, int line, String problem) {
    super(source + ":" + line + ": " + problem);
  }
}
