package org.initcall4j.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A forked test app started with a config file written for the test. */
public final class ConfiguredRun {
  private ConfiguredRun() {}

  /**
   * Writes {@code config} to {@code dir/initcalls.properties} and prepares a JVM of {@code jdk}
   * running {@code app}'s {@code main} with {@code -javaagent:...=<options>config=<that file>}.
   *
   * @param options agent options before {@code config=}, each followed by a comma, or ""
   */
  public static ForkedJvm of(Path dir, String jdk, String config, String options, String app,
      String main, String... args) throws IOException {
    Path file = dir.resolve("initcalls.properties");
    Files.writeString(file, config);
    return ForkedJvm.of(Jdks.home(jdk)).agent(options + "config=" + file)
        .classPath(TestApps.jar(app)).classPath(ForkedJvm.apiClasses()).main(main, args);
  }
}
