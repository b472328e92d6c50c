package org.initcall4j.agent.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM with parked calls and deferred initcalls is stopped by SIGTERM at a random moment
 * (during boot, between calls, during a flush, idle), many times: every parked call is either
 * replayed exactly once or reported dropped, never both, never silently. The moment is a progress
 * line the app prints, chosen at random, not a sleep.
 */
class KillAtAnyMomentIT {
  private static final int MAX_RUNS = 10;
  private static final long BUDGET_NANOS = 11_000_000_000L;
  private static final Pattern REPLAYED =
      Pattern.compile("at exit: replayed (\\d+) parked calls? of audit ");
  private static final Pattern DROPPED =
      Pattern.compile("at exit: dropped (\\d+) parked calls? of audit ");

  @TempDir
  Path dir;

  @OnEachJdk
  void everyParkedCallIsReplayedOnceOrReportedDropped(String jdk) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int runs = 0;
    while (runs < MAX_RUNS && System.nanoTime() < deadline) {
      oneRun(jdk, random, "seed " + seed + ", run " + runs);
      runs++;
    }
    assertTrue(runs >= 3, "only " + runs + " runs in the time budget (seed " + seed + ")");
  }

  private void oneRun(String jdk, Random random, String which) throws Exception {
    int calls = 10 + random.nextInt(30);
    int flushAfter = random.nextBoolean() ? -1 : random.nextInt(calls);
    boolean drop = random.nextBoolean();
    List<String> moments = new ArrayList<>(List.of("progress boot-1", "progress boot-2",
        "progress boot-3", "progress main", "progress idle"));
    for (int i = 0; i < calls; i += 5) {
      moments.add("progress calls-" + i);
    }
    if (flushAfter >= 0) {
      moments.addAll(List.of("progress slow-1", "progress slow-2", "progress flushed"));
    }
    String moment = moments.get(random.nextInt(moments.size()));
    String what = which + ": " + calls + " calls, flush after " + flushAfter + ", "
        + (drop ? "drop" : "replay") + ", SIGTERM at '" + moment + "'\n";

    ForkedJvm jvm = LifecycleApp.jvm(dir, jdk, drop ? "exit.parked=drop," : "",
        "lifecycle.Chatty", Integer.toString(calls), Integer.toString(flushAfter))
        .jvmArg("-Dboot.steps=3").jvmArg("-Dboot.step.millis=20")
        .jvmArg("-Dslow.steps=3").jvmArg("-Dslow.step.millis=20");
    ForkedJvm.Result result;
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout(moment + "\n", 20_000);
      // SIGTERM only: Process.destroy() would also close the pipes and lose the exit's output
      app.process().toHandle().destroy();
      result = app.awaitExit(20);
    }
    String describe = what + result.describe();

    assertEquals(143, result.exitCode(), "stopped by SIGTERM, exit hooks run\n" + describe);
    Set<String> started = new HashSet<>();
    Set<String> returned = new HashSet<>();
    Set<String> ran = new HashSet<>();
    for (String line : result.stdoutLines()) {
      if (line.startsWith("call ")) {
        started.add(line.substring(5));
      } else if (line.startsWith("called ")) {
        returned.add(line.substring(7));
      } else if (line.startsWith("audit ")) {
        assertTrue(ran.add(line.substring(6)), "replayed twice: " + line + "\n" + describe);
      }
    }
    assertTrue(started.containsAll(ran), "ran a call never made\n" + describe);
    int replayedAtExit = sum(REPLAYED, result.stderr());
    int dropped = sum(DROPPED, result.stderr());
    if (drop) {
      assertEquals(0, replayedAtExit, describe);
    } else {
      assertEquals(0, dropped, describe);
    }
    // each call that returned ran once or was reported dropped; none is counted both ways
    assertTrue(ran.size() + dropped >= returned.size(),
        "a parked call vanished without a word\n" + describe);
    assertTrue(ran.size() + dropped <= started.size(),
        "a call was both replayed and reported dropped\n" + describe);
    assertFalse(result.stderr().contains("cut short"), describe);
  }

  private static int sum(Pattern pattern, String text) {
    int total = 0;
    for (Matcher m = pattern.matcher(text); m.find(); ) {
      total += Integer.parseInt(m.group(1));
    }
    return total;
  }
}
