package org.initcall4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.profile.ClinitTiming;
import org.initcall4j.agent.runtime.FlushMark;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.InitcallState;
import org.initcall4j.agent.runtime.Invoker;
import org.initcall4j.agent.runtime.RuntimeSettings;
import org.junit.jupiter.api.Test;

class BootTraceTest {
  private static final long MS = 1_000_000;
  /** The runtime's zero on System.nanoTime(). */
  private static final long ORIGIN = 5_000_000_000L;
  private static final long PID = 4242;

  private static BootTimes.Entry entry(String name, boolean deferred, InitcallState state,
      String thread, long tid, long startNanos, long durationNanos, String outcome) {
    return new BootTimes.Entry(name, "DEVICE", deferred, state, thread, tid, startNanos,
        durationNanos, List.of(), outcome);
  }

  private static BootTimes.Entry done(String name, boolean deferred, String thread, long tid,
      long startNanos, long durationNanos) {
    return entry(name, deferred, InitcallState.DONE, thread, tid, startNanos, durationNanos,
        "done");
  }

  private static ClinitTiming clinit(String type, String thread, long tid, long startNanos,
      long inclusiveNanos, String nestedIn) {
    return new ClinitTiming(type, thread, tid, ORIGIN + startNanos, inclusiveNanos,
        inclusiveNanos, nestedIn, false);
  }

  @Test
  void oneCompleteEventPerInitcallThatRanOnItsThreadsTrackWithExactTimes() {
    BootTimes times = new BootTimes(List.of(
        done("a", false, "main", 1, 1_234, 10 * MS + 567),
        done("b", false, "initcall-1", 20, 2 * MS, 5 * MS + 1),
        entry("c", true, InitcallState.FAILED, "main", 1, 30 * MS, 5 * MS,
            "failed: java.lang.IllegalStateException: no device"),
        entry("d", true, InitcallState.SKIPPED, "main", 1, 35 * MS, 0,
            "skipped: needs 'c', which failed"),
        entry("e", true, InitcallState.RUNNING, "initcall-1", 20, 40 * MS, 0, "running"),
        entry("f", true, InitcallState.DEFERRED, null, 0, 0, 0, "deferred")));
    List<FlushMark> flushes = List.of(new FlushMark("c", "main", 1, 29 * MS, 7 * MS, 2));

    TraceFile trace = TraceFile.parse(BootTrace.json(times, flushes, 3, List.of(), ORIGIN, PID));
    trace.assertWellFormed();

    assertEquals(List.of("a", "b", "c"), trace.events("X", BootTrace.INITCALL).stream()
        .map(TraceFile.Event::name).toList(), "one complete event per initcall that ran");
    TraceFile.Event a = trace.complete(BootTrace.INITCALL, "a");
    assertEquals("1.234", a.ts().toPlainString(), "microseconds, to the nanosecond");
    assertEquals(10 * MS + 567, a.durationNanos());
    assertEquals(1, a.tid());
    assertEquals(PID, a.pid());
    assertEquals("main", trace.threadName(1));
    assertEquals("initcall-1", trace.threadName(20));
    assertEquals("DEVICE", a.arg("level"));
    TraceFile.Event c = trace.complete(BootTrace.INITCALL, "c");
    assertEquals("failed: java.lang.IllegalStateException: no device", c.arg("outcome"));
    assertEquals("true", c.arg("deferred"));

    List<TraceFile.Event> skipped = trace.events("i", BootTrace.INITCALL);
    assertEquals(1, skipped.size(), skipped.toString());
    assertEquals("d", skipped.get(0).name());
    assertEquals("t", skipped.get(0).scope());
    assertEquals("skipped: needs 'c', which failed", skipped.get(0).arg("outcome"));
    List<TraceFile.Event> running = trace.events("B", BootTrace.INITCALL);
    assertEquals("e", running.get(0).name(), "a begin without an end while it runs");

    TraceFile.Event bootEnd = trace.events("i", "boot").get(0);
    assertEquals("boot end", bootEnd.name());
    assertEquals(10 * MS + 1_801, bootEnd.startNanos(), "the end of the last boot initcall");
    assertEquals("g", bootEnd.scope());
    TraceFile.Event flush = trace.events("i", "flush").get(0);
    assertEquals("flush c", flush.name());
    assertEquals(29 * MS, flush.startNanos());
    assertEquals("2", flush.arg("ran"));
    assertEquals("7.000000", flush.arg("durationMs"));
    assertEquals(3, trace.otherData().get("flushesThatRanNothing").getAsInt());
    assertEquals("0.000", trace.otherData().get("offsetMicros").getAsBigDecimal().toPlainString());
  }

