package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profile mode beside deferred static initializers from a config file: both transformers
 * rewrite the same classes, the application behaves the same, and a deferred static initializer
 * is timed when it really runs.
 */
class ProfileWithConfigIT {
  private static final String CONFIG = """
      initcall.shared.class = lazy.Shared
      initcall.shared.deferred = true
      initcall.broken.class = lazy.Broken
      initcall.broken.deferred = true
      """;

  @Test
  void deferredStaticInitializersAreTimedWhenTheyRunAndTheAppIsUnchanged(@TempDir Path dir)
      throws Exception {
    ForkedJvm.Result deferOnly = ConfiguredRun.of(dir, "current", CONFIG, "",
        "lazy", "lazy.Main", "flush").run();
    ForkedJvm.Result profiled = ConfiguredRun.of(dir, "current", CONFIG,
        "profile,jmx=off,control=off,", "lazy", "lazy.Main", "flush").run();

    assertEquals(0, deferOnly.exitCode(), deferOnly.describe());
    assertEquals(0, profiled.exitCode(), profiled.describe());
    assertEquals(deferOnly.stdout(), profiled.stdout(), profiled.describe());
    BlameLines blame = BlameLines.parse(profiled.stderr());
    assertTrue(blame.get("lazy.Shared").exclusiveMs() >= 145,
        "Shared sleeps 150 ms in its static initializer: " + blame);
    assertTrue(blame.get("lazy.Broken").failed(), blame.toString());
  }
}
