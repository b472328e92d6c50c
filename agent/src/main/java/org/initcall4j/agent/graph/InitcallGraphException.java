package org.initcall4j.agent.graph;

import java.util.List;

/** Every problem found in a set of initcalls; nothing runs when this is thrown. */
public final class InitcallGraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<GraphProblem> problems;

  public InitcallGraphException(List<GraphProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<GraphProblem> problems() {
    return problems;
  }

  private static String describe(List<GraphProblem> problems) {
    StringBuilder out = new StringBuilder();
    out.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
        .append(" in the initcall graph:");
    for (GraphProblem problem : problems) {
      out.append("\n  - ").append(problem.message().replace("\n", "\n    "));
    }
    return out.toString();
  }
}