  @Test
  void staticInitializersNestInsideWhatTriggeredThemOnTheirThread() {
    BootTimes times = new BootTimes(List.of(
        done("codec", true, "main", 1, 10 * MS, 30 * MS),
        done("outer", false, "main", 1, 0, 8 * MS),
        done("inner", false, "main", 1, 2 * MS, 3 * MS))); // required from inside outer
    List<ClinitTiming> clinits = List.of(
        clinit("app.Codec", "main", 1, 11 * MS, 20 * MS, null),
        clinit("app.Table", "main", 1, 15 * MS, 5 * MS, "app.Codec"),
        clinit("app.InInner", "main", 1, 3 * MS, MS, null),
        clinit("app.Later", "main", 1, 50 * MS, MS, null),
        clinit("app.Elsewhere", "worker", 7, 12 * MS, 2 * MS, null));

    TraceFile trace = TraceFile.parse(BootTrace.json(times, List.of(), 0, clinits, ORIGIN, PID));
    trace.assertWellFormed();

    TraceFile.Event codec = trace.complete(BootTrace.INITCALL, "codec");
    TraceFile.Event codecClass = trace.complete(BootTrace.CLINIT, "app.Codec");
    TraceFile.Event table = trace.complete(BootTrace.CLINIT, "app.Table");
    assertEquals(11 * MS, codecClass.startNanos(), "placed on the runtime's time line");
    assertSame(codec, trace.enclosing(codecClass));
    assertEquals("codec", codecClass.arg("initcall"));
    assertSame(codecClass, trace.enclosing(table));
    assertEquals("codec", table.arg("initcall"));
    assertEquals("app.Codec", table.arg("nestedIn"));
    TraceFile.Event inInner = trace.complete(BootTrace.CLINIT, "app.InInner");
    assertEquals("inner", inInner.arg("initcall"), "the innermost initcall");
    assertSame(trace.complete(BootTrace.INITCALL, "inner"), trace.enclosing(inInner));
    assertNull(trace.complete(BootTrace.CLINIT, "app.Later").arg("initcall"));
    TraceFile.Event elsewhere = trace.complete(BootTrace.CLINIT, "app.Elsewhere");
    assertNull(elsewhere.arg("initcall"), "codec's time, but another thread");
    assertEquals("worker", trace.threadName(elsewhere.tid()));
  }

  @Test
  void threadsAreOrderedByTheirFirstEventNotByThePlan() {
    BootTimes times = new BootTimes(List.of(
        done("first-in-plan", false, "late", 5, 10 * MS, MS),
        done("second-in-plan", false, "early", 6, MS, MS)));
    List<ClinitTiming> clinits = List.of(clinit("app.C", "earliest", 7, 0, 10, null));

    TraceFile trace = TraceFile.parse(BootTrace.json(times, List.of(), 0, clinits, ORIGIN, PID));

    assertEquals(List.of("earliest", "early", "late"), trace.threadsInOrder());
  }

  @Test
  void staticInitializersBeforeTheRuntimeStartedShiftEveryTimeToStayPositive() {
    BootTimes times = new BootTimes(List.of(done("a", false, "main", 1, 0, MS)));
    List<ClinitTiming> clinits = List.of(clinit("launcher.Main", "main", 1, -3 * MS - 5, MS,
        null));

    TraceFile trace = TraceFile.parse(BootTrace.json(times, List.of(), 0, clinits, ORIGIN, PID));
    trace.assertWellFormed();

    assertEquals("3000.005",
        trace.otherData().get("offsetMicros").getAsBigDecimal().toPlainString());
    assertEquals(3 * MS + 5, trace.complete(BootTrace.INITCALL, "a").startNanos());
    assertEquals(0, trace.complete(BootTrace.CLINIT, "launcher.Main").startNanos());
  }

