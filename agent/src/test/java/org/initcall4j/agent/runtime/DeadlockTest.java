package org.initcall4j.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.graph.InitcallGraph;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.testing.Await;
import org.junit.jupiter.api.Test;

/** Waits that would never end are refused with the cycle, or at least reported as a stall. */
class DeadlockTest {

  private static InitcallSpec deferred(String name, boolean async) {
    return new InitcallSpec(name, InitLevel.DEVICE, "C", name, List.of(), List.of(), null, true,
        async, "test");
  }

  private static InitcallRuntime runtime(Map<String, Invoker> code, RuntimeSettings settings,
      PrintStream reports, InitcallSpec... specs) {
    return new InitcallRuntime(InitcallGraph.plan(List.of(specs)),
        spec -> code.get(spec.name()).invoke(spec), settings, reports);
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "the other thread never arrived");
  }

  @Test
  void twoThreadsRequiringEachOthersInitcallAreRefusedWithTheWholeCycle() throws Exception {
    CountDownLatch xStarted = new CountDownLatch(1);
    CountDownLatch yStarted = new CountDownLatch(1);
    InitcallRuntime[] runtime = new InitcallRuntime[1];
    runtime[0] = runtime(Map.of(
        "x", spec -> {
          xStarted.countDown();
          await(yStarted);
          runtime[0].require("y");
        },
        "y", spec -> {
          yStarted.countDown();
          await(xStarted);
          runtime[0].require("x");
        }), RuntimeSettings.defaults(), System.err, deferred("x", false), deferred("y", false));
    Thread flusher = new Thread(() -> runtime[0].flush("x"), "flusher");
    Thread app = new Thread(() -> {
      try {
        runtime[0].require("y");
      } catch (IllegalStateException expected) {
        // y fails: the refusal is its failure
      }
    }, "app");
    flusher.start();
    app.start();
    Await.ended(flusher, app);

    InitcallRecord x = runtime[0].find("x");
    InitcallRecord y = runtime[0].find("y");
    assertEquals(InitcallState.FAILED, x.state());
    assertEquals(InitcallState.FAILED, y.state());
    Throwable refused = x.error() instanceof InitcallDeadlockException ? x.error() : y.error();
    assertInstanceOf(InitcallDeadlockException.class, refused);
    String message = refused.getMessage();
    assertTrue(message.contains("initcall 'x' on thread 'flusher'"), message);
    assertTrue(message.contains("initcall 'y' on thread 'app'"), message);
  }

  @Test
  void aFlushInsideAnInitcallWhosePoolWorkNeedsThatInitcallIsRefused() throws Exception {
    InitcallRuntime[] runtime = new InitcallRuntime[1];
    runtime[0] = runtime(Map.of(
        "outer", spec -> runtime[0].flush("inner"),
        "inner", spec -> runtime[0].require("outer")),
        new RuntimeSettings(false, 2, 0, false, 10_000), System.err,
        deferred("outer", false), deferred("inner", true));
    Thread flusher = new Thread(() -> runtime[0].flush("outer"), "flusher");
    flusher.start();
    Await.ended(flusher);

    // whichever thread closes the cycle is refused: the pool thread (inner fails) or the
    // flushing thread waiting for its pool work (outer fails, then inner for want of it)
    InitcallRecord inner = runtime[0].find("inner");
    InitcallRecord outer = runtime[0].find("outer");
    assertEquals(InitcallState.FAILED, inner.state());
    Throwable refused = inner.error() instanceof InitcallDeadlockException ? inner.error()
        : outer.error();
    assertInstanceOf(InitcallDeadlockException.class, refused, inner.outcome());
    assertTrue(refused.getMessage().contains("the initcalls of flush inner"),
        refused.getMessage());
  }

  @Test
  void aCycleThroughALockTheRuntimeCannotSeeIsReportedAsAStallWithBothStacks() throws Exception {
    Object classInitLock = new Object();
    CountDownLatch xRunning = new CountDownLatch(1);
    CountDownLatch lockTaken = new CountDownLatch(1);
    ByteArrayOutputStream reports = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(reports, true, StandardCharsets.UTF_8);
    InitcallRuntime runtime = runtime(Map.of("x", spec -> {
      xRunning.countDown();
      await(lockTaken);
      synchronized (classInitLock) {
        // stands for a class whose initialization the other thread holds (JLS 12.4.2)
      }
    }), new RuntimeSettings(false, 1, 0, false, 300), out, deferred("x", false));
    Thread runner = new Thread(() -> runtime.require("x"), "runner");
    runner.start();
    await(xRunning);
    Thread initializer = new Thread(() -> {
      synchronized (classInitLock) {
        lockTaken.countDown();
        try {
          runtime.require("x");
        } catch (IllegalStateException interrupted) {
          // the test ends the stall by interrupting this wait
        }
      }
    }, "initializer");
    initializer.start();
    Await.value("a stall report", () -> reports.toString(StandardCharsets.UTF_8))
        .until(report -> report.contains("stall"));
    initializer.interrupt();
    Await.ended(initializer, runner);

    String report = reports.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("initcall4j: stall: thread 'initializer' has waited"), report);
    assertTrue(report.contains("for initcall 'x'"), report);
    assertTrue(report.contains("thread 'runner' BLOCKED"), report);
    assertTrue(report.contains("not waiting for an initcall"), report);
    assertTrue(report.contains("DeadlockTest"), "stacks must be printed\n" + report);
    assertEquals(InitcallState.DONE, runtime.find("x").state());
  }
}
