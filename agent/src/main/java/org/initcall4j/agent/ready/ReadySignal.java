package org.initcall4j.agent.ready;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Option {@code ready=log:REGEX|port:N|exit}: how the agent tells that an application which
 * never calls {@code Initcalls.ready()} is up. A line on stdout or stderr in which the regular
 * expression is found; the port opening for connections (a listening socket of this process);
 * or the process ending, for a program that runs and exits.
 *
 * @param pattern the line to find, for {@link Kind#LOG}
 * @param port the port, for {@link Kind#PORT}
 */
public record ReadySignal(Kind kind, Pattern pattern, int port) {
  /** A longer regular expression is refused: no log line needs one, and compiling is bounded. */
  static final int MAX_PATTERN = 1000;

  /** The forms of the option. */
  public enum Kind { LOG, PORT, EXIT }

  /**
   * Reads the option's value.
   *
   * @throws IllegalArgumentException naming the option and the fix
   */
  public static ReadySignal parse(String value) {
    if (value.equals("exit")) {
      return new ReadySignal(Kind.EXIT, null, 0);
    }
    if (value.startsWith("log:") && value.length() > 4) {
      if (value.length() > MAX_PATTERN + 4) {
        throw new IllegalArgumentException("option 'ready=log:...' has a regular expression of "
            + (value.length() - 4) + " characters; a line to wait for needs at most "
            + MAX_PATTERN);
      }
      try {
        return new ReadySignal(Kind.LOG, Pattern.compile(value.substring(4)), 0);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("option 'ready=" + value + "': '"
            + value.substring(4) + "' is not a regular expression: " + e.getDescription()
            + " at index " + e.getIndex());
      }
    }
    if (value.startsWith("port:")) {
      String number = value.substring(5);
      if (number.matches("[0-9]{1,5}") && Integer.parseInt(number) >= 1
          && Integer.parseInt(number) <= 65535) {
        return new ReadySignal(Kind.PORT, null, Integer.parseInt(number));
      }
      throw new IllegalArgumentException("option 'ready=" + value + "': the port must be a"
          + " whole number from 1 to 65535, e.g. ready=port:8080");
    }
    throw new IllegalArgumentException("option 'ready' has a bad value '" + value + "': write"
        + " ready=log:REGEX (a line on stdout or stderr, e.g. ready=log:Started .* in),"
        + " ready=port:N (the port opens) or ready=exit (the process ends); commas end the"
        + " option, so a REGEX cannot hold one");
  }

  /** As the option writes it. */
  @Override
  public String toString() {
    return switch (kind) {
      case LOG -> "log:" + pattern.pattern();
      case PORT -> "port:" + port;
      case EXIT -> "exit";
    };
  }
}