  /** Quotes, backslashes, control and line-separator characters, a lone surrogate, an emoji. */
  private static final String HOSTILE = "\"},{\"ph\":\"X\" \\ \\u0041 \u0000\u0007\u001b\n\r\t"
      + " \u2028\u2029 \ud800 \ud83d\ude00 \u00e9\u4e2d";

  @Test
  void everyTextFromTheApplicationStaysOneJsonString() {
    BootTimes times = new BootTimes(List.of(
        entry(HOSTILE, true, InitcallState.FAILED, HOSTILE, 3, 0, MS,
            "failed: java.lang.IllegalStateException: " + HOSTILE)));
    List<FlushMark> flushes = List.of(new FlushMark(HOSTILE, HOSTILE, 3, 0, MS, 1));
    List<ClinitTiming> clinits = List.of(clinit(HOSTILE, HOSTILE, 3, 0, 10, HOSTILE));

    TraceFile trace = TraceFile.parse(BootTrace.json(times, flushes, 0, clinits, ORIGIN, PID));
    trace.assertWellFormed();

    String kept = HOSTILE.replace('\ud800', '\ufffd');
    assertEquals(kept, trace.complete(BootTrace.INITCALL, kept).name());
    assertEquals(kept, trace.threadName(3));
    assertEquals("failed: java.lang.IllegalStateException: " + kept,
        trace.complete(BootTrace.INITCALL, kept).arg("outcome"));
    assertEquals(kept, trace.complete(BootTrace.CLINIT, kept).arg("nestedIn"));
    assertEquals("flush " + kept, trace.events("i", "flush").get(0).name());
    assertEquals(4, trace.events().size(), "no event added by the text: " + trace.events());
  }

  @Test
  void aRuntimesTraceHasItsRecordedTimesAndFlushes() {
    List<InitcallSpec> specs = List.of(
        spec("first", false, List.of()),
        spec("second", false, List.of("first")),
        spec("later", true, List.of("second")));
    InitcallRuntime runtime = new InitcallRuntime(InitcallGraph.plan(specs), new Invoker() {
      @Override
      public void invoke(InitcallSpec spec) {
        long until = System.nanoTime() + MS;
        while (System.nanoTime() < until) {
          Thread.onSpinWait(); // a millisecond of work
        }
      }
    }, RuntimeSettings.defaults(), new PrintStream(OutputStream.nullOutputStream()));
    runtime.boot();
    runtime.flush("later");
    runtime.flushAll(); // nothing left: counted, not drawn

    // as BootReport.trace reads the runtime, without profile mode's timings: in this JVM they
    // are other tests' (a forked JVM checks them, TraceIT)
    TraceFile trace = TraceFile.parse(BootTrace.json(BootTimes.of(runtime.records(), null),
        runtime.flushMarks(), runtime.emptyFlushes(), List.of(), runtime.originNanos(),
        ProcessHandle.current().pid()));
    trace.assertWellFormed();

    for (InitcallRecord record : runtime.records()) {
      TraceFile.Event event = trace.complete(BootTrace.INITCALL, record.name());
      assertEquals(record.startNanos(), event.startNanos(), record.name());
      assertEquals(record.durationNanos(), event.durationNanos(), record.name());
      assertEquals(record.threadId(), event.tid(), record.name());
      assertEquals(Thread.currentThread().getName(), trace.threadName(event.tid()));
    }
    List<TraceFile.Event> flushes = trace.events("i", "flush");
    assertEquals(1, flushes.size(), flushes.toString());
    assertEquals("flush later", flushes.get(0).name());
    assertEquals(runtime.flushMarks().get(0).startNanos(), flushes.get(0).startNanos());
    assertTrue(flushes.get(0).startNanos()
        <= trace.complete(BootTrace.INITCALL, "later").startNanos());
    assertEquals(1, trace.otherData().get("flushesThatRanNothing").getAsInt());
    assertEquals(ProcessHandle.current().pid(), flushes.get(0).pid());
  }

  private static InitcallSpec spec(String name, boolean deferred, List<String> after) {
    return new InitcallSpec(name, InitLevel.DEVICE, "app.C", name, after, List.of(), null,
        deferred, false, "app.C." + name + "()");
  }
}
