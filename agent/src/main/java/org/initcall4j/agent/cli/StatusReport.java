package org.initcall4j.agent.cli;

import java.util.Locale;

/**
 * The text of {@code status}: the MBean's attributes, one fact a line, then in profile mode the
 * blame list as it stands.
 */
final class StatusReport {
  private StatusReport() {}

  static String of(TargetJvm target) throws CliException {
    String[] pending = (String[]) target.get("PendingDeferred");
    double ready = (Double) target.get("ReadyMillis");
    double lastFlush = (Double) target.get("LastFlushMillis");
    StringBuilder out = new StringBuilder();
    line(out, "initcall4j in JVM " + target.pid());
    line(out, "  initcalls:         " + target.get("Total") + " total, " + target.get("Done")
        + " done, " + target.get("Failed") + " failed, " + target.get("Skipped") + " skipped, "
        + target.get("Running") + " running, " + target.get("Waiting") + " waiting");
    line(out, "  boot:              " + millis((Double) target.get("BootMillis")));
    line(out, "  deferred, not run: " + (pending.length == 0 ? "none" : String.join(" ", pending)));
    line(out, "  flush policy:      " + target.get("FlushPolicy") + (ready < 0
        ? ", Initcalls.ready() not called" : ", Initcalls.ready() at " + millis(ready)));
    line(out, "  flushes:           " + target.get("FlushCount") + (lastFlush < 0 ? ""
        : ", the last took " + millis(lastFlush)));
    line(out, "  control directory: " + target.get("ControlDirectory"));
    line(out, "  jmx:               " + (Boolean.TRUE.equals(target.get("ReadOnly"))
        ? "read-only (jmx=readonly): no flush" : "read and flush"));
    line(out, "  init memory:       " + target.get("InitMemoryFreedDetail"));
    if (Boolean.TRUE.equals(target.get("Profiling"))) {
      line(out, "  profile mode:      on; the blame list so far:");
      out.append(target.get("Profile"));
    } else {
      line(out, "  profile mode:      off");
    }
    return out.toString();
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%.1f ms", value);
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append(System.lineSeparator());
  }
}
