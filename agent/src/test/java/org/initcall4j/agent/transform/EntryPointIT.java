package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.OnEachJdk;
import org.junit.jupiter.api.io.TempDir;

/** Entry points declared in a config file: run at boot once, or parked and replayed at flush. */
class EntryPointIT {
  private static final String CONFIG = """
      # existing entry points of the entry app
      initcall.storage.method = entry.Storage#mount()
      initcall.storage.level = fs
      initcall.storage.after = clock

      initcall.usb.method = entry.Usb#connect(java.lang.String, int)
      initcall.usb.deferred = true
      initcall.usb.after = storage

      initcall.gallery.method = entry.Gallery#index(long, double, char, boolean, byte[])
      initcall.gallery.deferred = true
      initcall.gallery.after = usb
      """;

  @TempDir
  Path dir;

  private ForkedJvm.Result run(String jdk, String... args) throws Exception {
    return ConfiguredRun.of(dir, jdk, CONFIG, "debug,", "entry", "entry.Main", args).run();
  }

  @OnEachJdk
  void bootEntryPointRunsOnceInOrderAndDeferredCallsWaitForTheFlush(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk, "flush");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: clock, mount, main, before-flush,"
        + " connect bus1 port-a 9600 on main, connect bus1 port-b 115200 on main,"
        + " index 1099511627776 0.5 g true 3, connect bus1 port-c 1 on main, end"),
        "mount once, before main and after clock; parked calls replayed at the flush in call"
        + " order with their receiver and arguments; later calls run at once\n"
        + result.describe());
    assertTrue(result.stderr().contains("calling  storage @ main"), result.describe());
    assertTrue(result.stderr().contains("calling  usb @ main"), result.describe());
  }

  @OnEachJdk
  void withoutAFlushDeferredCallsStayParked(String jdk) throws Exception {
    ForkedJvm.Result result = run(jdk);

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: clock, mount, main, before-flush, end"),
        result.describe());
  }

  @org.junit.jupiter.api.Test
  void requireReplaysWhatTheInitcallNeedsFirst() throws Exception {
    ForkedJvm.Result result = run("current", "require-gallery");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("before-flush, connect bus1 port-a 9600 on main,"
        + " connect bus1 port-b 115200 on main, index 1099511627776 0.5 g true 3,"
        + " connect bus1 port-c 1 on main, end"), result.describe());
  }

  @OnEachJdk
  void callsRacingTheFlushRunExactlyOnceEachInTheOrderEachThreadMadeThem(String jdk)
      throws Exception {
    ForkedJvm.Result result = ConfiguredRun.of(dir, jdk, """
        initcall.hits.method = entry.Counter#hit(int, int)
        initcall.hits.deferred = true
        """, "", "entry", "entry.Race", "8", "400").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("flush ran 1, calls run 3200, threads in order 8/8"),
        result.describe());
  }
}
