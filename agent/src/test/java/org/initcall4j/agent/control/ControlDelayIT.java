package org.initcall4j.agent.control;

import static org.initcall4j.agent.control.ControlApp.awaitFile;
import static org.initcall4j.agent.control.ControlApp.send;
import static org.initcall4j.agent.control.ControlApp.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.cli.CliIT;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane stays out of the start-up: nothing of it loads until {@code control.delay}
 * has passed, the application calls {@code Initcalls.ready()}, or an operator's tool asks for the
 * MBean; then the directory is there, and a write made as soon as it is acted on.
 */
class ControlDelayIT {
  private static final String ALL_PENDING = "network\nusb\ngallery\nprinter\n";

  @TempDir
  Path tmp;

  @Test
  void readyEndsTheWaitAndTheFirstWriteIsActedOn() throws Exception {
    try (RunningJvm app = ControlApp.jvm("current", "control.delay=10m", tmp)
        .jvmArg("-Xlog:class+load=info").start()) {
      app.awaitStdout("app up", 20_000);
      Path dir = tmp.resolve("initcall4j-" + app.pid());
      send(app, "counts"); // a round trip: main has run on
      app.awaitStdout("counts ", 10_000);
      assertFalse(app.stdout().contains("org.initcall4j.agent.control.ControlFiles "),
          "the directory's classes load only once the start-up is over\n" + app.describe());
      assertFalse(Files.exists(dir), "no directory before ready() or the delay");

      send(app, "ready");
      Path deferred = dir.resolve("deferred_initcalls");
      assertEquals(ALL_PENDING, awaitFile(deferred, ALL_PENDING::equals, app));
      write(deferred, "usb\n"); // at once: the watcher was there before the files
      app.awaitStdout("init usb #1", 10_000);
      ControlApp.exit(app);
      assertFalse(Files.exists(dir), "removed at exit");
    }
  }

  @Test
  void anOperatorsRequestForTheMBeanMakesTheDirectoryItNames() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "control.delay=10m", tmp)) {
      String pid = Long.toString(app.pid());
      Path dir = tmp.resolve("initcall4j-" + pid);
      ForkedJvm.Result status = CliIT.cli("current", "status", pid);
      assertEquals(0, status.exitCode(), status.describe());
      assertTrue(status.stdout().contains("  control directory: " + dir + "\n"),
          "the MBean names the directory its request made\n" + status.describe());
      assertEquals(ALL_PENDING, awaitFile(dir.resolve("deferred_initcalls"),
          ALL_PENDING::equals, app));
      ControlApp.exit(app);
    }
  }

  @Test
  void withoutReadyTheDirectoryComesWhenTheDelayHasPassed() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "control.delay=200ms", tmp)) {
      Path deferred = tmp.resolve("initcall4j-" + app.pid()).resolve("deferred_initcalls");
      assertEquals(ALL_PENDING, awaitFile(deferred, ALL_PENDING::equals, app));
      ControlApp.exit(app);
    }
  }
}
