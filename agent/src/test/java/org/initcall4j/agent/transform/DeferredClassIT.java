package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.OnEachJdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deferred and ordered static initializers declared in a config file, in real JVMs. */
class DeferredClassIT {
  private static final String CONFIG = """
      initcall.catalog.class = lazy.Catalog
      initcall.catalog.deferred = true
      initcall.shared.class = lazy.Shared
      initcall.shared.deferred = true
      initcall.first.class = lazy.First
      initcall.first.deferred = true
      initcall.second.class = lazy.Second
      initcall.second.deferred = true
      initcall.second.after = first
      initcall.broken.class = lazy.Broken
      initcall.broken.deferred = true
      """;

  @TempDir
  Path dir;

  private ForkedJvm.Result run(String jdk, String... args) throws Exception {
    return runWith(jdk, CONFIG, args);
  }

  private ForkedJvm.Result runWith(String jdk, String configText, String... args)
      throws Exception {
    return ConfiguredRun.of(dir, jdk, configText, "", "lazy", "lazy.Main", args).run();
  }

  @OnEachJdk
  void firstRealUseRunsTheDeferredInitializerOnceNotTheScan(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "on-demand");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: scanned, catalog-init on main,"
        + " lookup alpha (1 items), lookup beta (2 items), describe me:2,"), result.describe());
    assertTrue(result.stdout().contains("flush ran 3"), "catalog ran on demand, so the flush"
        + " must not count it (nor broken, which fails)\n" + result.describe());
  }

  @OnEachJdk
  void flushRunsTheDeferredInitializerWhenNothingUsedTheClass(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "flush");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: scanned, catalog-init on main, first-init,"
        + " second-init, flush ran 4, lookup alpha (1 items)"), "broken fails: not counted\n"
        + result.describe());
    assertTrue(result.stderr().contains("initcall broken failed after"), result.describe());
  }

  @Test
  void aClassDeclaredAfterAnotherGetsItInitializedFirstWhicheverIsTouchedFirst()
      throws Exception {
    ForkedJvm.Result result = run("current", "order");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: first-init, second-init, touch second: second,"
        + " touch first: first"), result.describe());
  }

  @OnEachJdk
  void aSuperclassInitializerUsingItsDeferredSubclassDuringAFlushDoesNotDeadlock(String jdk)
      throws Exception {
    ForkedJvm.Result result = ConfiguredRun.of(dir, jdk, """
        initcall.derived.class = lazy.Derived
        initcall.derived.deferred = true
        """, "", "lazy", "lazy.Main", "superclass").timeoutSeconds(30).run();

    assertEquals(0, result.exitCode(), result.describe());
    // the superclass's thread runs the subclass's initializer, as it would without the agent
    assertTrue(result.stdout().contains("log: derived-init on user, base sees derived 7,"
        + " flush ran 0"), result.describe());
  }

  @OnEachJdk
  void aBootInitializerTouchedEarlyStillRunsWhatItFollowsFirst(String jdk) throws Exception {
    ForkedJvm.Result result = runWith(jdk, """
        initcall.early.method = lazy.Boot#touchSecond()
        initcall.early.level = early
        initcall.first.class = lazy.First
        initcall.first.level = core
        initcall.second.class = lazy.Second
        initcall.second.level = core
        initcall.second.after = first
        """, "order");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: first-init, second-init, early touches second,"
        + " touch second: second, touch first: first"), result.describe());
  }

  @Test
  void aFailedDeferredInitializerFailsLikeTheJvmWould() throws Exception {
    ForkedJvm.Result result = run("current", "broken");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains(
        "use 0: ExceptionInInitializerError cause=no device"), result.describe());
    assertTrue(result.stdout().contains("use 1: NoClassDefFoundError cause=no device"),
        result.describe());
    assertTrue(result.stderr().contains("initcall broken failed after"), result.describe());
  }

  @OnEachJdk
  void manyThreadsRacingAFlushSeeTheClassOnlyFullyInitializedAndItRunsOnce(String jdk)
      throws Exception {
    ForkedJvm.Result result = run(jdk, "race", "16");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("race consistent=16/16 runs=1"), result.describe());
  }

  @Test
  void profileModeTimesADeferredInitializerWhereAndWhenItRuns() throws Exception {
    ForkedJvm.Result result = ConfiguredRun.of(dir, "current", CONFIG, "profile,", "lazy",
        "lazy.Main", "race", "4").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("race consistent=4/4 runs=1"), result.describe());
    String timing = "\\d+\\.\\d+ +\\d+\\.\\d+  lazy\\.Shared \\[(user-\\d|flusher)\\]";
    assertTrue(result.stderr().matches("(?s).*" + timing + ".*"),
        "the moved body is what profile mode times, on the thread that ran it\n"
        + result.describe());
  }
}
