package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The blame list lines found in a JVM's stderr, parsed back for assertions. */
record BlameLines(String header, List<Line> lines) {
  private static final Pattern HEADER = Pattern.compile(
      "initcall4j profile: (\\d+) static initializers? timed, [0-9.]+ ms exclusive in all;"
          + " slowest (\\d+):");
  private static final Pattern LINE = Pattern.compile(
      " *(\\d+\\.\\d{3}) +(\\d+\\.\\d{3})  (\\S+) \\[([^\\]]*)\\](?:  in (\\S+))?(  FAILED)?");

  /** One line: times in milliseconds. */
  record Line(double exclusiveMs, double inclusiveMs, String className, String thread,
      String nestedIn, boolean failed) {}

  /** Parses the blame list out of stderr; fails when there is none. */
  static BlameLines parse(String stderr) {
    List<String> all = List.of(stderr.split("\\R"));
    for (int i = 0; i < all.size(); i++) {
      Matcher header = HEADER.matcher(all.get(i));
      if (!header.matches()) {
        continue;
      }
      int count = Integer.parseInt(header.group(2));
      List<Line> lines = new ArrayList<>();
      for (int k = i + 2; k < i + 2 + count && k < all.size(); k++) {
        Matcher line = LINE.matcher(all.get(k));
        if (!line.matches()) {
          throw new AssertionError("not a blame list line: '" + all.get(k) + "'\n" + stderr);
        }
        lines.add(new Line(Double.parseDouble(line.group(1)), Double.parseDouble(line.group(2)),
            line.group(3), line.group(4), line.group(5), line.group(6) != null));
      }
      if (lines.size() != count) {
        throw new AssertionError("blame list promised " + count + " lines\n" + stderr);
      }
      return new BlameLines(all.get(i), lines);
    }
    throw new AssertionError("no blame list on stderr:\n" + stderr);
  }

  int timedCount() {
    Matcher header = HEADER.matcher(this.header);
    header.matches();
    return Integer.parseInt(header.group(1));
  }

  Optional<Line> find(String className) {
    return lines.stream().filter(l -> l.className().equals(className)).findFirst();
  }

  Line get(String className) {
    return find(className).orElseThrow(
        () -> new AssertionError(className + " is not in the blame list " + lines));
  }
}
