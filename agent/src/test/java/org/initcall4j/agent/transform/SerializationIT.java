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
 * Deferring a Serializable class's static initializer removes its {@code <clinit>} and the
 * {@code synchronized} of its hooked methods, which its default serialVersionUID is computed from
 * (measured: -6344194780688384593 became 3938238367512590784, and data saved without the agent
 * no longer read). Saved by one JVM and read by another, with and without the agent.
 */
class SerializationIT {
  private static final String CONFIG = """
      initcall.account.class = serial.Account
      initcall.account.deferred = true
      initcall.savings.class = serial.Savings
      initcall.savings.deferred = true
      initcall.plain.class = serial.Plain
      initcall.plain.deferred = true
      """;

  @TempDir
  Path dir;

  private ForkedJvm.Result run(String jdk, boolean deferred, String mode, Path file)
      throws Exception {
    ForkedJvm jvm = deferred
        ? ConfiguredRun.of(dir, jdk, CONFIG, "", "serial", "serial.Main", mode, file.toString())
        : ForkedJvm.of(Jdks.home(jdk)).classPath(TestApps.jar("serial"))
            .main("serial.Main", mode, file.toString());
    ForkedJvm.Result result = jvm.run();
    assertEquals(0, result.exitCode(), result.describe());
    return result;
  }

  private static List<String> uids(ForkedJvm.Result result) {
    return result.stdoutLines().stream().filter(l -> l.startsWith("uid ")).toList();
  }

  @OnEachJdk
  void dataSavedWithoutTheAgentReadsWithTheClassDeferredAndTheOtherWayRound(String jdk)
      throws Exception {
    Path savedPlain = dir.resolve("saved-without-agent.ser");
    Path savedDeferred = dir.resolve("saved-with-agent.ser");
    ForkedJvm.Result writePlain = run(jdk, false, "write", savedPlain);
    ForkedJvm.Result readDeferred = run(jdk, true, "read", savedPlain);
    ForkedJvm.Result writeDeferred = run(jdk, true, "write", savedDeferred);
    ForkedJvm.Result readPlain = run(jdk, false, "read", savedDeferred);

    for (ForkedJvm.Result read : List.of(readDeferred, readPlain)) {
      assertTrue(read.stdoutLines().containsAll(List.of("read ann 105 euro",
          "read rainy 250 at 0.02")), read.describe());
    }
    assertEquals(2, uids(writePlain).size(), writePlain.describe());
    for (ForkedJvm.Result deferred : List.of(readDeferred, writeDeferred)) {
      assertEquals(uids(writePlain), uids(deferred), deferred.describe());
      // a class that is not Serializable gets no field
      assertTrue(deferred.stdout().contains("plain plain fields [NAME]"), deferred.describe());
    }
  }
}
