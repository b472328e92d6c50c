package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.cli.CliIT;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.RunningJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profile mode in an application without initcalls: no control plane unless asked for by name,
 * and the MBean registered on an operator's request.
 */
class ProfileAloneIT {
  @TempDir
  Path tmp;

  /** The app without initcalls, its temp dir (and so the default control directory) in tmp. */
  private ForkedJvm plain(String jdk, String options) {
    return ForkedJvm.of(Jdks.home(jdk)).agent(options).jvmArg("-Djava.io.tmpdir=" + tmp)
        .classPath(TestApps.jar("plain"));
  }

  private List<String> leftInTmp() throws Exception {
    try (var left = Files.list(tmp)) {
      return left.map(Path::getFileName).map(Path::toString).toList();
    }
  }

  /** Ends the app (any line on stdin) and returns all it printed. */
  private static ForkedJvm.Result exit(RunningJvm app) throws Exception {
    ControlApp.send(app, "exit");
    ForkedJvm.Result end = app.awaitExit(20);
    assertEquals(0, end.exitCode(), end.describe());
    return end;
  }

  @Test
  void profileAloneStartsNoThreadNoDirectoryAndNoJmx() throws Exception {
    ForkedJvm.Result result = plain("current", "profile").jvmArg("-Xlog:class+load=info")
        .main("plain.Main").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("threads []"), result.describe());
    assertFalse(result.stdout().contains("javax.management."), "java.management loaded\n"
        + result.stdout().lines().filter(l -> l.contains("javax.management.")).limit(5)
        .toList());
    assertFalse(result.stdout().contains("org.initcall4j.agent.control.ControlFiles"),
        result.describe());
    assertEquals(List.of(), leftInTmp(), "no control directory");
    assertTrue(BlameLines.parse(result.stderr()).get("plain.Settings").exclusiveMs() >= 75,
        "the blame list at exit is still there\n" + result.describe());
  }

  @Test
  void anExplicitControlDirectoryStartsWithoutJmx() throws Exception {
    Path dir = tmp.resolve("ctl");
    try (RunningJvm app = plain("current", "profile,control=" + dir)
        .jvmArg("-Xlog:class+load=info").main("plain.Main", "wait").start()) {
      app.awaitStdout("app up", 20_000);
      assertTrue(app.stdout().contains("threads [initcall4j-control]"), app.describe());
      ControlApp.awaitFile(dir.resolve("initcalls"), t -> t.startsWith("NAME"), app);
      ForkedJvm.Result end = exit(app);
      assertFalse(end.stdout().contains("javax.management."), "only the directory was asked"
          + " for, yet java.management was loaded");
      assertFalse(Files.exists(dir), "removed at exit");
    }
  }

  @OnEachJdk
  void statusRegistersTheMBeanOnRequestAndPrintsTheBlameList(String jdk) throws Exception {
    try (RunningJvm app = plain(jdk, "profile").main("plain.Main", "wait").start()) {
      app.awaitStdout("app up", 20_000);
      assertTrue(app.stdout().contains("threads []"), app.describe());
      String pid = Long.toString(app.pid());

      ForkedJvm.Result status = CliIT.cli(jdk, "status", pid);
      assertEquals(0, status.exitCode(), status.describe() + "\napp:\n" + app.describe());
      assertTrue(status.stdout().startsWith("initcall4j in JVM " + pid + "\n"
          + "  initcalls:         0 total, 0 done, 0 failed, 0 skipped, 0 running, 0 waiting\n"),
          status.describe());
      assertTrue(status.stdout().contains("  control directory: off\n"), status.describe());
      assertTrue(status.stdout().contains("  profile mode:      on; the blame list so far:\n"
          + "initcall4j profile: "), status.describe());
      assertTrue(BlameLines.parse(status.stdout()).get("plain.Settings").exclusiveMs() >= 75,
          status.describe());

      ForkedJvm.Result again = CliIT.cli(jdk, "list", pid);
      assertEquals(0, again.exitCode(), "a second request finds the MBean there\n"
          + again.describe() + "\napp:\n" + app.describe());
      try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
        assertEquals(true, jmx.get("Profiling"));
        assertEquals(0, jmx.get("Total"));
      }
      ForkedJvm.Result end = exit(app);
      assertTrue(end.stdout().contains("threads at the end []"), end.describe());
      assertFalse(end.stderr().contains("cannot register"), end.describe());
      assertEquals(List.of(), leftInTmp(), "no control directory");
    }
  }

  @Test
  void jmxOffIsRespected() throws Exception {
    try (RunningJvm app = plain("current", "profile,jmx=off").main("plain.Main", "wait")
        .start()) {
      app.awaitStdout("app up", 20_000);
      String pid = Long.toString(app.pid());
      ForkedJvm.Result status = CliIT.cli("current", "status", pid);
      assertEquals(1, status.exitCode(), status.describe());
      assertEquals("initcall4j: the initcall4j agent in JVM " + pid + " runs with jmx=off, so"
          + " it has no MBean; it has no control directory either (control=off, nothing to"
          + " control, or not made yet: it appears control.delay, 1s by default, after boot):"
          + " start it without jmx=off to use this tool\n", status.stderr(),
          status.describe());
      ForkedJvm.Result end = exit(app);
      assertTrue(end.stdout().contains("threads at the end []"), end.describe());
    }
  }
}
