package org.initcall4j.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.report.TraceFile;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar initcall-agent.jar trace <pid> FILE} against a running JVM. */
class TraceCommandIT {
  @TempDir
  Path tmp;

  @Test
  void writesTheRunningJvmsTraceWithTheTimesItsMBeanShows() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "", tmp);
        LocalJmx jmx = LocalJmx.connect(app.pid())) {
      jmx.awaitRegistered();
      ControlApp.send(app, "flush");
      app.awaitStdout("api flush ran", 10_000);
      String pid = Long.toString(app.pid());
      Path file = tmp.resolve("boot.json");

      ForkedJvm.Result result = CliIT.cli("current", "trace", pid, file.toString());

      assertEquals(0, result.exitCode(), result.describe());
      assertEquals("wrote the trace of JVM " + pid + " to " + file + "; open it in Perfetto"
          + " (ui.perfetto.dev) or chrome://tracing\n", result.stdout());
      TraceFile trace = TraceFile.parse(Files.readString(file));
      trace.assertWellFormed();
      List<String> ran = new ArrayList<>();
      for (Object value : ((TabularData) jmx.get("Initcalls")).values()) {
        CompositeData row = (CompositeData) value;
        String state = (String) row.get("state");
        if (!state.equals("done") && !state.equals("failed")) {
          continue;
        }
        String name = (String) row.get("name");
        ran.add(name);
        TraceFile.Event event = trace.complete("initcall", name);
        // the MBean says milliseconds as a double: equal to the nanosecond
        assertEquals((Double) row.get("startMillis") * 1e6, event.startNanos(), 1, name);
        assertEquals((Double) row.get("durationMillis") * 1e6, event.durationNanos(), 1, name);
        assertEquals(row.get("thread"), trace.threadName(event.tid()), name);
      }
      assertEquals(5, ran.size(), ran.toString());
      assertEquals(ran.size(), trace.events("X", "initcall").size(), "one event per initcall");
      assertEquals(List.of("flush all"), trace.events("i", "flush").stream()
          .map(TraceFile.Event::name).toList());
      assertEquals(app.pid(), trace.events().get(0).pid());
      assertTrue(trace.events("X", "clinit").isEmpty(), "profile mode is off");

      ForkedJvm.Result toStdout = CliIT.cli("current", "trace", pid, "-");
      assertEquals(0, toStdout.exitCode(), toStdout.describe());
      assertEquals(trace.events().size(), TraceFile.parse(toStdout.stdout()).events().size(),
          toStdout.describe());

      Path nowhere = tmp.resolve("no-such-dir").resolve("boot.json");
      ForkedJvm.Result unwritable = CliIT.cli("current", "trace", pid, nowhere.toString());
      assertEquals(1, unwritable.exitCode(), unwritable.describe());
      assertTrue(unwritable.stderr().startsWith("initcall4j: cannot write the trace to "
          + nowhere + ": java.nio.file.NoSuchFileException: " + nowhere + "; give a file in a"
          + " directory you can write, or - for stdout\n"), unwritable.describe());
    }
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    ForkedJvm.Result missing = CliIT.cli("current", "trace", "123");
    assertEquals(2, missing.exitCode(), missing.describe());
    assertTrue(missing.stderr().startsWith("initcall4j: trace takes <pid> FILE (- for stdout),"
        + " got [123]\n"), missing.describe());
    assertTrue(missing.stderr().contains("  trace <pid> FILE "), "the help follows");

    ForkedJvm.Result notPid = CliIT.cli("current", "trace", "boot.json", "123");
    assertEquals(2, notPid.exitCode(), notPid.describe());
    assertTrue(notPid.stderr().startsWith("initcall4j: 'boot.json' is not a process id: give the"
        + " pid of the JVM (jps lists them) as the first argument\n"), notPid.describe());
  }
}
