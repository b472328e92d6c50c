package org.initcall4j.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad config stops the JVM before main, naming file, line and key; lenient leaves it out. */
class ConfigErrorsIT {
  private static final String CONFIG = """
      initcall.storage.method = entry.Storage#mount()
      initcall.storage.levle = fs
      initcall.count.method = entry.Gallery#count()
      initcall.count.deferred = true
      initcall.usb.method = entry.Usb#connect(java.lang.String, int)
      initcall.usb.deferred = true
      """;

  @TempDir
  Path dir;

  private ForkedJvm.Result run(String options) throws Exception {
    return ConfiguredRun.of(dir, "current", CONFIG, options, "entry", "entry.Main", "flush")
        .run();
  }

  @Test
  void badEntriesStopTheJvmBeforeMainNamingFileLineAndKey() throws Exception {
    ForkedJvm.Result result = run("");
    String file = dir.resolve("initcalls.properties").toString();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains(file + ":2: initcall.storage.levle: unknown attribute"
        + " 'levle'; did you mean 'level'?"), result.describe());
    assertTrue(result.stderr().contains(file + ":3: initcall.count.method:"
        + " entry.Gallery#count() returns a value; initcall methods must return void"),
        result.describe());
    assertTrue(result.stderr().contains("stopping the JVM before main"), result.describe());
    assertFalse(result.stdout().contains("event: main"), "main must not run\n"
        + result.describe());
  }

  @Test
  void lenientReportsBadEntriesAndRunsTheGoodOnes() throws Exception {
    ForkedJvm.Result result = run("lenient,");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains(":3: initcall.count.method: entry.Gallery#count()"
        + " returns a value"), result.describe());
    assertTrue(result.stderr().contains("(left out: option 'lenient')"), result.describe());
    assertTrue(result.stdout().contains("log: clock, main, mount, index"),
        "storage is left out (bad key), so the app's own call runs it\n" + result.describe());
    assertTrue(result.stdout().contains("before-flush, connect bus1 port-a 9600 on main,"),
        "usb is good, so its calls are parked until the flush\n" + result.describe());
  }
}
