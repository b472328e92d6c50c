package org.initcall4j.benchmarks.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results ({@code -rf json}) into the table of benchmarks/README.md (markdown,
 * with each row's ratio to the first row of its benchmark) and a bar chart (SVG, one group per
 * benchmark, error bars at JMH's 99.9 % interval).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * org.initcall4j.benchmarks.results.ResultsReport RESULTS.json TABLE.md CHART.svg}
 */
public final class ResultsReport {
  /** One row: a benchmark with one set of parameters. */
  record Row(String benchmark, String params, double score, double error, String unit,
      Map<String, double[]> secondary) {}

  private ResultsReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ResultsReport RESULTS.json TABLE.md CHART.svg");
      System.exit(2);
    }
    List<Row> rows = read(Paths.get(args[0]));
    Files.writeString(Paths.get(args[1]), table(rows));
    Files.writeString(Paths.get(args[2]), BarChart.svg(groups(rows)));
    System.out.println("wrote " + args[1] + " and " + args[2] + " from " + rows.size() + " rows");
  }

  @SuppressWarnings("unchecked")
  static List<Row> read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Object item : (List<Object>) Json.parse(Files.readString(file))) {
      Map<String, Object> result = (Map<String, Object>) item;
      String name = (String) result.get("benchmark");
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      StringBuilder params = new StringBuilder();
      Map<String, Object> given = (Map<String, Object>) result.get("params");
      if (given != null) {
        given.forEach((k, v) -> params.append(params.length() == 0 ? "" : ", ").append(k)
            .append('=').append(v));
      }
      Map<String, Object> primary = (Map<String, Object>) result.get("primaryMetric");
      Map<String, double[]> secondary = new LinkedHashMap<>();
      Map<String, Object> others = (Map<String, Object>) result.get("secondaryMetrics");
      if (others != null) {
        others.forEach((k, v) -> {
          Map<String, Object> metric = (Map<String, Object>) v;
          secondary.put(k, new double[] {number(metric.get("score")),
              number(metric.get("scoreError"))});
        });
      }
      rows.add(new Row(name, params.toString(), number(primary.get("score")),
          number(primary.get("scoreError")), (String) primary.get("scoreUnit"), secondary));
    }
    return rows;
  }

  private static double number(Object value) {
    return value instanceof Double d ? d : Double.NaN;
  }

  static Map<String, List<Row>> groups(List<Row> rows) {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row row : rows) {
      groups.computeIfAbsent(row.benchmark(), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder(
        "| benchmark | parameters | score | ± error (99.9 %) | unit | ratio to first row |"
            + " secondary |\n|---|---|---:|---:|---|---:|---|\n");
    for (List<Row> group : groups(rows).values()) {
      double base = group.get(0).score();
      for (Row row : group) {
        StringBuilder secondary = new StringBuilder();
        row.secondary().forEach((k, v) -> secondary.append(k).append(' ')
            .append(format(v[0])).append(" ± ").append(format(v[1])).append(' '));
        out.append("| ").append(row.benchmark()).append(" | ").append(row.params())
            .append(" | ").append(format(row.score())).append(" | ").append(format(row.error()))
            .append(" | ").append(row.unit()).append(" | ")
            .append(String.format(Locale.ROOT, "%.2fx", row.score() / base)).append(" | ")
            .append(secondary.toString().strip()).append(" |\n");
      }
    }
    return out.toString();
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 1 ? "%.1f" : "%.3f",
        value);
  }
}
