package org.initcall4j.agent.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.InitcallState;

/** The text of the control directory's read views, made from the runtime's current state. */
public final class ControlViews {
  private ControlViews() {}

  /** {@code deferred_initcalls}: the deferred initcalls not run yet, one name a line. */
  static String deferred(InitcallRuntime runtime) {
    StringBuilder out = new StringBuilder();
    for (InitcallRecord record : runtime.pendingDeferred()) {
      out.append(record.name()).append('\n');
    }
    return out.toString();
  }

  /**
   * {@code initcalls}: every initcall in plan order with level, state, start and duration (ms
   * since the agent started), thread, and the error or skip reason.
   */
  public static String table(InitcallRuntime runtime) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "LEVEL", "STATE", "START_MS", "DURATION_MS", "THREAD",
        "DETAIL"});
    for (InitcallRecord record : runtime.records()) {
      rows.add(row(record));
    }
    return align(rows);
  }

  static String[] row(InitcallRecord record) {
    InitcallState state = record.state();
    boolean ran = state == InitcallState.DONE || state == InitcallState.FAILED
        || state == InitcallState.RUNNING;
    String detail = switch (state) {
      case FAILED -> String.valueOf(record.error());
      case SKIPPED -> record.skipReason();
      default -> "";
    };
    return new String[] {
        record.name(),
        record.spec().level().name(),
        state.name().toLowerCase(Locale.ROOT),
        ran || state == InitcallState.SKIPPED ? millis(record.startNanos()) : "-",
        ran && state != InitcallState.RUNNING ? millis(record.durationNanos()) : "-",
        ran && record.threadName() != null ? record.threadName() : "-",
        oneLine(detail)};
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
