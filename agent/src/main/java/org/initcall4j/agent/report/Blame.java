package org.initcall4j.agent.report;

import java.util.ArrayList;
import java.util.List;

/** {@code systemd-analyze blame} for initcalls: every initcall that ran, slowest first. */
public final class Blame {
  private Blame() {}

  public static String text(BootTimes times) {
    List<BootTimes.Entry> ran = new ArrayList<>();
    List<BootTimes.Entry> notRun = new ArrayList<>();
    for (BootTimes.Entry entry : times.entries()) {
      (entry.ran() ? ran : notRun).add(entry);
    }
    ran.sort((a, b) -> Long.compare(b.durationNanos(), a.durationNanos()));
    StringBuilder out = new StringBuilder();
    for (BootTimes.Entry entry : ran) {
      out.append(String.format("%12s %s (%s%s, %s)%s%n", BootTimes.time(entry.durationNanos()),
          entry.name(), entry.level(), entry.deferred() ? ", deferred" : "", entry.thread(),
          entry.state() == org.initcall4j.agent.runtime.InitcallState.FAILED ? " FAILED" : ""));
    }
    for (BootTimes.Entry entry : notRun) {
      out.append(String.format("%12s %s (%s%s): %s%n", "-", entry.name(), entry.level(),
          entry.deferred() ? ", deferred" : "", entry.outcome()));
    }
    return out.toString();
  }
}
