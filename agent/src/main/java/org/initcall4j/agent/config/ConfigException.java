package org.initcall4j.agent.config;

import java.util.List;

/** Every problem found in a config file; nothing from the file is used when this is thrown. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  static String describe(List<ConfigProblem> problems) {
    StringBuilder out = new StringBuilder();
    out.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
        .append(" in the initcall config (fix them, or add option 'lenient' to skip bad entries):");
    for (ConfigProblem problem : problems) {
      out.append("\n  ").append(problem);
    }
    return out.toString();
  }
}
