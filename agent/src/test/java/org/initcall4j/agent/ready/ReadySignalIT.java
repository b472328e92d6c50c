package org.initcall4j.agent.ready;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.profile.Finding;
import org.initcall4j.agent.profile.Findings;
import org.initcall4j.agent.profile.ProfileData;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each form of the ready signal, seen once and timed, in the advise test app: before ready it
 * initializes NeededEarly (120 ms), Defaults (40 ms), Catalog (60 ms), Color (40 ms), Report
 * (1 s) and Plugin (50 ms); after it, Late (30 ms). Profile mode's data places each against the
 * ready moment.
 */
class ReadySignalIT {
  @TempDir
  Path tmp;

  private Findings profiled(String ready, String mode, String extraOptions) throws Exception {
    Path data = tmp.resolve("data.tsv");
    ForkedJvm.Result result = ForkedJvm.current()
        .agent("profile,profile.top=1,profile.data=" + data + ",ready=" + ready + extraOptions)
        .classPath(TestApps.jar("advise")).classPath(ForkedJvm.apiClasses())
        .main("advise.Main", mode).run();
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("late 7"), result.describe());
    List<String> readyLines = result.stderrLines().stream()
        .filter(l -> l.startsWith("initcall4j profile: ready")).toList();
    assertEquals(1, readyLines.size(), result.describe());
    return ProfileData.parse(Files.readString(data));
  }

  private static Finding of(Findings findings, String className) {
    return findings.all().stream().filter(f -> f.className().equals(className)).findFirst()
        .orElseThrow(() -> new AssertionError(className + " not timed: " + findings));
  }

  /** Ready after everything the app does before it, and before Late. */
  private static void readyBetweenTheEarlyAndTheLate(Findings findings, String by) {
    assertTrue(findings.readySeen(), findings.toString());
    assertEquals(by, findings.readyBy());
    long early = 120 + 60 + 40 + 1000 + 50;
    assertTrue(findings.readySinceStartNanos() >= early * 1_000_000,
        "ready at " + findings.readySinceStartNanos() / 1e6 + " ms, before the " + early
            + " ms of static initializers that come first");
    for (String before : List.of("advise.NeededEarly", "advise.Catalog", "advise.Color",
        "advise.Report", "advise.Plugin")) {
      assertTrue(of(findings, before).sinceReadyNanos() < 0, before + " before ready");
    }
    assertTrue(of(findings, "advise.Late").afterReady(), "Late after ready");
  }

  @Test
  void aLogLineOnStdoutIsSeenOnce() throws Exception {
    Findings findings = profiled("log:Started .* in", "log", "");
    readyBetweenTheEarlyAndTheLate(findings, "log:Started .* in");
  }

  @Test
  void thePortOpeningIsSeenWithoutAConnection() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    // the app opens the port and waits for a line on stdin: sent once ready has flushed Late
    Path config = tmp.resolve("initcalls.properties");
    Files.writeString(config, "initcall.late.class = advise.Late\n"
        + "initcall.late.deferred = true\n");
    Path data = tmp.resolve("data.tsv");
    ForkedJvm.Result result;
    try (RunningJvm app = ForkedJvm.current()
        .agent("profile,profile.top=1,profile.data=" + data + ",ready=port:" + port
            + ",config=" + config + ",flush=ready,control=off,jmx=off")
        .classPath(TestApps.jar("advise")).classPath(ForkedJvm.apiClasses())
        .main("advise.Main", "port:" + port).start()) {
      app.awaitStderr("flushing deferred initcalls (flush=ready, the application is ready)",
          60_000);
      app.process().getOutputStream().write('\n');
      app.process().getOutputStream().flush();
      result = app.awaitExit(60);
    }
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("late 7"), result.describe());
    readyBetweenTheEarlyAndTheLate(ProfileData.parse(Files.readString(data)), "port:" + port);
  }

  @Test
  void exitIsTheMomentForAProgramThatEnds() throws Exception {
    Findings findings = profiled("exit", "log", "");
    assertEquals("exit", findings.readyBy());
    assertTrue(findings.all().stream().noneMatch(Finding::afterReady), findings.toString());
  }

  @Test
  void theApiCallIsTheSignalWhenItComesFirst() throws Exception {
    // the app calls Initcalls.ready() just before printing "Started": the first signal counts
    Findings findings = profiled("log:Started .* in", "api", "");
    readyBetweenTheEarlyAndTheLate(findings, "Initcalls.ready()");
  }

  @Test
  void flushReadyRunsOnceForALogLine() throws Exception {
    Path config = tmp.resolve("initcalls.properties");
    Files.writeString(config, """
        initcall.report.class = advise.Report
        initcall.report.deferred = true
        """);
    ForkedJvm.Result result = ForkedJvm.current()
        .agent("config=" + config + ",flush=ready,ready=log:Started .* in,control=off,jmx=off")
        .classPath(TestApps.jar("advise")).classPath(ForkedJvm.apiClasses())
        .main("advise.Main", "log").run();
    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(1, result.stderrLines().stream().filter(l -> l.contains(
        "flushing deferred initcalls (flush=ready, the application is ready)")).count(),
        result.describe());
    assertTrue(result.stdout().contains("report ok"), result.describe());
  }
}
