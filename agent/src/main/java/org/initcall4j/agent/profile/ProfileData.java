package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * The file of option {@code profile.data}: the {@link Findings} as text, one tab-separated line
 * per timed static initializer, which the advise command reads back. Times in ms.
 *
 * <pre>
 * # initcall4j profile data 1
 * # ready	812.345	log:Started .* in
 * # class	thread	since ready ms	exclusive ms	inclusive ms	failed	trigger	verdict
 * app.Catalog	main	-700.120	120.004	130.100	false	app.Main.main	deferrable
 * </pre>
 */
public final class ProfileData {
  static final String HEADER = "# initcall4j profile data 1";
  private static final String NONE = "-";

  private ProfileData() {}

  /** The text of the file. */
  public static String format(Findings findings) {
    StringBuilder out = new StringBuilder(80 * (findings.all().size() + 3));
    out.append(HEADER).append('\n');
    out.append("# ready\t").append(findings.readySeen()
        ? BlameList.millis(findings.readySinceStartNanos()) : NONE)
        .append('\t').append(findings.readyBy() == null ? NONE : findings.readyBy()).append('\n');
    out.append("# class\tthread\tsince ready ms\texclusive ms\tinclusive ms\tfailed\ttrigger"
        + "\tverdict\n");
    for (Finding finding : findings.all()) {
      out.append(finding.className()).append('\t').append(finding.thread().replace('\t', ' '))
          .append('\t').append(finding.sinceReadyNanos() == Finding.NO_READY ? NONE
              : BlameList.millis(finding.sinceReadyNanos()))
          .append('\t').append(BlameList.millis(finding.exclusiveNanos()))
          .append('\t').append(BlameList.millis(finding.inclusiveNanos()))
          .append('\t').append(finding.failed())
          .append('\t').append(finding.trigger() == null ? NONE : finding.trigger())
          .append('\t').append(finding.verdict()).append('\n');
    }
    return out.toString();
  }

  /**
   * Reads the text back.
   *
   * @throws IllegalArgumentException naming the line when it is not such a file
   */
  public static Findings parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("# ready\t")) {
      throw new IllegalArgumentException("not an initcall4j profile data file (it starts with '"
          + HEADER + "')");
    }
    String[] ready = lines[1].split("\t", -1);
    long readySinceStart = ready[1].equals(NONE) ? -1 : nanos(ready[1]);
    List<Finding> all = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] cells = lines[i].split("\t", -1);
      if (cells.length != 8) {
        throw new IllegalArgumentException("profile data line " + (i + 1) + " has "
            + cells.length + " fields, not 8: " + lines[i]);
      }
      all.add(new Finding(cells[0], cells[1],
          cells[2].equals(NONE) ? Finding.NO_READY : nanos(cells[2]), nanos(cells[3]),
          nanos(cells[4]), Boolean.parseBoolean(cells[5]),
          cells[6].equals(NONE) ? null : cells[6], cells[7]));
    }
    // the absolute ready time is not kept: only whether it was seen, and times relative to it
    return new Findings(readySinceStart, readySinceStart,
        ready[2].equals(NONE) ? null : ready[2], all);
  }

  private static long nanos(String millis) {
    return Math.round(Double.parseDouble(millis) * 1_000_000);
  }
}
