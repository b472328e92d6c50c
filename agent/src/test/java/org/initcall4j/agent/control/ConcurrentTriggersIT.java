package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.openmbean.CompositeData;
import org.initcall4j.agent.cli.CliIT;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.testing.Await;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every trigger at once: control file, JMX, the CLI twice and the API. usb, run by the first,
 * waits at a gate until all the others are under way, so they surely meet; each initcall runs
 * once, and the flushes' own accounts add up to exactly one run of each.
 */
class ConcurrentTriggersIT {
  /** The agent's line for each finished flush (with debug), and what its summary counts. */
  private static final Pattern FLUSHED = Pattern.compile(
      "(?m)^initcall4j: flush (all|gallery): (ran (\\d+) initcalls?|\\d+ of (\\d+) initcalls"
          + " succeeded|nothing left to run)");
  private static final int DEFERRED = 4; // network, usb, gallery, printer

  @TempDir
  Path tmp;

  @Test
  void eachInitcallRunsOnceWhoeverAsks() throws Exception {
    ForkedJvm jvm = ControlApp.jvm("current", "debug", tmp).jvmArg("-Dcontrol.usb.gate=true");
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout("app up", 20_000);
      String pid = Long.toString(app.pid());
      Path deferred = tmp.resolve("initcall4j-" + pid).resolve("deferred_initcalls");
      try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
        jmx.awaitRegistered();
        ControlApp.awaitFile(deferred, text -> text.contains("usb"), app);
        ControlApp.write(deferred, "1\n");
        app.awaitStdout("usb at the gate on initcall4j-control-flush", 20_000);

        CompletableFuture<Object> viaJmx = CompletableFuture.supplyAsync(() -> {
          try {
            return jmx.invoke("flush");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        CompletableFuture<ForkedJvm.Result> cliAll = async(CliIT.command("current", "flush", pid));
        CompletableFuture<ForkedJvm.Result> cliGallery =
            async(CliIT.command("current", "flush", "gallery", pid));
        ControlApp.send(app, "flush in background");
        // each flush is on a thread of its own, which waits for usb: one through JMX directly,
        // two through the CLI's JMX connection, one through the API
        awaitLive(app, "initcall4j-jmx-flush", "3");
        awaitLive(app, "api-flush", "1");
        ControlApp.send(app, "open gate");

        ForkedJvm.Result all = cliAll.get(60, TimeUnit.SECONDS);
        ForkedJvm.Result gallery = cliGallery.get(60, TimeUnit.SECONDS);
        CompositeData byJmx = (CompositeData) viaJmx.get(60, TimeUnit.SECONDS);
        app.awaitStdout("api flush ran ", 20_000);
        // printer fails, whoever runs it: a flush of all says so; gallery and usb are fine
        assertEquals(1, all.exitCode(), all.describe());
        assertTrue(all.stderr().contains("initcall4j: printer failed"), all.describe());
        assertEquals(0, gallery.exitCode(), gallery.describe());

        List<String> flushes = Await.value("the five flushes to finish", () -> flushed(app))
            .describing(app::describe).until(done -> done.size() >= 5);
        assertEquals(5, flushes.size(), "one a trigger: " + flushes);
        assertEquals(DEFERRED, flushes.stream().mapToInt(ConcurrentTriggersIT::ran).sum(),
            "each deferred initcall counted by exactly one flush: " + flushes);
        // what each trigger was told is what its flush did (the summary's head: problems apart)
        assertTrue(flushes.contains("all: " + byJmx.get("summary")), byJmx + "\n" + flushes);
        assertTrue(flushes.contains("all: " + answer(all)), all.describe() + flushes);
        assertTrue(flushes.contains("gallery: " + answer(gallery)),
            gallery.describe() + flushes);
      }
      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}", ControlApp.counts(app),
          app.describe());
      assertFalse(app.stdout().contains("#2"), app.describe());
      assertTrue(app.stderr().contains("initcall4j: control: flush all requested in " + deferred),
          app.describe());
      assertFalse(app.stderr().contains("rejected"), app.describe());
    }
  }

  private static void awaitLive(RunningJvm app, String thread, String count) throws Exception {
    Await.value(count + " live threads named " + thread,
        () -> ControlApp.ask(app, "live " + thread, "live " + thread + " "))
        .within(Duration.ofSeconds(60)).describing(app::describe).until(count::equals);
  }

  /** Each finished flush's line, as "what: summary" without its problems. */
  private static List<String> flushed(RunningJvm app) {
    List<String> lines = new ArrayList<>();
    Matcher line = FLUSHED.matcher(app.stderr());
    while (line.find()) {
      lines.add(line.group(1) + ": " + line.group(2));
    }
    return lines;
  }

  /** How many initcalls a flush ran, from its "what: summary". */
  private static int ran(String flushed) {
    Matcher counts = FLUSHED.matcher("initcall4j: flush " + flushed);
    assertTrue(counts.find(), flushed);
    String ran = counts.group(3) != null ? counts.group(3) : counts.group(4);
    return ran == null ? 0 : Integer.parseInt(ran);
  }

  /** The summary the CLI printed: "flushed ... in JVM pid: summary". */
  private static String answer(ForkedJvm.Result cli) {
    String out = cli.stdout().strip();
    return out.substring(out.indexOf(": ") + 2);
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
