package org.initcall4j.agent.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.initcall4j.agent.ready.ReadySignal;
import org.initcall4j.agent.text.Durations;

/**
 * {@code advise --ready SIGNAL [--runs N] [--out FILE] [--slow DURATION] [--stop-after DURATION]
 * [--timeout DURATION] -- COMMAND...}.
 *
 * @param ready when the application is ready, as option {@code ready} writes it
 * @param runs timed runs per configuration
 * @param out the config file to write
 * @param slowMillis candidates are at least this slow (exclusive)
 * @param stopAfterMillis how long an application that does not exit by itself runs on after
 *     ready before it is stopped (SIGTERM), so that what it needs just after ready is seen too
 * @param timeoutMillis a run that takes longer is stopped and the advice fails
 * @param command the application's command line, starting with {@code java}
 */
record AdviseArguments(ReadySignal ready, int runs, Path out, long slowMillis,
    long stopAfterMillis, long timeoutMillis, List<String> command) {
  static final String USAGE = "advise --ready log:REGEX|port:N|exit [--runs N] [--out FILE]"
      + " [--slow DURATION] [--stop-after DURATION] [--timeout DURATION] -- java ...";

  static AdviseArguments parse(List<String> args) throws CliException {
    int dashes = args.indexOf("--");
    if (dashes < 0 || dashes == args.size() - 1) {
      throw new CliException(CliException.USAGE, "advise needs the application's command after"
          + " '--': " + USAGE);
    }
    ReadySignal ready = null;
    int runs = 5;
    Path out = Paths.get("initcalls.properties");
    long slow = 2;
    long stopAfter = 1000;
    long timeout = 300_000;
    for (int i = 0; i < dashes; i += 2) {
      String name = args.get(i);
      if (i + 1 >= dashes) {
        throw new CliException(CliException.USAGE, "advise: " + name + " needs a value: "
            + USAGE);
      }
      String value = args.get(i + 1);
      try {
        switch (name) {
          case "--ready" -> ready = ReadySignal.parse(value);
          case "--runs" -> runs = runs(value);
          case "--out" -> out = Paths.get(value);
          case "--slow" -> slow = Durations.parseMillis(value, "--slow");
          case "--stop-after" -> stopAfter = Durations.parseMillis(value, "--stop-after");
          case "--timeout" -> timeout = Durations.parseMillis(value, "--timeout");
          default -> throw new CliException(CliException.USAGE, "advise: unknown argument '"
              + name + "': " + USAGE);
        }
      } catch (IllegalArgumentException e) {
        throw new CliException(CliException.USAGE, "advise " + name + ": " + e.getMessage());
      }
    }
    if (ready == null) {
      throw new CliException(CliException.USAGE, "advise needs --ready: when is the"
          + " application up? log:REGEX (a line it prints), port:N (it listens) or exit (a"
          + " program that runs and ends)");
    }
    if (ready.kind() == ReadySignal.Kind.LOG && ready.pattern().pattern().contains(",")) {
      throw new CliException(CliException.USAGE, "advise --ready: the regular expression is"
          + " passed to the agent as an option, where a comma ends it; write \\x2C instead");
    }
    return new AdviseArguments(ready, runs, out, slow, stopAfter, timeout,
        List.copyOf(args.subList(dashes + 1, args.size())));
  }

  private static int runs(String value) throws CliException {
    if (!Durations.isWholeNumber(value, 3) || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > 100) {
      throw new CliException(CliException.USAGE, "advise --runs must be a whole number from 1"
          + " to 100, not '" + value + "'");
    }
    return Integer.parseInt(value);
  }
}
