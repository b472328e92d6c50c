package org.initcall4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's AOT cache (JDK 25, JEP 483/514) with the agent: a cache trained with the same
 * {@code -javaagent} serves nearly every class, and deferral still defers.
 */
class AotCacheIT {
  @TempDir
  Path tmp;

  private ForkedJvm camera(String... jvmArgs) {
    ForkedJvm jvm = ForkedJvm.of(Jdks.home("jdk25")).agent("debug")
        .jvmArg("-Dcamera.dir=" + tmp.resolve("camera"));
    for (String arg : jvmArgs) {
      jvm.jvmArg(arg);
    }
    String jar = System.getProperty("initcall4j.camera.jar", "target/camera.jar");
    return jvm.jar(Paths.get(jar).toAbsolutePath());
  }

  @Test
  void aCacheTrainedWithTheAgentServesTheClassesAndDeferralStillDefers() throws Exception {
    Path cache = tmp.resolve("camera.aot");
    ForkedJvm.Result training = camera("-XX:AOTCacheOutput=" + cache).timeoutSeconds(120).run();
    assertEquals(0, training.exitCode(), training.describe());
    assertTrue(Files.size(cache) > 0, training.describe());

    ForkedJvm.Result cached = camera("-XX:AOTCache=" + cache, "-Xlog:aot=error",
        "-Xlog:class+load=info").run();
    assertEquals(0, cached.exitCode(), cached.describe());
    long loaded = cached.stdoutLines().stream().filter(l -> l.contains(" source: ")).count();
    long fromCache = cached.stdoutLines().stream()
        .filter(l -> l.contains(" source: shared objects file")).count();
    assertTrue(loaded > 1000 && fromCache >= loaded * 95 / 100, fromCache + " of " + loaded
        + " classes from the cache\n" + cached.stderr());
    // deferral still defers: boot ran two, the camera's own flush after its picture ran three
    String out = cached.stdout();
    assertTrue(out.contains("first picture after"), cached.describe());
    assertTrue(cached.stderr().contains("initcall4j: flush all: ran 3 initcalls"),
        cached.stderr());
    assertTrue(!out.contains("[error][aot]") && !cached.stderr().contains("[error][aot]"),
        "the cache was refused\n" + cached.describe());
  }
}
