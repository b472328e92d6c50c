package org.initcall4j.agent.cli;

import java.util.List;

/**
 * The arguments of {@code verify}: {@code [--config FILE] [--lenient] [--dot FILE] CLASSPATH},
 * options also as {@code --config=FILE}.
 *
 * @param config the config file as given (the agent's option {@code config=}), or null
 * @param lenient the agent's option {@code lenient}: bad config entries are left out, not fatal
 * @param dot where to write the initcall graph, or null
 * @param classPath the class path, as for {@code java -cp}
 */
record VerifyArguments(String config, boolean lenient, String dot, String classPath) {
  static final String USAGE = "verify takes [--config FILE] [--lenient] [--dot FILE] CLASSPATH";

  static VerifyArguments parse(List<String> args) throws CliException {
    String config = null;
    String dot = null;
    boolean lenient = false;
    String classPath = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (name) {
        case "--config", "--dot" -> {
          String value;
          if (arg.contains("=")) {
            value = arg.substring(arg.indexOf('=') + 1);
          } else if (i + 1 < args.size()) {
            value = args.get(++i);
          } else {
            throw new CliException(CliException.USAGE, name + " needs a file; " + USAGE);
          }
          if (value.isEmpty()) {
            throw new CliException(CliException.USAGE, name + " needs a file; " + USAGE);
          }
          if (name.equals("--config")) {
            config = once(config, name, value);
          } else {
            dot = once(dot, name, value);
          }
        }
        case "--lenient" -> lenient = true;
        default -> {
          if (arg.startsWith("-") && !arg.equals("-")) {
            throw new CliException(CliException.USAGE, "unknown option '" + arg + "'; "
                + USAGE);
          }
          if (classPath != null) {
            throw new CliException(CliException.USAGE, "one class path, its entries separated"
                + " as for java -cp, not '" + classPath + "' and '" + arg + "'; " + USAGE);
          }
          classPath = arg;
        }
      }
    }
    if (classPath == null) {
      throw new CliException(CliException.USAGE, "no class path given; " + USAGE);
    }
    return new VerifyArguments(config, lenient, dot, classPath);
  }

  private static String once(String previous, String name, String value) throws CliException {
    if (previous != null) {
      throw new CliException(CliException.USAGE, name + " given twice; " + USAGE);
    }
    return value;
  }
}
