package org.initcall4j.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Every problem found in a config file; nothing from the file is used when this is thrown. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  private ConfigException(String message, List<ConfigProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /**
   * The file itself cannot be read: there are no entries to report or, with {@code lenient},
   * to leave out, so the message names the file as resolved and the option to fix.
   */
  static ConfigException unreadable(String path, String reason) {
    String where = path;
    try {
      String resolved = Path.of(path).toAbsolutePath().normalize().toString();
      where = resolved.equals(path) ? path : path + " (" + resolved + ")";
    } catch (InvalidPathException e) {
      // named as given: there is no resolved path to show
    }
    String message = "cannot read the initcall config file " + where + ": " + reason
        + "; give option config= the path of a readable properties file (a relative path is"
        + " resolved against the working directory)";
    return new ConfigException(message, List.of(new ConfigProblem(path, 0, null, null, message)));
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
