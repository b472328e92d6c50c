package org.initcall4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Options report=DIR and jfr in a real JVM: files at exit, report on demand, JFR events. */
class ReportIT {

  private static ForkedJvm app(String options) {
    return ForkedJvm.current().agent(options)
        .classPath(TestApps.jar("report")).classPath(ForkedJvm.apiClasses()).main("report.Main");
  }

  @Test
  void writesBlameCriticalChainAndBootGraphAtExitAndOnDemand(@TempDir Path dir) throws Exception {
    Path reportDir = dir.resolve("boot-report");
    ForkedJvm.Result result = app("report=" + reportDir).run();

    assertEquals(0, result.exitCode(), result.describe());
    List<String> blame = Files.readAllLines(reportDir.resolve("blame.txt"));
    // db sleeps 150 ms, so it takes at least that; which initcall is slowest is up to the
    // machine's load (a failing one, with its stack trace, can take longer)
    String db = blame.stream().filter(l -> l.endsWith(" db (ROOTFS, main)")).findFirst()
        .orElseThrow(() -> new AssertionError("no db line: " + blame));
    assertTrue(db.matches(" *\\d+\\.\\d{3}ms db \\(ROOTFS, main\\)"), db);
    assertTrue(millis(db) >= 145, db);
    double previous = Double.MAX_VALUE;
    for (String line : blame.subList(0, 7)) {
      double ms = millis(line);
      assertTrue(ms <= previous, "slowest first: " + blame);
      previous = ms;
    }
    assertTrue(blame.stream().anyMatch(l -> l.endsWith(" disk (FS, main)")), blame.toString());
    assertTrue(blame.stream().anyMatch(l -> l.endsWith(" thumbs (DEVICE, deferred, main)")),
        blame.toString());
    assertTrue(blame.stream().anyMatch(l -> l.contains("broken (DEVICE, deferred, main) FAILED")),
        blame.toString());
    assertTrue(blame.stream().anyMatch(l -> l.matches(
        " *- needs-broken \\(DEVICE, deferred\\): skipped: needs 'broken', which failed")),
        blame.toString());

    String chain = Files.readString(reportDir.resolve("critical-chain.txt"));
    assertTrue(chain.matches("(?s).*\nweb @\\S+ms \\+\\S+ms\n\u2514\u2500db @\\S+ms \\+\\S+ms\n"
        + "  \u2514\u2500disk @\\S+ms \\+\\S+ms\n"), chain);

    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(reportDir.resolve("bootgraph.svg").toFile());
    NodeList bars = svg.getElementsByTagName("g");
    assertEquals(7, bars.getLength(), "one bar per initcall that ran (not the skipped one)");
    String all = svg.getDocumentElement().getTextContent();
    for (String name : new String[] {"disk", "net", "db", "cache", "web", "thumbs", "broken"}) {
      assertTrue(all.contains(name + " ("), name + " must be labelled in the graph");
    }
    assertTrue(all.contains("main") && all.contains("flush"), "main and flush markers");

    assertTrue(result.stdout().contains("initcall blame (slowest first):"), result.describe());
    assertTrue(result.stdout().contains("critical chain:"), result.describe());
  }

  /** The time a blame line starts with: "   154.322ms db (ROOTFS, main)". */
  private static double millis(String line) {
    return Double.parseDouble(line.strip().substring(0, line.strip().indexOf("ms")));
  }

