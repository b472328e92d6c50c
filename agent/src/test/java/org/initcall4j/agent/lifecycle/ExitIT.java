package org.initcall4j.agent.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.OnEachJdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No deferred work vanishes at exit: a flush in progress is finished (within exit.wait, or the
 * cut is said), parked calls are replayed (or dropped on request, and said), and deferred
 * initcalls that never ran are listed.
 */
class ExitIT {
  private static final String AUDIT = "audit (lifecycle.Audit#log(java.lang.String))";

  @TempDir
  Path dir;

  private ForkedJvm.Result run(String jdk, String options, String mode, String... jvmArgs)
      throws Exception {
    ForkedJvm jvm = LifecycleApp.jvm(dir, jdk, options, "lifecycle.Main", mode);
    for (String arg : jvmArgs) {
      jvm.jvmArg(arg);
    }
    return jvm.run();
  }

  @OnEachJdk
  void aFlushInProgressWhenMainReturnsIsFinishedBeforeTheJvmEnds(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "flush=ready,", "ready-return");

    assertEquals(0, result.exitCode(), result.describe());
    String out = result.stdout();
    assertTrue(out.contains("slow: done"), "the flush must not die with main\n"
        + result.describe());
    assertTrue(out.indexOf("main: end") < out.indexOf("slow: done"), result.describe());
  }

  @OnEachJdk
  void aFlushInProgressAtSystemExitIsFinishedByTheExitHook(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "flush=ready,", "ready-exit");

    assertEquals(0, result.exitCode(), result.describe());
    String out = result.stdout();
    assertTrue(out.indexOf("main: exit") < out.indexOf("slow: done"),
        "the exit hook must wait for the flush\n" + result.describe());
    assertFalse(result.stderr().contains("cut short"), result.describe());
  }

  @OnEachJdk
  void exitWaitBoundsTheWaitAndTheCutIsSaidNamingTheInitcall(String jdk) throws Exception {
    long start = System.nanoTime();
    ForkedJvm.Result result = run(jdk, "flush=ready,exit.wait=300ms,", "ready-exit",
        "-Dslow.step.millis=6000");
    long seconds = (System.nanoTime() - start) / 1_000_000_000;

    assertEquals(0, result.exitCode(), result.describe());
    assertFalse(result.stdout().contains("slow: done"), result.describe());
    assertTrue(result.stderr().contains("initcall4j: at exit: exit.wait=300ms is over; initcall"
        + " slow is still running on thread initcall4j-flush and is cut short"),
        result.describe());
    assertTrue(seconds < 20, "took " + seconds + " s: the bound must hold\n" + result.describe());
  }

  @OnEachJdk
  void aFlushWaitingForALockTheExitingThreadHoldsIsNotWaitedFor(String jdk) throws Exception {
    long start = System.nanoTime();
    ForkedJvm.Result result = run(jdk, "flush=ready,exit.wait=10m,", "ready-exit-locked");
    long seconds = (System.nanoTime() - start) / 1_000_000_000;

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("initcall4j: at exit: initcall slow cannot finish: its"
        + " thread initcall4j-flush waits for a lock held by thread 'main', which is exiting the"
        + " JVM; not waiting for it"), result.describe());
    assertTrue(seconds < 30, "took " + seconds + " s: a deadlock must not wait out exit.wait\n"
        + result.describe());
  }

  @OnEachJdk
  void anInitcallThatCallsSystemExitItselfIsNotWaitedFor(String jdk) throws Exception {
    long start = System.nanoTime();
    ForkedJvm.Result result = ConfiguredRun.of(dir, jdk, """
        initcall.quit.method = lifecycle.Sink#quit()
        initcall.quit.deferred = true
        """, "exit.wait=10m,", "lifecycle", "lifecycle.Main", "quit").run();
    long seconds = (System.nanoTime() - start) / 1_000_000_000;

    assertEquals(4, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("initcall4j: at exit: initcall quit cannot finish: its"
        + " thread main is the one exiting the JVM (it called System.exit), and it waits for the"
        + " exit hooks; not waiting for it"), result.describe());
    assertTrue(seconds < 30, "took " + seconds + " s\n" + result.describe());
  }

  @OnEachJdk
  void aReplayLongerThanExitWaitIsCutAndEveryCallAccountedFor(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "exit.wait=1s,", "parked-slow",
        "-Daudit.slow.millis=60000");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("main: end\naudit a\n"), result.describe());
    assertFalse(result.stdout().contains("audit c"), result.describe());
    assertTrue(result.stderr().contains("initcall4j: at exit: exit.wait=1s is over while"
        + " replaying the parked calls of " + AUDIT + ": 1 replayed, 1 cut short in the middle,"
        + " 2 dropped"), result.describe());
    assertFalse(result.stderr().contains("at exit: replayed"), "said once, as cut\n"
        + result.describe());
  }

  @OnEachJdk
  void parkedCallsAreReplayedInOrderAtExitAndSaid(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "", "parked");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("main: end\naudit a\naudit b\naudit c\n"),
        result.describe());
    assertTrue(result.stderr().contains("initcall4j: at exit: replayed 3 parked calls of "
        + AUDIT), result.describe());
  }

  @Test
  void parkedCallsAreReplayedAtSystemExitTooAndTheStatusIsKept() throws Exception {
    ForkedJvm.Result result = run("current", "", "parked-exit");

    assertEquals(3, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("main: exit\naudit a\naudit b\naudit c\n"),
        result.describe());
  }

  @OnEachJdk
  void exitParkedDropDropsParkedCallsAndSaysHowMany(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "exit.parked=drop,", "parked");

    assertEquals(0, result.exitCode(), result.describe());
    assertFalse(result.stdout().contains("audit "), result.describe());
    assertTrue(result.stderr().contains("initcall4j: at exit: dropped 3 parked calls of " + AUDIT
        + ": exit.parked=drop"), result.describe());
  }

  @OnEachJdk
  void deferredInitcallsThatNeverRanAreListedUnderDebugAndInTheBootReport(String jdk)
      throws Exception {
    Path report = dir.resolve("report");
    ForkedJvm.Result result = run(jdk, "debug,report=" + report + ",", "parked");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("initcall4j: at exit: 5 deferred initcalls never ran:"
        + " grid, sink, slow, idle, server\n"), result.describe());
    String blame = Files.readString(report.resolve("blame.txt"), StandardCharsets.UTF_8);
    assertTrue(blame.matches("(?s).* audit \\(DEVICE, deferred, initcall4j-exit\\)\n.*"),
        "replayed at exit, so it ran\n" + blame);
    assertTrue(blame.contains(" slow (DEVICE, deferred): deferred, never ran (not flushed"
        + " before exit)\n"), blame);
  }

  @Test
  void withoutDebugTheNeverRanLineIsLeftOut() throws Exception {
    ForkedJvm.Result result = run("current", "", "parked");

    assertFalse(result.stderr().contains("never ran"), result.describe());
  }
}
