package org.initcall4j.agent.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An initcall that starts a server thread keeps the JVM alive after main, as it would if main
 * had run it, whichever thread ran the initcall: a thread inherits its creator's daemon status,
 * so the agent runs initcall bodies on non-daemon threads of its own.
 */
class DaemonIT {
  @TempDir
  Path dir;

  /** Each way an initcall can be run, and the thread it is expected on. */
  enum Trigger {
    MAIN("", "server-flush", "main"),
    FLUSH_READY("flush=ready,", "server-ready", "initcall4j-flush"),
    FLUSH_DELAY("flush=100ms,", "server-wait", "initcall4j-flush"),
    CONTROL_DIRECTORY("", "server-wait", "initcall4j-control-flush"),
    JMX("", "server-wait", "initcall4j-jmx-flush"),
    TIMEOUT_SKIP("timeout=1m,timeout.skip,", "server-flush", "initcall-seq-\\d+"),
    ASYNC_POOL("async,", "server-flush", "initcall-\\d+");

    final String options;
    final String mode;
    /** A pattern of the thread's name. */
    final String thread;

    Trigger(String options, String mode, String thread) {
      this.options = options;
      this.mode = mode;
      this.thread = thread;
    }
  }

  static List<Object[]> triggers() {
    List<Object[]> all = new java.util.ArrayList<>();
    for (String jdk : Jdks.names()) {
      for (Trigger trigger : Trigger.values()) {
        all.add(new Object[] {jdk, trigger});
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("triggers")
  void aServerStartedByAnInitcallKeepsTheJvmAliveAfterMain(String jdk, Trigger trigger)
      throws Exception {
    Path control = dir.resolve("ctl");
    ForkedJvm jvm = LifecycleApp.jvm(dir, jdk, trigger.options + "control=" + control + ",",
        "lifecycle.Main", trigger.mode).jvmArg("-Dslow.steps=0");
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout("main: up", 20_000);
      if (trigger == Trigger.CONTROL_DIRECTORY) {
        Path file = control.resolve("deferred_initcalls");
        app.awaitFile(file, content -> true, 20_000);
        Files.writeString(file, "server\n", StandardCharsets.UTF_8);
      } else if (trigger == Trigger.JMX) {
        try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
          jmx.awaitRegistered();
          jmx.invoke("flush", "server");
        }
      }
      app.awaitStdout("main: end", 20_000);
      assertTrue(app.stdout().matches("(?s).*server: started on " + trigger.thread
          + " daemon=false\n.*"),
          "the server thread must not be a daemon, or the JVM ends with main\n"
              + app.describe());
      // main has ended; the JVM is still there to take the server's input
      LifecycleApp.send(app, "ping");
      app.awaitStdout("server: got ping", 10_000);
      LifecycleApp.send(app, "stop");
      ForkedJvm.Result result = app.awaitExit(20);
      assertEquals(0, result.exitCode(), result.describe());
      assertTrue(result.stdout().contains("server: stopped"), result.describe());
    }
  }

}
