package org.initcall4j.agent.graph;

/**
 * One thing wrong with a set of initcalls.
 *
 * @param subject the initcall the problem is reported at (the one that declared the bad edge)
 * @param message the whole message, naming where each part was declared and how to fix it
 */
public record GraphProblem(String subject, String message) {
  @Override
  public String toString() {
    return message;
  }
}
