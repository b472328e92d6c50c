package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.index.IndexLoader;
import org.initcall4j.agent.launch.LaunchTarget;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Hostile;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad agent options and config files given to a real JVM: each stops it before
 * {@code main} with status 1 and a message, and no initcall runs. Checking good options costs
 * an idle agent no class.
 */
class HostileInputIT {
  private static final int JVMS = 4;

  private static ForkedJvm boot(String options) {
    return ForkedJvm.current().agent(options)
        .classPath(TestApps.jar("boot")).classPath(ForkedJvm.apiClasses())
        .main("boot.Main");
  }

  private static void assertStoppedBeforeAnythingRan(long seed, String input,
      ForkedJvm.Result result) {
    String context = "seed " + seed + ", input " + Hostile.show(input) + "\n" + result.describe();
    assertEquals(1, result.exitCode(), context);
    assertTrue(result.stderr().contains("initcall4j: "), context);
    assertTrue(result.stderr().contains("stopping the JVM before main"), context);
    assertFalse(result.stdout().contains("init "), "an initcall ran\n" + context);
    assertFalse(result.stdout().contains("main:"), context);
  }

  @Test
  void generatedBadOptionsStopTheJvmBeforeAnyInitcallRuns() throws Exception {
    int run = 0;
    for (long seed = 1; run < JVMS; seed++) {
      String options = AgentOptionsFuzzTest.generate(new Hostile(seed));
      // only what a command line can carry, and only what the parser rejects
      if (!options.matches("[!-~]{1,200}") || AgentOptionsFuzzTest.rejection(options) == null) {
        continue;
      }
      run++;
      assertStoppedBeforeAnythingRan(seed, options, boot(options).run());
    }
  }

  /**
   * An application without an index gets an idle agent, which builds nothing from its options:
   * a bad value must stop it all the same, in premain (timeout.skip without timeout passed and
   * failed at the first flush).
   */
  @Test
  void badValuesStopTheJvmBeforeMainAlsoWhenThereIsNothingToRun() throws Exception {
    for (String options : new String[] {"timeout.skip", "debug,threads=0", "flush=sometimes",
        "exit.parked=later", "parked.max=0"}) {
      ForkedJvm.Result result = ForkedJvm.current().agent(options)
          .classPath(TestApps.jar("plain")).classPath(ForkedJvm.apiClasses())
          .main("plain.Main", "api").run();
      String context = "options " + options + "\n" + result.describe();
      assertEquals(1, result.exitCode(), context);
      assertTrue(result.stderr().contains("stopping the JVM before main"), context);
      assertFalse(result.stdout().contains("settings "), "main ran\n" + context);
    }
  }

  /** The checks cost an idle agent nothing: no class of a feature its options do not name. */
  @Test
  void checkingTheFlagsOfAnIdleAgentLoadsNoFeature() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("debug,fatal,async")
        .jvmArg("-Xlog:class+load=info").classPath(TestApps.jar("plain")).main("plain.Main")
        .run();
    assertEquals(0, result.exitCode(), result.describe());
    List<String> loaded = result.stdoutLines().stream()
        .filter(l -> l.contains(" org.initcall4j.agent.")).map(l -> l.split(" ")[1]).toList();
    assertEquals(List.of(Premain.class.getName(), AgentSession.class.getName(),
        AgentOptions.class.getName(), AgentOptions.class.getName() + "$Option",
        LaunchTarget.class.getName(), IndexLoader.class.getName()), loaded, result.describe());
  }

  @Test
  void generatedBadConfigFilesStopTheJvmBeforeAnyInitcallRuns(@TempDir Path dir) throws Exception {
    int run = 0;
    for (long seed = 1; run < JVMS; seed++) {
      String config = "initcall.first.method=boot.Modules#storage()\n"
          + new Hostile(seed).mutate("initcall.second.method=boot.Modules#clock()\n"
          + "initcall.second.level=core\n");
      Path file = dir.resolve("config-" + seed + ".properties");
      Files.writeString(file, config);
      ForkedJvm.Result result = boot("config=" + file).run();
      if (result.exitCode() == 0) {
        continue; // the edit left a valid config: not a case for this test
      }
      run++;
      assertStoppedBeforeAnythingRan(seed, config, result);
      assertTrue(result.stderr().contains(file.toString()), "the error names the file\n"
          + result.describe());
    }
  }
}
