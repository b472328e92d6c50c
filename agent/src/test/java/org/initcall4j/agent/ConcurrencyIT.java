package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;

/** Races and deadlocks in a real JVM: exactly once, refused cycles, reported stalls. */
class ConcurrencyIT {

  private static ForkedJvm app(String name, String options, String... args) {
    return ForkedJvm.current().agent(options)
        .classPath(TestApps.jar(name)).classPath(ForkedJvm.apiClasses())
        .main(name + ".Main", args);
  }

  @Test
  void flushRacingWithRequiresFromManyThreadsRunsEachInitcallOnceAndPublishesItsEffects()
      throws Exception {
    for (String options : new String[] {"", "async,threads=2"}) {
      ForkedJvm.Result result = app("racing", options).run();

      assertEquals(0, result.exitCode(), result.describe());
      assertTrue(result.stdout().contains("runs=[1, 1, 1, 1, 1, 1, 1, 1] problems=0"),
          options + "\n" + result.describe());
    }
  }

  @Test
  void requireFromAStaticInitializerAgainstAFlushOnAnotherThreadIsRefusedNotHung()
      throws Exception {
    ForkedJvm.Result result = app("tangle", "", "cycle").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("deadlock refused: thread '"), result.describe());
    assertTrue(result.stderr().contains("initcall 'x' on thread 'main'"), result.describe());
    assertTrue(result.stderr().contains("initcall 'y' on thread 'other'"), result.describe());
    assertTrue(result.stderr().contains("initcall x failed after"), result.describe());
    assertTrue(result.stderr().contains("initcall y failed after"), result.describe());
    assertTrue(result.stdout().contains("main: done"), result.describe());
  }

  @Test
  void aCycleThroughAClassInitializationLockIsReportedWithBothStacksAndBrokenByTimeoutSkip()
      throws Exception {
    ForkedJvm.Result result = app("tangle", "timeout=500ms,timeout.skip", "clinit").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains(
        "initcall cache has been running for more than 500ms (timeout) on thread initcall-seq-1"),
        result.describe());
    assertTrue(result.stderr().contains("waiting for it: thread 'other'"), result.describe());
    assertTrue(result.stderr().contains("tangle.Registry.<clinit>"),
        "the waiter's stack shows the static initializer\n" + result.describe());
    assertTrue(result.stderr().contains("tangle.Modules.cache("),
        "the stuck thread's stack shows the initcall\n" + result.describe());
    assertTrue(result.stderr().contains("initcall cache failed after"), result.describe());
    assertTrue(result.stdout().contains("other: java.lang.ExceptionInInitializerError"),
        result.describe());
    assertTrue(result.stdout().contains("main: done"), result.describe());
  }
}
