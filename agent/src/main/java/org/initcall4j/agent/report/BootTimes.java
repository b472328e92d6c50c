package org.initcall4j.agent.report;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallState;

/**
 * A consistent copy of what every initcall did, taken once per report so the blame list, the
 * chain and the graph agree even while a flush runs.
 *
 * @param entries every initcall, in plan order
 */
public record BootTimes(List<Entry> entries) {

  /**
   * One initcall.
   *
   * @param thread the name of the thread that ran or skipped it, null before
   * @param threadId that thread's id
   * @param startNanos since the agent started; meaningful once it ran or was skipped
   * @param prerequisites positions (in {@code entries}) of what it waited for; all earlier
   */
  public record Entry(String name, String level, boolean deferred, InitcallState state,
      String thread, long threadId, long startNanos, long durationNanos,
      List<Integer> prerequisites, String outcome) {

    /** True when it ran (done or failed), so its times mean something. */
    public boolean ran() {
      return state == InitcallState.DONE || state == InitcallState.FAILED;
    }

    public long endNanos() {
      return startNanos + durationNanos;
    }
  }

  /**
   * @param keptEdges each record's prerequisite positions as kept before the init memory was
   *     freed, or null to read them from the records (empty once freed)
   */
  public static BootTimes of(List<InitcallRecord> records, List<List<Integer>> keptEdges) {
    List<Entry> entries = new ArrayList<>(records.size());
    for (InitcallRecord record : records) {
      List<Integer> needs = keptEdges != null ? keptEdges.get(record.position())
          : edgesOf(record);
      InitcallState state = record.state();
      entries.add(new Entry(record.name(), record.spec().level().name(), record.spec().deferred(),
          state, record.threadName(), record.threadId(), record.startNanos(),
          record.durationNanos(),
          needs, record.outcome()));
    }
    return new BootTimes(List.copyOf(entries));
  }

  /** Each record's prerequisite positions, to keep past the freeing of the init memory. */
  public static List<List<Integer>> edgesOf(List<InitcallRecord> records) {
    List<List<Integer>> edges = new ArrayList<>(records.size());
    for (InitcallRecord record : records) {
      edges.add(edgesOf(record));
    }
    return List.copyOf(edges);
  }

  private static List<Integer> edgesOf(InitcallRecord record) {
    List<Integer> needs = new ArrayList<>();
    for (InitcallRecord need : record.prerequisites()) {
      needs.add(need.position());
    }
    return List.copyOf(needs);
  }

  /** Entries that ran, in start order. */
  public List<Entry> ranByStart() {
    List<Entry> ran = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.ran()) {
        ran.add(entry);
      }
    }
    ran.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    return ran;
  }

  /** End of the last boot (not deferred) initcall that ran: about when {@code main} starts. */
  public long bootEndNanos() {
    long end = 0;
    for (Entry entry : entries) {
      if (entry.ran() && !entry.deferred()) {
        end = Math.max(end, entry.endNanos());
      }
    }
    return end;
  }

  /** Start of the first deferred initcall that ran, or -1: when the (first) flush began. */
  public long flushStartNanos() {
    long start = -1;
    for (Entry entry : entries) {
      if (entry.ran() && entry.deferred() && (start < 0 || entry.startNanos() < start)) {
        start = entry.startNanos();
      }
    }
    return start;
  }

  /** {@code 12.345ms} or {@code 1.234s}, as systemd-analyze writes times. */
  static String time(long nanos) {
    if (nanos >= 1_000_000_000L) {
      return String.format(java.util.Locale.ROOT, "%.3fs", nanos / 1e9);
    }
    return String.format(java.util.Locale.ROOT, "%.3fms", nanos / 1e6);
  }
}
