package org.initcall4j.agent.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;

/** The {@code lifecycle} test app under the agent, with its deferred entry points configured. */
final class LifecycleApp {
  /** Deferred entry points of the app; every parameter type is known to be immutable. */
  static final String CONFIG = """
      initcall.audit.method = lifecycle.Audit#log(java.lang.String)
      initcall.audit.deferred = true
      initcall.sink.method = lifecycle.Sink#write(byte[])
      initcall.sink.deferred = true
      initcall.grid.method = lifecycle.Sink#grid(char[][])
      initcall.grid.deferred = true
      """;

  private LifecycleApp() {}

  /**
   * The app's {@code main} class with these agent options (before {@code config=}, each
   * followed by a comma, or "") and arguments, its config written to {@code dir}.
   */
  static ForkedJvm jvm(Path dir, String jdk, String options, String main, String... args)
      throws IOException {
    return ConfiguredRun.of(dir, jdk, CONFIG, options, "lifecycle", main, args)
        .timeoutSeconds(40);
  }

  /** Sends one line to the app's stdin. */
  static void send(RunningJvm app, String line) throws IOException {
    OutputStream in = app.process().getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }
}
