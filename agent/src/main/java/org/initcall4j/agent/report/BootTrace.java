package org.initcall4j.agent.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.initcall4j.agent.profile.ClinitTiming;
import org.initcall4j.agent.runtime.FlushMark;
import org.initcall4j.agent.runtime.InitcallState;

/**
 * The boot as a Trace Event Format file ({@code trace.json}), which Perfetto and
 * {@code chrome://tracing} open: a track per thread (named by metadata events), a complete event
 * ({@code ph:"X"}) per initcall that ran, a begin event for one still running, an instant event
 * per skipped initcall, a global instant at the end of boot and at the start of each flush that
 * ran something, and in profile mode a complete event per timed static initializer, on the
 * thread that ran it, so it nests inside the initcall (or static initializer) that triggered it.
 *
 * <p>Times are in microseconds with nanosecond decimals, since the runtime started; when profile
 * mode timed static initializers before that (behind a launcher), everything is shifted so that
 * no time is negative, and {@code otherData.offsetMicros} says by how much.
 */
public final class BootTrace {
  static final String INITCALL = "initcall";
  static final String CLINIT = "clinit";

  private BootTrace() {}

  /**
   * The whole file.
   *
   * @param flushes the flushes that ran something
   * @param emptyFlushes how many found nothing to run (counted, not drawn)
   * @param clinits profile mode's timed static initializers, empty when it is off
   * @param originNanos the runtime's zero, on {@link System#nanoTime()}: places the clinits
   * @param pid the process id shown
   */
  public static String json(BootTimes times, List<FlushMark> flushes, long emptyFlushes,
      List<ClinitTiming> clinits, long originNanos, long pid) {
    long offset = 0;
    for (ClinitTiming clinit : clinits) {
      offset = Math.max(offset, originNanos - clinit.startNanos());
    }
    Events events = new Events(pid, offset);
    for (BootTimes.Entry entry : times.entries()) {
      events.initcall(entry);
    }
    bootEnd(times, events);
    for (FlushMark flush : flushes) {
      events.instant("flush " + flush.what(), "flush", "g", flush.threadId(), flush.thread(),
          flush.startNanos(), new StringBuilder("{\"ran\":").append(flush.ran())
              .append(",\"durationMs\":").append(JsonText.millis(new StringBuilder(),
                  flush.durationNanos())).append('}'));
    }
    Triggers triggers = new Triggers(times);
    for (ClinitTiming clinit : clinits) {
      events.clinit(clinit, clinit.startNanos() - originNanos,
          triggers.of(clinit.threadId(), clinit.startNanos() - originNanos,
              clinit.inclusiveNanos()));
    }
    return events.file(emptyFlushes);
  }

  /**
   * When the boot initcalls were over, on the thread that ended last: only when boot ran them
   * (an attach runs none), or had none to run.
   */
  private static void bootEnd(BootTimes times, Events events) {
    BootTimes.Entry last = null;
    boolean anyAtBoot = false;
    for (BootTimes.Entry entry : times.entries()) {
      if (!entry.deferred()) {
        anyAtBoot = true;
        if (entry.ran() && (last == null || entry.endNanos() > last.endNanos())) {
          last = entry;
        }
      }
    }
    if (last != null) {
      events.instant("boot end", "boot", "g", last.threadId(), last.thread(),
          times.bootEndNanos(), null);
    } else if (!anyAtBoot) {
      events.instant("boot end", "boot", "g", 0, null, 0, null);
    }
  }

  /** The events, sorted by time at the end, and the threads they are on. */
  private static final class Events {
    private final long pid;
    private final long offset;
    private final List<Event> list = new ArrayList<>();
    /** Thread id to name. */
    private final Map<Long, String> threads = new HashMap<>();

    Events(long pid, long offset) {
      this.pid = pid;
      this.offset = offset;
    }

    void initcall(BootTimes.Entry entry) {
      InitcallState state = entry.state();
      if (state == InitcallState.SKIPPED) {
        instant(entry.name(), INITCALL, "t", entry.threadId(), entry.thread(),
            entry.startNanos(), initcallArgs(entry));
      } else if (state == InitcallState.RUNNING) {
        // no end yet: a begin without an end, which viewers draw to the end of the trace
        add(entry.startNanos(), 0, entry.threadId(), start(entry.name(), INITCALL, "B",
            entry.startNanos(),
            entry.threadId(), entry.thread()).append(",\"args\":")
            .append(initcallArgs(entry)).append('}'));
      } else if (entry.ran()) {
        complete(entry.name(), INITCALL, entry.threadId(), entry.thread(), entry.startNanos(),
            entry.durationNanos(), initcallArgs(entry));
      }
    }

    private static StringBuilder initcallArgs(BootTimes.Entry entry) {
      StringBuilder args = new StringBuilder("{\"level\":");
      JsonText.string(args, entry.level()).append(",\"deferred\":").append(entry.deferred())
          .append(",\"outcome\":");
      return JsonText.string(args, entry.outcome()).append('}');
    }

