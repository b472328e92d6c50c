package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The profile report: static initializers slowest first by exclusive time (their own work; what
 * deferring one saves depends on when the run first needs the class, see {@link Findings}),
 * with inclusive time beside it.
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

  /**
   * The slowest {@code top} entries, slowest first. Picked in one pass that keeps the slowest
   * so far in order, rather than sorting them all: the list at exit shows 20 of thousands.
   */
  public static List<ClinitTiming> slowest(List<ClinitTiming> timings, int top) {
    SlowestFirst order = new SlowestFirst();
    if (top >= timings.size()) {
      List<ClinitTiming> sorted = new ArrayList<>(timings);
      sorted.sort(order);
      return sorted;
    }
    ClinitTiming[] kept = new ClinitTiming[top];
    int size = 0;
    for (ClinitTiming timing : timings) {
      if (size == top && order.compare(timing, kept[top - 1]) >= 0) {
        continue; // not slower than the fastest kept
      }
      int at = size < top ? size++ : top - 1;
      for (; at > 0 && order.compare(timing, kept[at - 1]) < 0; at--) {
        kept[at] = kept[at - 1];
      }
      kept[at] = timing;
    }
    return Arrays.asList(kept);
  }

  /**
   * The report text, one line per static initializer, each line ended by a newline. Formatted by
   * hand: {@code String.format} would load the formatter, regex and locale data at exit.
   */
  public static String format(List<ClinitTiming> timings, int top) {
    long total = 0;
    for (ClinitTiming timing : timings) {
      total += timing.exclusiveNanos();
    }
    List<ClinitTiming> shown = slowest(timings, top);
    String newline = System.lineSeparator();
    StringBuilder out = new StringBuilder(128 + 96 * shown.size());
    out.append("initcall4j profile: ").append(timings.size()).append(" static initializer")
        .append(timings.size() == 1 ? "" : "s").append(" timed, ");
    appendMillis(out, total, 0);
    out.append(" ms exclusive in all; slowest ").append(shown.size()).append(':').append(newline);
    out.append("   excl ms    incl ms  class [thread]").append(newline);
    for (ClinitTiming timing : shown) {
      appendMillis(out, timing.exclusiveNanos(), 10);
      out.append(' ');
      appendMillis(out, timing.inclusiveNanos(), 10);
      out.append("  ").append(timing.className()).append(" [").append(timing.thread())
          .append(']');
      if (timing.nestedIn() != null) {
        out.append("  in ").append(timing.nestedIn());
      }
      if (timing.failed()) {
        out.append("  FAILED");
      }
      out.append(newline);
    }
    return out.toString();
  }

  /** Nanoseconds as milliseconds with three decimals, negative ones with a minus sign. */
  static String millis(long nanos) {
    StringBuilder out = new StringBuilder(12);
    appendMillis(out, Math.abs(nanos), 0);
    return nanos < 0 ? "-" + out : out.toString();
  }

  /** Nanoseconds as milliseconds with three decimals, right-aligned to {@code width}. */
  private static void appendMillis(StringBuilder out, long nanos, int width) {
    long micros = Math.max(0, (nanos + 500) / 1000);
    String fraction = String.valueOf(1000 + micros % 1000).substring(1);
    String text = (micros / 1000) + "." + fraction;
    for (int pad = width - text.length(); pad > 0; pad--) {
      out.append(' ');
    }
    out.append(text);
  }
}
