package org.initcall4j.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether two runs of an application said the same thing, as a test would compare them: the
 * launcher's JDK_JAVA_OPTIONS note and the agent's own lines left out, and numbers (times, counts,
 * ids) in a line normalized, so that lines differing only in them are equal.
 */
final class OutputComparison {
  /** The agent's lines: its messages and the blame list's header and rows. */
  private static final Pattern AGENT_LINE = Pattern.compile(
      "initcall4j[: ].*|\\s+excl ms\\s+incl ms\\s.*|\\s*\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\\s+\\S.*");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");

  private OutputComparison() {}

  /** What the application printed, normalized for comparison. */
  static List<String> normalized(List<String> lines) {
    List<String> kept = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.startsWith(AppRun.LAUNCHER_NOTE) || AGENT_LINE.matcher(line).matches()) {
        continue;
      }
      kept.add(NUMBER.matcher(line).replaceAll("#"));
    }
    return kept;
  }

  /**
   * The first difference between two runs, or null when they said the same. A different exit
   * status comes with the first line that differs, stderr's first (where a failure says why).
   */
  static String difference(AppRun.Result reference, AppRun.Result other) {
    if (other.gaveUpMillis() > 0) {
      return "not ready within " + other.gaveUpMillis() / 1000 + " s (stopped)";
    }
    String out = difference("stdout", reference.stdout(), other.stdout());
    String err = difference("stderr", reference.stderr(), other.stderr());
    if (reference.exitStatus() != other.exitStatus()) {
      String line = err != null ? err : out;
      return "exit status " + other.exitStatus() + " instead of " + reference.exitStatus()
          + (line == null ? "" : "; " + line);
    }
    return out != null ? out : err;
  }

  private static String difference(String stream, List<String> reference, List<String> other) {
    List<String> a = normalized(reference);
    List<String> b = normalized(other);
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String expected = i < a.size() ? a.get(i) : "(end)";
      String actual = i < b.size() ? b.get(i) : "(end)";
      if (!expected.equals(actual)) {
        return stream + " line " + (i + 1) + ": '" + actual + "' instead of '" + expected + "'";
      }
    }
    return null;
  }
}
