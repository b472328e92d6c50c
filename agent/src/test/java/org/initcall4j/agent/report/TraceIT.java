package org.initcall4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Option {@code report=DIR} in a real JVM, with profile mode: {@code trace.json} checked event by
 * event against what the runtime recorded (the app prints its MBean's table at the end), static
 * initializers nested inside the initcall that triggered them, and {@code initcalls.dot}.
 */
class TraceIT {
  private static final long MS = 1_000_000;

  /** One line the app printed about a record, from its MBean's Initcalls table. */
  private record Recorded(String name, String state, double startMillis, double durationMillis,
      String thread) {

    long startNanos() {
      return Math.round(startMillis * 1e6);
    }

    long endNanos() {
      return Math.round((startMillis + durationMillis) * 1e6);
    }
  }

  private static Map<String, Recorded> recorded(ForkedJvm.Result result) {
    Map<String, Recorded> records = new TreeMap<>();
    for (String line : result.stdoutLines()) {
      if (line.startsWith("record ")) {
        String[] f = line.split(" ", 6);
        records.put(f[1], new Recorded(f[1], f[2], Double.parseDouble(f[3]),
            Double.parseDouble(f[4]), f[5]));
      }
    }
    assertEquals(8, records.size(), result.describe());
    return records;
  }

  @Test
  void traceHasAnEventPerInitcallThatRanAtItsRecordedTimeWithStaticInitializersInside(
      @TempDir Path dir) throws Exception {
    Path reportDir = dir.resolve("report");
    ForkedJvm.Result result = ForkedJvm.current().agent("report=" + reportDir + ",profile")
        .classPath(TestApps.jar("trace")).classPath(ForkedJvm.apiClasses()).main("trace.Main")
        .run();
    assertEquals(0, result.exitCode(), result.describe());
    Map<String, Recorded> records = recorded(result);

    TraceFile trace = TraceFile.parse(Files.readString(reportDir.resolve(BootReport.TRACE)));
    trace.assertWellFormed();
    long offset = trace.otherData().get("offsetMicros").getAsBigDecimal().movePointRight(3)
        .longValueExact();

    Set<String> ran = new TreeSet<>();
    for (Recorded record : records.values()) {
      if (record.state().equals("done") || record.state().equals("failed")) {
        ran.add(record.name());
        TraceFile.Event event = trace.complete(BootTrace.INITCALL, record.name());
        // the MBean says milliseconds as a double: equal to the nanosecond
        assertEquals(record.startMillis() * 1e6 + offset, event.startNanos(), 1, record.name());
        assertEquals(record.durationMillis() * 1e6, event.durationNanos(), 1, record.name());
        assertEquals(record.thread(), trace.threadName(event.tid()), record.name());
      }
    }
    assertEquals(Set.of("clock", "disk", "net", "db", "broken", "codec", "thumbs"), ran);
    assertEquals(ran.size(), trace.events("X", BootTrace.INITCALL).size(),
        "one complete event per initcall that ran, no more");
    assertTrue(trace.complete(BootTrace.INITCALL, "broken").arg("outcome")
        .startsWith("failed: java.lang.IllegalStateException: no such device"));
    TraceFile.Event skipped = trace.events("i", BootTrace.INITCALL).get(0);
    assertEquals("needs-broken", skipped.name());
    assertEquals("skipped: needs 'broken', which failed", skipped.arg("outcome"));

    TraceFile.Event disk = trace.complete(BootTrace.INITCALL, "disk");
    TraceFile.Event net = trace.complete(BootTrace.INITCALL, "net");
    TraceFile.Event clock = trace.complete(BootTrace.INITCALL, "clock");
    assertNotEquals(clock.tid(), disk.tid(), "async initcalls on pool threads' tracks");
    assertNotEquals(disk.tid(), net.tid(), "disk and net ran at the same time");
    assertTrue(trace.threadName(disk.tid()).startsWith("initcall-"), trace.threadName(disk.tid()));

    // profile mode: Codec's static initializer inside initcall codec, Table's inside Codec's
    TraceFile.Event codec = trace.complete(BootTrace.INITCALL, "codec");
    TraceFile.Event codecClass = trace.complete(BootTrace.CLINIT, "trace.Codec");
    TraceFile.Event table = trace.complete(BootTrace.CLINIT, "trace.Table");
    assertSame(codec, trace.enclosing(codecClass), "on codec's thread, inside its time");
    assertSame(codecClass, trace.enclosing(table));
    assertEquals("codec", codecClass.arg("initcall"));
    assertEquals("codec", table.arg("initcall"));
    assertEquals("trace.Codec", table.arg("nestedIn"));
    assertTrue(table.durationNanos() >= 10 * MS, table.toString());
    assertTrue(codecClass.durationNanos() >= 30 * MS, "its own 20 ms and Table's 10 ms: "
        + codecClass);

    long bootEnd = 0;
    for (String name : List.of("clock", "disk", "net", "db")) {
      bootEnd = Math.max(bootEnd, records.get(name).endNanos());
    }
    assertEquals(bootEnd + offset, trace.events("i", "boot").get(0).startNanos(), 2);
    List<TraceFile.Event> flushes = trace.events("i", "flush");
    assertEquals(List.of("flush codec", "flush all"), flushes.stream().map(TraceFile.Event::name)
        .toList(), "the flushes that ran something");
    // each flush starts before the initcalls it runs, and the second after the first's
    assertTrue(flushes.get(0).startNanos() <= codec.startNanos(), flushes.toString());
    assertTrue(codec.endNanos() <= flushes.get(1).startNanos(), flushes.toString());
    for (String name : List.of("broken", "thumbs")) {
      assertTrue(flushes.get(1).startNanos() <= trace.complete(BootTrace.INITCALL, name)
          .startNanos(), name);
    }
    assertEquals(clock.tid(), flushes.get(0).tid(), "main flushed");
    assertEquals("1", flushes.get(0).arg("ran"));
    assertEquals("3", flushes.get(1).arg("ran"), "broken, needs-broken (skipped) and thumbs");
    assertEquals(1, trace.otherData().get("flushesThatRanNothing").getAsInt());

    DotFile dot = DotFile.parse(Files.readString(reportDir.resolve(BootReport.GRAPH)));
    for (String name : records.keySet()) {
      assertNotNull(dot.nodes().get(name), name + " in the graph");
    }
    assertEquals(List.of("db -> disk", "needs-broken -> broken", "thumbs -> codec"),
        dot.edges("after"));
    assertEquals("salmon", dot.nodes().get("broken").attributes().get("fillcolor"));
    assertEquals("lightgrey", dot.nodes().get("needs-broken").attributes().get("fillcolor"));
    assertEquals("palegreen", dot.nodes().get("db").attributes().get("fillcolor"));
    assertTrue(dot.edges("level").contains("db -> level:rootfs"), dot.edges("level").toString());
  }
}
