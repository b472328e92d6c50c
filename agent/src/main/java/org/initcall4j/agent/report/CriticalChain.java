package org.initcall4j.agent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code systemd-analyze critical-chain} for initcalls: the dependency path with the most
 * initcall time on it, the one to shorten (or defer) first. Computed over the initcalls that
 * ran; the plan order puts every prerequisite first, so one pass in that order suffices.
 */
public final class CriticalChain {
  private CriticalChain() {}

  /** The chain from its first initcall to its last; empty when nothing ran. */
  public static List<BootTimes.Entry> of(BootTimes times) {
    List<BootTimes.Entry> entries = times.entries();
    long[] total = new long[entries.size()];
    int[] via = new int[entries.size()];
    int best = -1;
    for (int i = 0; i < entries.size(); i++) {
      BootTimes.Entry entry = entries.get(i);
      via[i] = -1;
      if (!entry.ran()) {
        continue;
      }
      for (int need : entry.prerequisites()) {
        if (entries.get(need).ran() && (via[i] < 0 || total[need] > total[via[i]])) {
          via[i] = need;
        }
      }
      total[i] = entry.durationNanos() + (via[i] < 0 ? 0 : total[via[i]]);
      if (best < 0 || total[i] > total[best]) {
        best = i;
      }
    }
    List<BootTimes.Entry> chain = new ArrayList<>();
    for (int i = best; i >= 0; i = via[i]) {
      chain.add(0, entries.get(i));
    }
    return chain;
  }

  /** The chain as systemd prints it: the last initcall first, each one's prerequisite below. */
  public static String text(BootTimes times) {
    List<BootTimes.Entry> chain = of(times);
    StringBuilder out = new StringBuilder();
    if (chain.isEmpty()) {
      return out.append("no initcall has run yet\n").toString();
    }
    long sum = 0;
    for (BootTimes.Entry entry : chain) {
      sum += entry.durationNanos();
    }
    out.append("The time when the initcall started is printed after the \"@\" character.\n")
        .append("The time the initcall took is printed after the \"+\" character.\n")
        .append("Times are since the agent started. Chain total: ")
        .append(BootTimes.time(sum)).append(".\n");
    if (times.entries().stream().allMatch(e -> e.prerequisites().isEmpty())) {
      out.append("No dependency links: none were declared, or they were freed after the last"
          + " flush (option report=DIR keeps them).\n");
    }
    out.append('\n');
    String indent = "";
    for (int i = chain.size() - 1; i >= 0; i--) {
      BootTimes.Entry entry = chain.get(i);
      out.append(indent).append(i == chain.size() - 1 ? "" : "\u2514\u2500").append(entry.name())
          .append(" @").append(BootTimes.time(entry.startNanos()))
          .append(" +").append(BootTimes.time(entry.durationNanos()))
          .append(entry.deferred() ? " (deferred)" : "").append('\n');
      if (i < chain.size() - 1) {
        indent += "  ";
      }
    }
    return out.toString();
  }
}
