package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Initcalls.flush()} counts only what succeeded and {@code require} hands over the
 * initcall's own error, in a real JVM whose deferred initcall {@code printer} throws.
 */
class FlushCountIT {
  @TempDir
  Path tmp;

  @Test
  void flushCountsWhatSucceededAndRequireThrowsWithTheInitcallsError() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "", tmp)) {
      ControlApp.send(app, "flush");
      app.awaitStdout("api flush ran ", 20_000);
      assertTrue(app.stdout().contains("api flush ran 3\n"),
          "network, usb and gallery; not printer, which failed\n" + app.describe());
      assertTrue(app.stderr().contains("initcall4j: flush all: 3 of 4 initcalls succeeded;"
          + " printer failed: java.lang.IllegalStateException: out of paper\n"), app.describe());

      ControlApp.send(app, "require printer");
      app.awaitStdout("api require printer ", 10_000);
      assertTrue(app.stdout().contains("api require printer threw"
          + " java.lang.IllegalStateException: initcall 'printer' failed:"
          + " java.lang.IllegalStateException: out of paper;"
          + " cause java.lang.IllegalStateException: out of paper\n"), app.describe());
      ControlApp.send(app, "require gallery");
      app.awaitStdout("api require gallery ok", 10_000);

      ControlApp.send(app, "flush");
      app.awaitStdout("api flush ran 0", 10_000);
      assertTrue(app.stderr().contains("initcall4j: flush all: nothing left to run; printer"
          + " failed earlier: java.lang.IllegalStateException: out of paper\n"), app.describe());
      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}",
          ControlApp.counts(app));
    }
  }
}
