package org.initcall4j.benchmarks.results;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Horizontal bars, one panel per benchmark with its own scale, error bars as whiskers. */
final class BarChart {
  private static final int WIDTH = 900;
  private static final int LABEL = 330;
  private static final int BAR = 16;
  private static final int GAP = 6;

  private BarChart() {}

  static String svg(Map<String, List<ResultsReport.Row>> groups) {
    int height = 20;
    for (List<ResultsReport.Row> group : groups.values()) {
      height += 34 + group.size() * (BAR + GAP);
    }
    StringBuilder svg = new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\""
        + " width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\""
            + " height=\"100%\" fill=\"white\"/>\n");
    int y = 10;
    for (Map.Entry<String, List<ResultsReport.Row>> group : groups.entrySet()) {
      List<ResultsReport.Row> rows = group.getValue();
      double max = 0;
      for (ResultsReport.Row row : rows) {
        max = Math.max(max, row.score() + (Double.isNaN(row.error()) ? 0 : row.error()));
      }
      svg.append("<text x=\"10\" y=\"").append(y + 16).append("\" font-weight=\"bold\">")
          .append(escape(group.getKey())).append(" (").append(escape(rows.get(0).unit()))
          .append(", lower is better unless ops/time)</text>\n");
      y += 26;
      double scale = (WIDTH - LABEL - 90) / (max <= 0 ? 1 : max);
      for (ResultsReport.Row row : rows) {
        double width = Math.max(1, row.score() * scale);
        svg.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4e79a7\"/>",
            LABEL - 6, y + 12, escape(row.params().isEmpty() ? "-" : row.params()), LABEL, y,
            width, BAR));
        if (!Double.isNaN(row.error())) {
          double low = LABEL + Math.max(0, row.score() - row.error()) * scale;
          double high = LABEL + (row.score() + row.error()) * scale;
          svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\""
              + " y2=\"%d\" stroke=\"black\"/>", low, high, y + BAR / 2, y + BAR / 2));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
            LABEL + width + 6 + (Double.isNaN(row.error()) ? 0 : row.error() * scale), y + 12,
            ResultsReport.format(row.score())));
        y += BAR + GAP;
      }
      y += 8;
    }
    return svg.append("</svg>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
