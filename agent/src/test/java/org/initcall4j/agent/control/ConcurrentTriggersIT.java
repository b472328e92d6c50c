package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.openmbean.CompositeData;
import org.initcall4j.agent.cli.CliIT;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every trigger at once: control file, JMX, the CLI twice and the API. Each initcall runs once. */
class ConcurrentTriggersIT {
  @TempDir
  Path tmp;

  @Test
  void eachInitcallRunsOnceWhoeverAsks() throws Exception {
    ForkedJvm jvm = ControlApp.jvm("current", "", tmp).jvmArg("-Dcontrol.usb.millis=2500");
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout("app up", 20_000);
      String pid = Long.toString(app.pid());
      Path deferred = tmp.resolve("initcall4j-" + pid).resolve("deferred_initcalls");
      try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
        jmx.awaitRegistered();
        // the CLI needs a JVM start to reach the target: start it first, the rest meet it
        CompletableFuture<ForkedJvm.Result> cliAll = async(CliIT.command("current", "flush", pid));
        CompletableFuture<ForkedJvm.Result> cliGallery =
            async(CliIT.command("current", "flush", "gallery", pid));
        Thread.sleep(300);
        CompletableFuture<Object> viaJmx = CompletableFuture.supplyAsync(() -> {
          try {
            return jmx.invoke("flush");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        ControlApp.write(deferred, "1\n");
        ControlApp.send(app, "flush");

        ForkedJvm.Result all = cliAll.get(60, TimeUnit.SECONDS);
        ForkedJvm.Result gallery = cliGallery.get(60, TimeUnit.SECONDS);
        // printer fails, whoever runs it: a flush of all says so; gallery and usb are fine
        assertEquals(1, all.exitCode(), all.describe());
        assertTrue(all.stderr().contains("initcall4j: printer failed"), all.describe());
        assertEquals(0, gallery.exitCode(), gallery.describe());
        int succeededByJmx = (Integer) ((CompositeData) viaJmx.get(60, TimeUnit.SECONDS))
            .get("succeeded");
        app.awaitStdout("api flush ran ", 20_000);
        assertTrue(succeededByJmx >= 0 && succeededByJmx <= 3, "jmx ran " + succeededByJmx);
      }
      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}", ControlApp.counts(app),
          app.describe());
      assertFalse(app.stdout().contains("#2"), app.describe());
      assertTrue(app.stderr().contains("initcall4j: control: flush all requested in " + deferred),
          app.describe());
      assertFalse(app.stderr().contains("rejected"), app.describe());
    }
  }

  private static CompletableFuture<ForkedJvm.Result> async(ForkedJvm cli) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return cli.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
