package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deferred classes whose static fields other classes read and write directly (a public field, an
 * enum's constants and its switch, a nest mate's private field, a field named through a
 * subclass), in real JVMs: each deferred initializer runs right before the first access.
 */
class StaticFieldGuardIT {
  private static final String CONFIG = """
      initcall.prices.class = fields.Prices
      initcall.prices.deferred = true
      initcall.color.class = fields.Color
      initcall.color.deferred = true
      initcall.outer.class = fields.Outer
      initcall.outer.deferred = true
      initcall.base.class = fields.Base
      initcall.base.deferred = true
      """;

  @TempDir
  Path dir;

  @OnEachJdk
  void eachDeferredInitializerRunsBeforeTheFirstAccessToItsFields(String jdk) throws Exception {
    ForkedJvm.Result result = ConfiguredRun.of(dir, jdk, CONFIG, "", "fields", "fields.Main")
        .run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: scanned, prices-init, hits 5 tea 3, color-init,"
        + " switch green, all [RED, GREEN] RED, outer-init, peek hidden, own own, base-init,"
        + " inherited base, flush ran 0"), result.describe());
    assertEquals(List.of("initcall4j: flush all: nothing left to run"), result.stderrLines(),
        "no warning: every access was guarded\n" + result.describe());
  }

  @OnEachJdk
  void withoutTheAgentTheScanInitializesEverythingAndTheValuesAreTheSame(String jdk)
      throws Exception {
    ForkedJvm.Result result = ForkedJvm.of(Jdks.home(jdk)).classPath(TestApps.jar("fields"))
        .classPath(ForkedJvm.apiClasses()).main("fields.Main", "plain").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: prices-init, color-init, outer-init, base-init,"
        + " scanned, hits 5 tea 3, switch green, all [RED, GREEN] RED, peek hidden, own own,"
        + " inherited base\n"), result.describe());
  }
}
