package org.initcall4j.agent.control;

import static org.initcall4j.agent.control.ControlApp.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.testing.Await;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flush=DURATION and flush=ready, off switches, and the agent's silence without initcalls. */
class FlushPolicyIT {
  @TempDir
  Path tmp;

  @Test
  void delayPolicyFlushesOnItsOwnThreadAfterBoot() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "debug,flush=300ms", tmp)) {
      app.awaitStdout("init printer #1", 10_000);
      assertTrue(app.stderr().contains("initcall4j: flushing deferred initcalls (flush=300ms)"),
          app.describe());
      assertTrue(app.stderr().contains("calling  usb @ initcall4j-flush"), app.describe());
      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}", counts(app));
    }
  }

  @Test
  void readyPolicyFlushesInTheBackgroundWhenTheAppSaysItIsUp() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "debug,flush=ready", tmp)) {
      assertNoFlushStarted(app, "{storage=1}", "nothing runs before ready()");
      ControlApp.ask(app, "ready", "ready called");
      app.awaitStdout("init printer #1", 10_000);
      assertTrue(app.stderr().contains("calling  usb @ initcall4j-flush"), app.describe());
      Await.value("the flush thread to end", () -> ControlApp.ask(app, "threads", "threads "))
          .describing(app::describe).until(threads -> !threads.contains("initcall4j-flush"));
      ControlApp.ask(app, "ready", "ready called");
      assertNoFlushStarted(app, "{gallery=1, network=1, printer=1, storage=1, usb=1}",
          "a second ready() starts no flush");
      ForkedJvm.Result result = ControlApp.exit(app);
      assertEquals(1, count(result.stderr(), "initcall4j: flushing deferred initcalls"),
          result.describe());
    }
  }

  @Test
  void manualPolicyIgnoresReady() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "flush=manual", tmp)) {
      ControlApp.ask(app, "ready", "ready called");
      assertNoFlushStarted(app, "{storage=1}", "ready() is no trigger under flush=manual");
      ForkedJvm.Result result = ControlApp.exit(app);
      assertFalse(result.stderr().contains("initcall4j: flushing deferred initcalls"),
          result.describe());
    }
  }

  @Test
  void aBadPolicyStopsTheJvmBeforeMain() throws Exception {
    ForkedJvm.Result result = ControlApp.jvm("current", "flush=soon", tmp).run();
    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("option 'flush' has a bad value 'soon': write"
        + " flush=manual (the default), flush=ready"), result.describe());
    assertFalse(result.stdout().contains("init storage"), "nothing runs on bad options");
  }

  @Test
  void anApplicationThatEndsAtOnceLeavesNoDirectory() throws Exception {
    for (int i = 0; i < 5; i++) {
      RunningJvm app = ControlApp.start("current", "", tmp);
      ControlApp.exit(app);
    }
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(Path::getFileName).map(Path::toString).toList(),
          "no control directory left behind");
    }
  }

  @Test
  void controlOffAndJmxOffStartNoThreadAndNoDirectory() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "control=off,jmx=off", tmp)) {
      ControlApp.send(app, "threads");
      app.awaitStdout("threads ", 10_000);
      assertTrue(app.stdout().contains("threads []"), app.describe());
      assertFalse(Files.exists(tmp.resolve("initcall4j-" + app.pid())), app.describe());
    }
  }

  @Test
  void theApiAnswersUnderAnIdleAgentAndAFlushRunsNothing() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("")
        .jvmArg("-Djava.io.tmpdir=" + tmp)
        .classPath(TestApps.jar("plain")).classPath(ForkedJvm.apiClasses())
        .main("plain.Main", "api").run();
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("active true\nflush ran 0"), result.describe());
    assertTrue(result.stderr().contains("initcall4j: flush all: nothing left to run"),
        result.describe());
    assertTrue(result.stdout().contains("threads []"), result.describe());
    // the api is there and no index: one line says what was looked for, where, and the fix
    assertEquals(1, result.stderrLines().stream().filter(l -> l.startsWith(
        "initcall4j: no initcall index found: the class loader 'app' sees the initcall4j api but"
        + " no META-INF/initcall4j/initcalls.idx, so no @Initcall runs; the annotation processor"
        + " did not run")).count(), result.describe());
  }

  @Test
  void anApplicationWithoutInitcallsGetsNoThreadNoDirectoryAndNoJmx() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("")
        .jvmArg("-Djava.io.tmpdir=" + tmp).jvmArg("-Xlog:class+load=info")
        .classPath(TestApps.jar("plain")).main("plain.Main").run();
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("threads []"), result.describe());
    assertEquals("", result.stderr(), "no api, so no word about a missing index");
    assertFalse(result.stdout().contains("javax.management."), "java.management loaded");
    assertFalse(result.stdout().contains("org.initcall4j.agent.control.ControlFiles"),
        result.describe());
    // idle: premain found no index and made no runtime
    assertFalse(result.stdout().contains("org.initcall4j.agent.AgentStart "), result.describe());
    assertFalse(result.stdout().contains("org.initcall4j.agent.runtime.InitcallRuntime "),
        result.describe());
    try (var left = Files.list(tmp)) {
      assertEquals(0, left.count(), "no control directory");
    }
  }

  /**
   * No flush was started until now, by the policy at boot (it acts in premain, before main) or
   * by a ready() that has returned. Such a flush has its own thread, which would be alive now,
   * or would have ended after its announcement on stderr (a test with nothing left to run checks
   * that at exit) and its runs (looked at after the threads, so none can slip between).
   */
  private static void assertNoFlushStarted(RunningJvm app, String counts, String why)
      throws Exception {
    String threads = ControlApp.ask(app, "threads", "threads ");
    assertFalse(threads.contains("initcall4j-flush"), why + ": " + threads);
    assertEquals(counts, counts(app), why);
  }

  private static long count(String text, String part) {
    return text.lines().filter(line -> line.contains(part)).count();
  }
}