  @Test
  void badReportDirectoryStopsTheJvmWithTheFix(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    ForkedJvm.Result result = app("report=" + file.resolve("sub")).run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("option 'report=" + file.resolve("sub")
        + "': report directory " + file.resolve("sub") + " cannot be created ("),
        result.describe());
    assertFalse(result.stdout().contains("main runs"), result.describe());
  }

  /**
   * A link planted under one of the report's names (as root's JVM once truncated a root-owned
   * file through one): the file is replaced by the report, the link's target is untouched.
   */
  @Test
  void aLinkPlantedUnderAReportFileIsReplacedNotWrittenThrough(@TempDir Path dir)
      throws Exception {
    Path reportDir = Files.createDirectory(dir.resolve("boot-report"));
    Path victim = Files.writeString(dir.resolve("passwd"), "precious\n");
    Path blame = Files.createSymbolicLink(reportDir.resolve("blame.txt"), victim);
    Files.createSymbolicLink(reportDir.resolve("bootgraph.svg"), victim);

    ForkedJvm.Result result = app("report=" + reportDir).run();
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals("precious\n", Files.readString(victim), "written through the link");
    assertFalse(Files.isSymbolicLink(blame));
    assertTrue(Files.readString(blame).contains(" db (ROOTFS, main)"));
    try (Stream<Path> files = Files.list(reportDir)) {
      assertEquals(List.of("blame.txt", "bootgraph.svg", "critical-chain.txt", "initcalls.dot",
          "trace.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary file");
    }
  }

  /**
   * A directory another user can write (played by one of the test's that everybody can write),
   * or a link: refused before main, nothing written there.
   */
  @ParameterizedTest
  @ValueSource(strings = {"shared", "link"})
  void aReportDirectoryOthersCanChangeStopsTheJvmBeforeMain(String kind, @TempDir Path dir)
      throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path reportDir = dir.resolve("boot-report");
    String expected;
    if (kind.equals("shared")) {
      Files.createDirectory(reportDir);
      Files.setPosixFilePermissions(reportDir, PosixFilePermissions.fromString("rwxrwxrwx"));
      expected = " is writable by others (rwxrwxrwx), who could plant links in it; use a"
          + " directory of your own that only you can write, or another report=DIR";
    } else {
      Files.createSymbolicLink(reportDir, elsewhere);
      expected = " is a symbolic link, and initcall4j never follows links there";
    }
    ForkedJvm.Result result = app("report=" + reportDir).run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("initcall4j: option 'report=" + reportDir + "': report"
        + " directory " + reportDir + expected), result.describe());
    assertFalse(result.stdout().contains("main runs"), result.describe());
    for (Path checked : List.of(reportDir, elsewhere)) {
      try (Stream<Path> files = Files.list(checked)) {
        assertEquals(0, files.count(), "nothing written in " + checked);
      }
    }
  }

  /**
   * The report directory, checked at start, is swapped for a link while the application runs
   * (by another user who can write its parent, played by the test in a parent of its own): at
   * exit nothing is written where the link leads.
   */
  @Test
  void aReportDirectorySwappedForALinkBeforeExitIsNotWrittenThrough(@TempDir Path dir)
      throws Exception {
    Path reportDir = dir.resolve("boot-report");
    Path victim = Files.createDirectory(dir.resolve("victim"));
    Files.writeString(victim.resolve("blame.txt"), "precious\n");
    try (RunningJvm app = ControlApp.start("current", "report=" + reportDir, dir)) {
      Files.move(reportDir, dir.resolve("moved"));
      Files.createSymbolicLink(reportDir, victim);
      ControlApp.exit(app);
      try (Stream<Path> files = Files.list(victim)) {
        assertEquals(List.of("blame.txt"),
            files.map(f -> f.getFileName().toString()).toList(), app.describe());
      }
      assertEquals("precious\n", Files.readString(victim.resolve("blame.txt")));
      assertTrue(app.stderr().contains("initcall4j: the boot report was not written to "
          + reportDir + ": report directory " + reportDir + " is a symbolic link"),
          app.describe());
    }
  }

  @Test
  void commitsOneJfrEventPerInitcall(@TempDir Path dir) throws Exception {
    Path recording = dir.resolve("boot.jfr");
    ForkedJvm.Result result = app("jfr")
        .jvmArg("-XX:StartFlightRecording:filename=" + recording).run();

    assertEquals(0, result.exitCode(), result.describe());
    Map<String, RecordedEvent> events = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (event.getEventType().getName().equals("org.initcall4j.Initcall")) {
        events.put(event.getString("name"), event);
      }
    }
    assertEquals(8, events.size(), events.keySet().toString());
    RecordedEvent db = events.get("db");
    assertEquals("ROOTFS", db.getString("level"));
    assertFalse(db.getBoolean("deferred"));
    assertEquals("done", db.getString("outcome"));
    // db ran in premain, before the recording started: replayed with its real time and thread
    assertTrue(db.getBoolean("replayed"), db.toString());
    assertTrue(db.getDuration("took").compareTo(Duration.ofMillis(145)) >= 0, db.toString());
    assertEquals("main", db.getString("thread"));
    RecordedEvent thumbs = events.get("thumbs");
    assertFalse(thumbs.getBoolean("replayed"), thumbs.toString());
    assertTrue(thumbs.getDuration().compareTo(Duration.ofMillis(9)) >= 0, thumbs.toString());
    // both clocks see the 10 ms sleep; a preempted thread may add to one of them on a busy box
    assertTrue(thumbs.getDuration("took").compareTo(Duration.ofMillis(9)) >= 0, thumbs.toString());
    assertTrue(thumbs.getDuration().minus(thumbs.getDuration("took")).abs()
        .compareTo(Duration.ofMillis(100)) < 0, "JFR's clock and the runtime's agree\n" + thumbs);
    assertEquals("main", thumbs.getThread().getJavaName());
    assertTrue(events.get("thumbs").getBoolean("deferred"));
    assertTrue(events.get("broken").getString("outcome")
        .startsWith("failed: java.lang.IllegalStateException: no such device"));
    assertEquals("skipped: needs 'broken', which failed",
        events.get("needs-broken").getString("outcome"));
  }
}
