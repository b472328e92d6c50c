package org.initcall4j.agent.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.initcall4j.agent.runtime.GroupRecord;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.InitcallState;

/** The text of the control directory's read views, made from the runtime's current state. */
public final class ControlViews {
  private static final String[] HEADER = {"NAME", "LEVEL", "STATE", "START_MS", "DURATION_MS",
      "THREAD", "DETAIL"};
  private static final String[] GROUPS_HEADER = {"NAME", "LEVEL", "STATE", "START_MS",
      "DURATION_MS", "THREAD", "GROUP", "DETAIL"};

  private ControlViews() {}

  /**
   * {@code deferred_initcalls}: the deferred initcalls not run yet, one name a line; a part of a
   * group is followed by a tab and {@code group=<name>}, so the first word stays the name.
   */
  static String deferred(InitcallRuntime runtime) {
    StringBuilder out = new StringBuilder();
    boolean groups = !runtime.groups().isEmpty();
    for (InitcallRecord record : runtime.pendingDeferred()) {
      out.append(record.name());
      GroupRecord group = groups ? runtime.groupOf(record) : null;
      if (group != null) {
        out.append("\tgroup=").append(group.name());
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * {@code initcalls}: every initcall in plan order with level, state, start and duration (ms
   * since the agent started), thread, and the error, skip reason or who disabled it. With groups,
   * a GROUP column names each initcall's, and each group has a line of its own after its last
   * part's (GROUP {@code (group)}), its state derived from its parts.
   */
  public static String table(InitcallRuntime runtime) {
    List<GroupRecord> groups = runtime.groups();
    List<String[]> rows = new ArrayList<>();
    rows.add(groups.isEmpty() ? HEADER : GROUPS_HEADER);
    for (InitcallRecord record : runtime.records()) {
      GroupRecord group = groups.isEmpty() ? null : runtime.groupOf(record);
      rows.add(row(record, groups.isEmpty() ? null : group == null ? "-" : group.name()));
      if (group != null && last(group) == record) {
        rows.add(row(group));
      }
    }
    return align(rows);
  }

  private static InitcallRecord last(GroupRecord group) {
    return group.parts().get(group.parts().size() - 1);
  }

  /** An initcall's line; {@code group} null leaves the GROUP column out (no groups at all). */
  static String[] row(InitcallRecord record, String group) {
    InitcallState state = record.state();
    boolean ran = state == InitcallState.DONE || state == InitcallState.FAILED
        || state == InitcallState.RUNNING;
    String detail = switch (state) {
      case FAILED -> String.valueOf(record.error());
      case SKIPPED, DISABLED -> record.skipReason();
      default -> "";
    };
    String name = record.name();
    String level = record.spec().level().name();
    String stateName = state.name().toLowerCase(Locale.ROOT);
    String start = ran || state == InitcallState.SKIPPED ? millis(record.startNanos()) : "-";
    String duration = ran && state != InitcallState.RUNNING ? millis(record.durationNanos())
        : "-";
    String thread = ran && record.threadName() != null ? record.threadName() : "-";
    return group == null
        ? new String[] {name, level, stateName, start, duration, thread, oneLine(detail)}
        : new String[] {name, level, stateName, start, duration, thread, group, oneLine(detail)};
  }

  /** A group's line: from its first part's start to its last part's end. */
  static String[] row(GroupRecord group) {
    long start = group.startNanos();
    long end = group.endNanos();
    return new String[] {
        group.name(),
        group.level().name(),
        group.state().name().toLowerCase(Locale.ROOT),
        start < 0 ? "-" : millis(start),
        start < 0 || end < 0 ? "-" : millis(end - start),
        "-",
        "(group)",
        group.detail()};
  }

  /**
   * Milliseconds with three decimals, as {@code %.3f} writes them (times are never negative); by
   * hand, because a {@code Formatter} per cell was most of the table's cost with thousands of
   * initcalls.
   */
  static String millis(long nanos) {
    long micros = Math.round(nanos / 1e3);
    String fraction = Long.toString(micros % 1000);
    return micros / 1000 + "." + "000".substring(fraction.length()) + fraction;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }

  /** Space-padded columns; the last column is not padded. The first row is the header. */
  public static String align(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(row[c]);
        if (c < columns - 1) {
          line.append(" ".repeat(width[c] - row[c].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
