package org.initcall4j.agent.report;

import java.util.Locale;
import org.initcall4j.agent.runtime.GroupRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * The groups of a boot report, after the blame list: each group's span, from its first part's
 * start to its last part's end, its state and its parts. Empty when there are no groups.
 */
final class GroupLines {
  private GroupLines() {}

  static String text(InitcallRuntime runtime) {
    if (runtime.groups().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\ngroups (first part's start to last part's end):\n");
    for (GroupRecord group : runtime.groups()) {
      long start = group.startNanos();
      long end = group.endNanos();
      out.append(String.format("%12s %s (%s%s): %s; %s%n",
          start < 0 || end < 0 ? "-" : BootTimes.time(end - start), group.name(),
          group.level().name().toLowerCase(Locale.ROOT), group.deferred() ? ", deferred" : "",
          group.state().name().toLowerCase(Locale.ROOT), group.detail()));
    }
    return out.toString();
  }
}
