package org.initcall4j.agent.profile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A config deferring the static initializers and entry points the advisor chose: one commented
 * entry each, with its measured time and what triggered it, ready for option {@code config}.
 */
public final class SuggestedConfig {
  private SuggestedConfig() {}

  /** The config text for static initializers alone. */
  public static String format(List<String> header, List<Finding> chosen) {
    return format(header, chosen, List.of());
  }

  /**
   * The config text.
   *
   * @param header comment lines (without {@code #}) saying where the choice comes from
   * @param chosen the classes to defer
   * @param entryPoints the methods whose calls to park until the flush
   */
  public static String format(List<String> header, List<Finding> chosen,
      List<CallFinding> entryPoints) {
    StringBuilder out = new StringBuilder(256 + 200 * (chosen.size() + entryPoints.size()));
    for (String line : header) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    if (chosen.isEmpty() && entryPoints.isEmpty()) {
      out.append("# nothing to defer\n");
    }
    Set<String> names = new HashSet<>();
    for (Finding finding : chosen) {
      String name = name(finding.className(), names);
      out.append('\n').append("# ").append(BlameList.millis(finding.exclusiveNanos()))
          .append(" ms exclusive");
      if (finding.sinceReadyNanos() != Finding.NO_READY) {
        out.append(", initialized ").append(BlameList.millis(Math.abs(finding.sinceReadyNanos())))
            .append(finding.afterReady() ? " ms after ready" : " ms before ready");
      }
      out.append(", triggered by ").append(finding.trigger() == null ? "(not known)"
          : finding.trigger()).append('\n');
      out.append("initcall.").append(name).append(".class = ").append(finding.className())
          .append('\n');
      out.append("initcall.").append(name).append(".deferred = true\n");
    }
    for (CallFinding call : entryPoints) {
      String name = name(call.className() + "." + call.methodName(), names);
      out.append('\n').append("# ").append(BlameList.millis(call.firstCallNanos()))
          .append(" ms in its call");
      if (call.sinceReadyNanos() != Finding.NO_READY) {
        out.append(", called ").append(BlameList.millis(Math.abs(call.sinceReadyNanos())))
            .append(call.afterReady() ? " ms after ready" : " ms before ready");
      }
      out.append(", by ").append(call.trigger() == null ? "(not known)" : call.trigger())
          .append('\n');
      out.append("initcall.").append(name).append(".method = ").append(call.target())
          .append('\n');
      out.append("initcall.").append(name).append(".deferred = true\n");
    }
    return out.toString();
  }

  /** A class or method name as an initcall name: {@code $} is not allowed in one. */
  private static String name(String javaName, Set<String> taken) {
    String base = javaName.replace('$', '_');
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }
}
