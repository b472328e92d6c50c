package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.initcall4j.agent.classfile.ClassFileScan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;

/**
 * Class files of the newest Java (25), written by JDK 25's own javac, timed in a JDK 25 JVM:
 * the same output as without the agent, and every shape of static initializer in the list.
 */
class NewestClassFilesIT {

  @Test
  void release25ClassFilesAreTimedAndBehaveTheSame() throws Exception {
    Path jdk = Jdks.home("jdk25");
    Path out = Paths.get("target", "test-apps", "kinds-release25").toAbsolutePath();
    TestApps.deleteTree(out);
    Files.createDirectories(out);
    List<String> javac = new ArrayList<>(List.of(jdk.resolve("bin/javac").toString(),
        "--release", "25", "-proc:none", "-d", out.toString()));
    for (String app : List.of("kinds", "kinds17", "kinds-main")) {
      try (Stream<Path> walk = Files.walk(Paths.get("src", "test", "apps", app))) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
      }
    }
    Process compile = new ProcessBuilder(javac).redirectErrorStream(true).start();
    String compilerOutput = new String(compile.getInputStream().readAllBytes());
    assertEquals(0, compile.waitFor(), compilerOutput);
    byte[] probe = Files.readAllBytes(out.resolve("kinds/Tables.class"));
    assertEquals(69, ClassFileScan.majorVersion(probe), "Java 25 is class file version 69");

    ForkedJvm.Result plain = ForkedJvm.of(jdk).classPath(out).main("kindsmain.Main").run();
    ForkedJvm.Result profiled = ForkedJvm.of(jdk).agent("profile,profile.top=100")
        .classPath(out).main("kindsmain.Main").run();

    assertEquals(0, plain.exitCode(), plain.describe());
    assertEquals(0, profiled.exitCode(), profiled.describe());
    assertEquals(plain.stdout(), profiled.stdout(), profiled.describe());
    assertFalse(profiled.stderr().contains("could not time"), profiled.describe());
    BlameLines blame = BlameLines.parse(profiled.stderr());
    for (String shape : List.of("kinds.Tables", "kinds.Color", "kinds.Config", "kinds.Tries",
        "kinds17.Point", "kinds17.Shape", "kinds17.Lambdas", "kinds17.Patterns")) {
      assertTrue(blame.find(shape).isPresent(), shape + " must be timed: " + blame);
    }
    assertTrue(blame.get("kinds.Broken").failed(), blame.toString());
  }
}