    void clinit(ClinitTiming clinit, long startNanos, String trigger) {
      StringBuilder args = new StringBuilder("{\"exclusiveMs\":");
      JsonText.millis(args, clinit.exclusiveNanos()).append(",\"nestedIn\":");
      JsonText.string(args, clinit.nestedIn()).append(",\"initcall\":");
      JsonText.string(args, trigger).append(",\"failed\":").append(clinit.failed()).append('}');
      complete(clinit.className(), CLINIT, clinit.threadId(), clinit.thread(), startNanos,
          clinit.inclusiveNanos(), args);
    }

    void complete(String name, String category, long tid, String thread, long startNanos,
        long durationNanos, StringBuilder args) {
      StringBuilder json = start(name, category, "X", startNanos, tid, thread)
          .append(",\"dur\":");
      JsonText.micros(json, durationNanos).append(",\"args\":").append(args).append('}');
      add(startNanos, durationNanos, tid, json);
    }

    void instant(String name, String category, String scope, long tid, String thread,
        long atNanos, StringBuilder args) {
      StringBuilder json = start(name, category, "i", atNanos, tid, thread)
          .append(",\"s\":\"").append(scope).append('"');
      if (args != null) {
        json.append(",\"args\":").append(args);
      }
      add(atNanos, -1, tid, json.append('}'));
    }

    private StringBuilder start(String name, String category, String phase, long atNanos,
        long tid, String thread) {
      if (thread != null) {
        threads.putIfAbsent(tid, thread);
      }
      StringBuilder json = new StringBuilder(160).append("{\"name\":");
      JsonText.string(json, name).append(",\"cat\":\"").append(category)
          .append("\",\"ph\":\"").append(phase).append("\",\"ts\":");
      JsonText.micros(json, atNanos + offset).append(",\"pid\":").append(pid)
          .append(",\"tid\":").append(tid);
      return json;
    }

    private void add(long startNanos, long durationNanos, long tid, StringBuilder json) {
      list.add(new Event(startNanos, durationNanos, tid, json.toString()));
    }

    String file(long emptyFlushes) {
      // by start, and the longer first at the same start: an enclosing event before its parts
      list.sort((a, b) -> a.start != b.start ? Long.compare(a.start, b.start)
          : Long.compare(b.duration, a.duration));
      StringBuilder out = new StringBuilder(256 + 200 * list.size());
      out.append("{\"traceEvents\":[\n");
      out.append("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":").append(pid)
          .append(",\"tid\":0,\"args\":{\"name\":\"initcall4j: JVM ").append(pid)
          .append("\"}}");
      // the threads in the order they first did something
      Set<Long> order = new LinkedHashSet<>();
      for (Event event : list) {
        if (threads.containsKey(event.tid)) {
          order.add(event.tid);
        }
      }
      int sortIndex = 0;
      for (long tid : order) {
        out.append(",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":").append(pid)
            .append(",\"tid\":").append(tid).append(",\"args\":{\"name\":");
        JsonText.string(out, threads.get(tid)).append("}}");
        out.append(",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":").append(pid)
            .append(",\"tid\":").append(tid).append(",\"args\":{\"sort_index\":")
            .append(sortIndex++).append("}}");
      }
      for (Event event : list) {
        out.append(",\n").append(event.json);
      }
      out.append("\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":{\"generator\":\"initcall4j\","
          + "\"timeZero\":\"the initcall4j runtime's start, minus offsetMicros\","
          + "\"offsetMicros\":");
      JsonText.micros(out, offset).append(",\"flushesThatRanNothing\":").append(emptyFlushes)
          .append("}}\n");
      return out.toString();
    }
  }

  private record Event(long start, long duration, long tid, String json) {}

  /**
   * Which initcall a static initializer ran inside: the innermost initcall on the same thread
   * whose time contains its time. Per thread, the initcalls by start with the latest end among
   * those before, so the search stops as soon as no earlier initcall reaches that far.
   */
  private static final class Triggers {
    private final Map<Long, List<BootTimes.Entry>> byThread = new HashMap<>();
    private final Map<Long, long[]> reach = new HashMap<>();

    Triggers(BootTimes times) {
      for (BootTimes.Entry entry : times.ranByStart()) {
        byThread.computeIfAbsent(entry.threadId(), t -> new ArrayList<>()).add(entry);
      }
      for (Map.Entry<Long, List<BootTimes.Entry>> thread : byThread.entrySet()) {
        List<BootTimes.Entry> entries = thread.getValue();
        long[] latestEnd = new long[entries.size()];
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < entries.size(); i++) {
          latest = Math.max(latest, entries.get(i).endNanos());
          latestEnd[i] = latest;
        }
        reach.put(thread.getKey(), latestEnd);
      }
    }

    /** The name of the initcall, or null when it ran outside any. */
    String of(long threadId, long startNanos, long durationNanos) {
      List<BootTimes.Entry> entries = byThread.get(threadId);
      if (entries == null) {
        return null;
      }
      long[] latestEnd = reach.get(threadId);
      long end = startNanos + durationNanos;
      int i = lastStartingBy(entries, startNanos);
      for (; i >= 0 && latestEnd[i] >= end; i--) {
        if (entries.get(i).endNanos() >= end) {
          return entries.get(i).name();
        }
      }
      return null;
    }

    private static int lastStartingBy(List<BootTimes.Entry> entries, long nanos) {
      int low = 0;
      int high = entries.size() - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        if (entries.get(middle).startNanos() <= nanos) {
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return high;
    }
  }
}
