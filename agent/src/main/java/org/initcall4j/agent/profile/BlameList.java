package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The profile report: static initializers slowest first by exclusive time (their own work, what
 * deferring that one class would save at most), with inclusive time beside it.
 *
 * <pre>
 * initcall4j profile: 3 static initializers timed, 812.402 ms exclusive in all; slowest 2:
 *    excl ms    incl ms  class [thread]
 *    500.113    500.201  app.Inner [main]  in app.Outer
 *    300.008    800.209  app.Outer [main]
 * </pre>
 */
public final class BlameList {
  /** Exclusive time descending, then by name for a stable order. A plain class: no lambda bootstrap. */
  private static final class SlowestFirst implements Comparator<ClinitTiming> {
    @Override
    public int compare(ClinitTiming a, ClinitTiming b) {
      int byTime = Long.compare(b.exclusiveNanos(), a.exclusiveNanos());
      return byTime != 0 ? byTime : a.className().compareTo(b.className());
    }
  }

  private BlameList() {}

  /** The slowest {@code top} entries, slowest first. */
  public static List<ClinitTiming> slowest(List<ClinitTiming> timings, int top) {
    List<ClinitTiming> sorted = new ArrayList<>(timings);
    sorted.sort(new SlowestFirst());
    return sorted.subList(0, Math.min(top, sorted.size()));
  }

  /** The report text, one line per static initializer, each line ended by a newline. */
  public static String format(List<ClinitTiming> timings, int top) {
    long total = 0;
    for (ClinitTiming timing : timings) {
      total += timing.exclusiveNanos();
    }
    List<ClinitTiming> shown = slowest(timings, top);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "initcall4j profile: %d static initializer%s timed, %.3f ms exclusive in all; slowest %d:%n",
        timings.size(), timings.size() == 1 ? "" : "s", millis(total), shown.size()));
    out.append(String.format(Locale.ROOT, "%10s %10s  %s%n", "excl ms", "incl ms",
        "class [thread]"));
    for (ClinitTiming timing : shown) {
      out.append(String.format(Locale.ROOT, "%10.3f %10.3f  %s [%s]%s%s%n",
          millis(timing.exclusiveNanos()), millis(timing.inclusiveNanos()), timing.className(),
          timing.thread(), timing.nestedIn() == null ? "" : "  in " + timing.nestedIn(),
          timing.failed() ? "  FAILED" : ""));
    }
    return out.toString();
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
