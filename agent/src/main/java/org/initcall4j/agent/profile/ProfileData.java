package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * The file of option {@code profile.data}: the {@link Findings} as text, one tab-separated line
 * per timed static initializer, which the advise command reads back; with {@code
 * profile.calls}, after them one line per method whose first call was slow. Times in ms.
 *
 * <pre>
 * # initcall4j profile data 2
 * # ready	812.345	log:Started .* in
 * # class	thread	since ready ms	exclusive ms	inclusive ms	failed	trigger	verdict
 * app.Catalog	main	-700.120	120.004	130.100	false	app.Main.main	deferrable
 * # method	calls	thread	since ready ms	first call ms	trigger	verdict
 * app.Cache#preload()	1	main	-500.010	300.200	app.Main.start	deferrable
 * </pre>
 *
 * Version 1 had no method lines; it is still read.
 */
public final class ProfileData {
  static final String HEADER = "# initcall4j profile data 2";
  private static final String HEADER_1 = "# initcall4j profile data 1";
  private static final String METHODS = "# method\tcalls\tthread\tsince ready ms\tfirst call ms"
      + "\ttrigger\tverdict";
  private static final String NONE = "-";

  private ProfileData() {}

  /** The text of the file. */
  public static String format(Findings findings) {
    StringBuilder out = new StringBuilder(80 * (findings.all().size() + 3)
        + 100 * findings.calls().size());
    out.append(HEADER).append('\n');
    out.append("# ready\t").append(findings.readySeen()
        ? BlameList.millis(findings.readySinceStartNanos()) : NONE)
        .append('\t').append(findings.readyBy() == null ? NONE : findings.readyBy()).append('\n');
    out.append("# class\tthread\tsince ready ms\texclusive ms\tinclusive ms\tfailed\ttrigger"
        + "\tverdict\n");
    for (Finding finding : findings.all()) {
      out.append(finding.className()).append('\t').append(cell(finding.thread()))
          .append('\t').append(sinceReady(finding.sinceReadyNanos()))
          .append('\t').append(BlameList.millis(finding.exclusiveNanos()))
          .append('\t').append(BlameList.millis(finding.inclusiveNanos()))
          .append('\t').append(finding.failed())
          .append('\t').append(finding.trigger() == null ? NONE : finding.trigger())
          .append('\t').append(cell(finding.verdict())).append('\n');
    }
    if (!findings.calls().isEmpty()) {
      out.append(METHODS).append('\n');
    }
    for (CallFinding call : findings.calls()) {
      out.append(call.target()).append('\t').append(call.calls())
          .append('\t').append(cell(call.thread()))
          .append('\t').append(sinceReady(call.sinceReadyNanos()))
          .append('\t').append(BlameList.millis(call.firstCallNanos()))
          .append('\t').append(call.trigger() == null ? NONE : call.trigger())
          .append('\t').append(cell(call.verdict())).append('\n');
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace('\t', ' ').replace('\n', ' ');
  }

  private static String sinceReady(long nanos) {
    return nanos == Finding.NO_READY ? NONE : BlameList.millis(nanos);
  }

  /**
   * Reads the text back.
   *
   * @throws IllegalArgumentException naming the line when it is not such a file
   */
  public static Findings parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 3 || !(lines[0].equals(HEADER) || lines[0].equals(HEADER_1))
        || !lines[1].startsWith("# ready\t")) {
      throw new IllegalArgumentException("not an initcall4j profile data file (it starts with '"
          + HEADER + "')");
    }
    String[] ready = lines[1].split("\t", -1);
    long readySinceStart = ready[1].equals(NONE) ? -1 : nanos(ready[1]);
    List<Finding> all = new ArrayList<>();
    List<CallFinding> calls = new ArrayList<>();
    boolean methods = false;
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      if (lines[i].equals(METHODS)) {
        methods = true;
        continue;
      }
      String[] cells = lines[i].split("\t", -1);
      int expected = methods ? 7 : 8;
      if (cells.length != expected) {
        throw new IllegalArgumentException("profile data line " + (i + 1) + " has "
            + cells.length + " fields, not " + expected + ": " + lines[i]);
      }
      if (methods) {
        calls.add(call(cells, i + 1));
      } else {
        all.add(new Finding(cells[0], cells[1], sinceReady(cells[2]), nanos(cells[3]),
            nanos(cells[4]), Boolean.parseBoolean(cells[5]),
            cells[6].equals(NONE) ? null : cells[6], cells[7]));
      }
    }
    // the absolute ready time is not kept: only whether it was seen, and times relative to it
    return new Findings(readySinceStart, readySinceStart,
        ready[2].equals(NONE) ? null : ready[2], all, calls);
  }

  private static CallFinding call(String[] cells, int line) {
    String target = cells[0];
    int hash = target.indexOf('#');
    if (hash < 1 || !target.endsWith("()")) {
      throw new IllegalArgumentException("profile data line " + line + ": '" + target
          + "' is not Class#method()");
    }
    return new CallFinding(target.substring(0, hash), target.substring(hash + 1,
        target.length() - 2), Integer.parseInt(cells[1]), cells[2], sinceReady(cells[3]),
        nanos(cells[4]), cells[5].equals(NONE) ? null : cells[5], cells[6]);
  }

  private static long sinceReady(String millis) {
    return millis.equals(NONE) ? Finding.NO_READY : nanos(millis);
  }

  private static long nanos(String millis) {
    return Math.round(Double.parseDouble(millis) * 1_000_000);
  }
}
