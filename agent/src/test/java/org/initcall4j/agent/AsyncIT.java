package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;

/** Async initcalls, the pool, mainThread and timeouts, in a real JVM with the shaded agent. */
class AsyncIT {

  private static ForkedJvm app(String jdk, String options, String... args) {
    return ForkedJvm.of(Jdks.home(jdk)).agent(options)
        .classPath(TestApps.jar("parallel")).classPath(ForkedJvm.apiClasses())
        .main("parallel.Main", args);
  }

  @OnEachJdk
  void asyncInitcallsRunInParallelOnThePoolAndBootWaitsForAllOfThem(String jdk) throws Exception {
    ForkedJvm.Result result = app(jdk, "debug,threads=2").run();

    assertEquals(0, result.exitCode(), result.describe());
    String main = result.stdoutLines().stream().filter(l -> l.startsWith("main: log=")).findFirst()
        .orElseThrow();
    // left and right only pass their meeting point when both run at once
    assertTrue(main.matches(".*left@initcall-\\d.*"), result.describe());
    assertTrue(main.matches(".*right@initcall-\\d.*"), result.describe());
    assertTrue(main.matches(".*joined@initcall-\\d.*"), "boot must wait for async initcalls\n"
        + result.describe());
    assertTrue(main.contains("plain@main"), result.describe());
    assertTrue(main.contains("pinned@main"), result.describe());
    assertFalse(result.stderr().contains("ran alone"), result.describe());
    assertTrue(result.stderr().matches("(?s).*calling  left @ initcall-\\d.*"), result.describe());
    assertTrue(result.stderr().contains("initcall broken failed after"), result.describe());
    assertTrue(result.stderr().contains("java.lang.IllegalStateException: broken on purpose"),
        result.describe());
    assertTrue(result.stderr().contains(
        "initcall needs-broken skipped: needs 'broken', which failed"), result.describe());
    assertFalse(main.contains("needs-broken@"), result.describe());
  }

  @Test
  void globalAsyncMovesPlainInitcallsToThePoolButNotPinnedOnes() throws Exception {
    ForkedJvm.Result result = app("current", "async,threads=3", "flush").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().matches("(?s).*main: log=\\[[^]]*plain@initcall-\\d.*"),
        result.describe());
    assertTrue(result.stdout().contains("pinned@main"), result.describe());
    assertTrue(result.stdout().matches("(?s).*main: end log=\\[[^]]*slow@initcall-\\d"
        + "[^]]*after-slow@initcall-\\d.*"), "flush must run deferred ones on the pool and wait\n"
        + result.describe());
  }

  @Test
  void anInitcallPastItsTimeoutIsReportedWithItsStackAndStillCompletes() throws Exception {
    ForkedJvm.Result result = app("current", "timeout=200ms", "flush")
        .jvmArg("-Dslow.millis=1500").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains(
        "initcall slow has been running for more than 200ms (timeout) on thread main"),
        result.describe());
    assertTrue(result.stderr().contains("parallel.Modules.slow("),
        "the stuck thread's stack must be printed\n" + result.describe());
    assertTrue(result.stdout().contains("after-slow@"), result.describe());
  }

  @Test
  void timeoutSkipGivesUpOnAStuckInitcallSkipsItsDependentsAndLetsTheFlushFinish()
      throws Exception {
    ForkedJvm.Result result = app("current", "timeout=300ms,timeout.skip", "flush")
        .jvmArg("-Dslow.millis=3000").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("giving up on it (timeout.skip)"), result.describe());
    assertTrue(result.stderr().contains("initcall slow failed after"), result.describe());
    assertTrue(result.stderr().contains("InitcallTimeoutException: timed out after 300ms"),
        result.describe());
    assertTrue(result.stderr().contains("parallel.Modules.slow("), result.describe());
    assertTrue(result.stderr().contains("initcall after-slow skipped: needs 'slow', which failed"),
        result.describe());
    assertTrue(result.stdout().contains("flush ran 0"),
        "slow was given up on and after-slow skipped: neither ran successfully\n"
        + result.describe());
    assertTrue(result.stdout().contains("main: end log="), result.describe());
    // given up on, not stopped: its thread is not a daemon, so the JVM waits for it, as for main
    assertTrue(result.stderr().contains("initcall slow returned after"), result.describe());
    assertTrue(result.stderr().contains("after it was given up on; ignored"), result.describe());
  }

  @Test
  void badAsyncOptionsStopTheJvmBeforeAnythingRuns() throws Exception {
    for (String options : List.of("threads=0", "threads=x", "timeout=5", "timeout=5h",
        "timeout.skip")) {
      ForkedJvm.Result result = app("current", options).run();

      assertEquals(1, result.exitCode(), options + "\n" + result.describe());
      assertFalse(result.stdout().contains("main:"), result.describe());
      assertTrue(result.stderr().contains("stopping the JVM before main"), result.describe());
    }
  }
}
