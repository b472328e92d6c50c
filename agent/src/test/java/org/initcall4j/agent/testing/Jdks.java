package org.initcall4j.agent.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The JDKs forked-JVM tests run on: the one running the build, and JDK 25 at
 * {@code -Dinitcall4j.jdk25} (default {@code /usr/lib/jvm/temurin-25-jdk-amd64}).
 */
public final class Jdks {
  private Jdks() {}

  /** The names, "current" and "jdk25": the runs of an {@link OnEachJdk} test. */
  public static List<String> names() {
    return List.of("current", "jdk25");
  }

  /** The JDK home of a name; skips the test, with the reason, when JDK 25 is not installed. */
  public static Path home(String name) {
    if (name.equals("current")) {
      return Paths.get(System.getProperty("java.home"));
    }
    Path home = Paths.get(System.getProperty("initcall4j.jdk25",
        "/usr/lib/jvm/temurin-25-jdk-amd64"));
    Assumptions.assumeTrue(Files.isExecutable(home.resolve("bin").resolve("java")),
        "JDK 25 not found at " + home + " (set -Dinitcall4j.jdk25=...): test skipped on it");
    return home;
  }
}
