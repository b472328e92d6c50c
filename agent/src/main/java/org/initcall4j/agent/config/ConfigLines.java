package org.initcall4j.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The line syntax of a config file, a subset of {@code java.util.Properties}: {@code key=value} or
 * {@code key: value}, {@code #} and {@code !} comments, and a trailing backslash to continue a value
 * on the next line. Written by hand (rather than with {@code Properties}) so that every key keeps
 * its line number for error messages.
 */
final class ConfigLines {

  /** One {@code key=value}, at the line where it starts. */
  record Line(int number, String key, String value) {}

  /** How much of a line an error quotes. */
  private static final int QUOTED_CHARS = 120;

  private ConfigLines() {}

  static List<Line> parse(String text, String file, List<ConfigProblem> problems) {
    List<Line> lines = new ArrayList<>();
    String[] raw = lines(text);
    StringBuilder logical = new StringBuilder();
    for (int i = 0; i < raw.length; i++) {
      int number = i + 1;
      String segment = raw[i].stripLeading();
      if (segment.isEmpty() || segment.startsWith("#") || segment.startsWith("!")) {
        continue;
      }
      // Joined in one buffer: concatenating copied the value so far once per line (quadratic).
      // Only the segment's own backslashes count: what came before it ends in an even number.
      logical.setLength(0);
      logical.append(segment);
      while (endsWithContinuation(segment) && i + 1 < raw.length) {
        logical.setLength(logical.length() - 1);
        segment = raw[++i].stripLeading();
        logical.append(segment);
      }
      int separator = separatorOf(logical);
      if (separator < 0) {
        problems.add(new ConfigProblem(file, number, null, null, "expected 'key=value', found '"
            + shortened(logical.toString().strip()) + "'"));
        continue;
      }
      String key = logical.substring(0, separator).strip();
      if (key.isEmpty()) {
        problems.add(new ConfigProblem(file, number, null, null, "a line starts with '"
            + logical.charAt(separator) + "': the key is missing"));
        continue;
      }
      lines.add(new Line(number, key, logical.substring(separator + 1).strip()));
    }
    return lines;
  }

  /**
   * The text's lines, split at {@code \r\n}, {@code \r} or {@code \n} (as {@code
   * split("\r\n|\r|\n", -1)} does, without loading the regex classes into premain).
   */
  static String[] lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
    return lines.toArray(new String[0]);
  }

  /** A line quoted in an error, cut short: a runaway line is not worth a screenful. */
  private static String shortened(String line) {
    return line.length() <= QUOTED_CHARS ? line
        : line.substring(0, QUOTED_CHARS) + "... (" + line.length() + " characters)";
  }

  private static int separatorOf(CharSequence line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '=' || c == ':') {
        return i;
      }
    }
    return -1;
  }

  /** An odd number of trailing backslashes continues the line; an even number is escaped text. */
  private static boolean endsWithContinuation(String line) {
    int count = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      count++;
    }
    return count % 2 == 1;
  }
}
