package org.initcall4j.agent.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The boot graph, in the spirit of the kernel's {@code bootgraph.pl} and
 * {@code systemd-analyze plot}: a time axis, one lane per thread, and in each lane one bar per
 * initcall that ran on that thread (its own line, so labels never overlap), from its start to
 * its end. Boot initcalls are blue, deferred ones orange, failed ones red; dashed lines mark
 * when {@code main} could start (the last boot initcall's end) and when the flush began.
 */
public final class BootGraphSvg {
  private static final int WIDTH = 1200;
  private static final int LEFT = 150;
  private static final int RIGHT = 40;
  private static final int TOP = 50;
  private static final int ROW = 18;
  private static final int LANE_GAP = 12;

  private BootGraphSvg() {}

  public static String svg(BootTimes times) {
    Map<String, List<BootTimes.Entry>> lanes = new LinkedHashMap<>();
    long end = 1;
    for (BootTimes.Entry entry : times.ranByStart()) {
      lanes.computeIfAbsent(entry.thread(), t -> new ArrayList<>()).add(entry);
      end = Math.max(end, entry.endNanos());
    }
    double scale = (WIDTH - LEFT - RIGHT) / (double) end;
    int rows = 0;
    for (List<BootTimes.Entry> lane : lanes.values()) {
      rows += lane.size();
    }
    int plotBottom = TOP + rows * ROW + lanes.size() * LANE_GAP;
    int height = plotBottom + 50;
    StringBuilder svg = new StringBuilder(4096)
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" font-family=\"sans-serif\""
            + " font-size=\"11\">\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append("<text x=\"10\" y=\"20\" font-size=\"14\">initcall4j boot graph: ")
        .append(times.entries().size()).append(" initcalls, ").append(rows)
        .append(" ran; time since the agent started</text>\n");
    axis(svg, end, scale, plotBottom);
    marker(svg, "main", times.bootEndNanos(), scale, plotBottom, "#1f77b4");
    marker(svg, "flush", times.flushStartNanos(), scale, plotBottom, "#ff7f0e");
    int y = TOP;
    for (Map.Entry<String, List<BootTimes.Entry>> lane : lanes.entrySet()) {
      svg.append("<text x=\"10\" y=\"").append(y + 13).append("\" font-weight=\"bold\">")
          .append(escape(lane.getKey())).append("</text>\n");
      for (BootTimes.Entry entry : lane.getValue()) {
        bar(svg, entry, scale, y);
        y += ROW;
      }
      y += LANE_GAP;
      svg.append("<line x1=\"10\" x2=\"").append(WIDTH - 10).append("\" y1=\"").append(y - 6)
          .append("\" y2=\"").append(y - 6).append("\" stroke=\"#ddd\"/>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  private static void bar(StringBuilder svg, BootTimes.Entry entry, double scale, int y) {
    double x = LEFT + entry.startNanos() * scale;
    double width = Math.max(1, entry.durationNanos() * scale);
    String colour = entry.state() == org.initcall4j.agent.runtime.InitcallState.FAILED ? "#d62728"
        : entry.deferred() ? "#ff7f0e" : "#1f77b4";
    svg.append("<g class=\"initcall\"><title>").append(escape(entry.name())).append(' ')
        .append(escape(entry.level())).append(entry.deferred() ? " deferred" : "").append(' ')
        .append(escape(entry.outcome())).append(" @").append(BootTimes.time(entry.startNanos()))
        .append(" +").append(BootTimes.time(entry.durationNanos())).append("</title>")
        .append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y + 2,
            width, ROW - 4, colour));
    double textX = x + width + 4;
    String anchor = "start";
    if (textX > WIDTH - RIGHT - 150) {
      textX = x - 4; // near the right edge: label to the left of the bar
      anchor = "end";
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", textX,
        y + 13, anchor)).append(escape(entry.name())).append(" (")
        .append(BootTimes.time(entry.durationNanos())).append(")</text></g>\n");
  }

  private static void axis(StringBuilder svg, long end, double scale, int bottom) {
    long step = niceStep(end / 10);
    for (long t = 0; t <= end; t += step) {
      double x = LEFT + t * scale;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\""
          + " stroke=\"#eee\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">"
          + "%s</text>%n", x, x, TOP - 5, bottom, x, bottom + 15, label(t)));
    }
  }

  private static void marker(StringBuilder svg, String name, long at, double scale, int bottom,
      String colour) {
    if (at < 0) {
      return;
    }
    double x = LEFT + at * scale;
    svg.append(String.format(Locale.ROOT, "<line class=\"marker\" x1=\"%.1f\" x2=\"%.1f\""
        + " y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\""
        + " fill=\"%s\">%s</text>%n", x, x, TOP - 15, bottom, colour, x + 3, TOP - 18, colour,
        name));
  }

  /** 1, 2 or 5 times a power of ten nanoseconds, at least 1 microsecond. */
  static long niceStep(long rough) {
    long step = 1000;
    while (true) {
      for (long factor : new long[] {1, 2, 5}) {
        if (step * factor >= rough) {
          return step * factor;
        }
      }
      step *= 10;
    }
  }

  private static String label(long nanos) {
    return nanos >= 1_000_000_000L && nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + " s"
        : nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.0f ms", nanos / 1e6)
        : String.format(Locale.ROOT, "%.0f \u00b5s", nanos / 1e3);
  }

  /**
   * Text from the application (names, thread names, exception messages) as XML character data:
   * markup characters escaped, and characters XML 1.0 forbids (other control characters, lone
   * surrogates, U+FFFE, U+FFFF) replaced by {@code ?}, so the file always parses and no message
   * can add elements to it.
   */
  static String escape(String text) {
    if (text == null) {
      return "?";
    }
    return TextUnits.escape(new StringBuilder(text.length()), text, BootGraphSvg::unit)
        .toString();
  }

  private static void unit(StringBuilder out, char c) {
    switch (c) {
      case '<' -> out.append("&lt;");
      case '>' -> out.append("&gt;");
      case '&' -> out.append("&amp;");
      case '"' -> out.append("&quot;");
      case '\'' -> out.append("&#39;");
      case '\n', '\r' -> out.append(' '); // a tooltip is one line
      default -> out.append(allowedInXml(c) ? c : '?');
    }
  }

  /** XML 1.0's Char production for one UTF-16 unit that is not part of a surrogate pair. */
  private static boolean allowedInXml(char c) {
    return c >= 0x20 ? c < 0xD800 || (c > 0xDFFF && c < 0xFFFE) : c == '\t';
  }
}
