package org.initcall4j.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.control.ControlApp;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.RunningJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code java -jar initcall-agent.jar ...} against real JVMs, with and without the agent. */
public class CliIT {
  @TempDir
  Path tmp;

  public static ForkedJvm.Result cli(String jdk, String... args) throws Exception {
    return command(jdk, args).run();
  }

  /** The CLI as users run it; C1 only, which is all a short-lived tool needs. */
  public static ForkedJvm command(String jdk, String... args) {
    return ForkedJvm.of(Jdks.home(jdk)).jvmArg("-XX:TieredStopAtLevel=1").jvmArg("-jar")
        .jvmArg(ForkedJvm.agentJar().toString()).main(null, args);
  }

  @Test
  void statusListAndFlush() throws Exception {
    String jdk = "current";
    try (RunningJvm app = ControlApp.start(jdk, "", tmp);
        LocalJmx jmx = LocalJmx.connect(app.pid())) {
      jmx.awaitRegistered();
      String pid = Long.toString(app.pid());

      ForkedJvm.Result status = cli(jdk, "status", pid);
      assertEquals(0, status.exitCode(), status.describe());
      assertTrue(status.stdout().contains("initcall4j in JVM " + pid + "\n"
          + "  initcalls:         5 total, 1 done, 0 failed, 0 skipped, 0 running, 4 waiting\n"),
          status.describe());
      assertTrue(status.stdout().contains("  deferred, not run: network usb gallery printer\n"
          + "  flush policy:      manual, Initcalls.ready() not called\n"), status.describe());
      assertTrue(status.stdout().contains("  control directory: "
          + tmp.resolve("initcall4j-" + pid) + "\n  jmx:               read and flush\n"),
          status.describe());

      ForkedJvm.Result list = cli(jdk, "list", pid);
      assertEquals(0, list.exitCode(), list.describe());
      assertTrue(list.stdout().matches("(?s)NAME +LEVEL +STATE .*\nstorage +FS +done .*"
          + "\ngallery +LATE +deferred +- +- +-\n.*"), list.describe());

      ForkedJvm.Result one = cli(jdk, "flush", "gallery", pid);
      assertEquals(0, one.exitCode(), one.describe());
      assertEquals("flushed gallery and what it needs in JVM " + pid + ": ran 2 initcalls\n",
          one.stdout());

      ForkedJvm.Result unknown = cli(jdk, "flush", "nosuch", pid);
      assertEquals(1, unknown.exitCode(), unknown.describe());
      assertTrue(unknown.stderr().startsWith("initcall4j: no initcall named 'nosuch'; known:"),
          unknown.describe());

      ForkedJvm.Result all = cli(jdk, "flush", pid);
      assertEquals(1, all.exitCode(), "printer failed\n" + all.describe());
      assertEquals("flushed all deferred initcalls in JVM " + pid + ": 1 of 2 initcalls"
          + " succeeded\n", all.stdout(), all.describe());
      assertEquals("initcall4j: printer failed: java.lang.IllegalStateException: out of paper\n"
          + "initcall4j: the stack trace of each failure is on the stderr of JVM " + pid + "\n",
          all.stderr());
      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}", ControlApp.counts(app));
    }
  }

  @Test
  void flushOfAFailingInitcallSaysItsErrorAndExitsOneEveryTime() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "", tmp);
        LocalJmx jmx = LocalJmx.connect(app.pid())) {
      jmx.awaitRegistered();
      String pid = Long.toString(app.pid());

      ForkedJvm.Result printer = cli("current", "flush", "printer", pid);
      assertEquals(1, printer.exitCode(), printer.describe());
      assertEquals("flushed printer and what it needs in JVM " + pid + ": 0 of 1 initcalls"
          + " succeeded\n", printer.stdout(), "not 'ran 1'\n" + printer.describe());
      assertTrue(printer.stderr().startsWith("initcall4j: printer failed:"
          + " java.lang.IllegalStateException: out of paper\n"), printer.describe());

      ForkedJvm.Result again = cli("current", "flush", "printer", pid);
      assertEquals(1, again.exitCode(), "it is still failed\n" + again.describe());
      assertEquals("flushed printer and what it needs in JVM " + pid + ": nothing left to run\n",
          again.stdout(), again.describe());
      assertTrue(again.stderr().startsWith("initcall4j: printer failed earlier:"
          + " java.lang.IllegalStateException: out of paper\n"), again.describe());
      assertEquals("{printer=1, storage=1}", ControlApp.counts(app), "run once");
    }
  }

  @OnEachJdk
  void attachLoadsTheControlPlaneIntoAJvmStartedWithoutTheAgent(String jdk) throws Exception {
    ForkedJvm bare = ForkedJvm.of(Jdks.home(jdk)).jvmArg("-Djava.io.tmpdir=" + tmp)
        .classPath(TestApps.jar("control")).classPath(ForkedJvm.apiClasses())
        .main("control.Main");
    try (RunningJvm app = bare.start()) {
      app.awaitStdout("app up", 20_000);
      String pid = Long.toString(app.pid());

      ForkedJvm.Result none = cli(jdk, "list", pid);
      assertEquals(1, none.exitCode(), none.describe());
      assertTrue(none.stderr().contains("initcall4j: JVM " + pid + " does not run the initcall4j"
          + " agent (no MBean org.initcall4j:type=Initcalls): start it with"
          + " -javaagent:initcall-agent.jar, or load it now with: java -jar initcall-agent.jar"
          + " attach " + pid), none.describe());

      String missing = tmp.resolve("missing.properties").toString();
      ForkedJvm.Result refused = cli(jdk, "attach", pid, "config=" + missing);
      assertEquals(1, refused.exitCode(), refused.describe());
      assertTrue(refused.stderr().contains("the initcall4j agent did not start in JVM " + pid
          + ": cannot read the initcall config file " + missing + ": no such file"),
          refused.describe());
      app.awaitStderr("initcall4j: not attached: cannot read the initcall config file", 10_000);

      ForkedJvm.Result attach = cli(jdk, "attach", pid, "debug");
      assertEquals(0, attach.exitCode(), attach.describe());
      assertTrue(attach.stdout().startsWith("initcall4j agent loaded into JVM " + pid),
          attach.describe());
      if (!jdk.equals("current")) {
        app.awaitStderr("WARNING: A Java agent has been loaded dynamically", 10_000);
      }
      try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
        jmx.awaitRegistered();
        assertEquals(0, jmx.get("Done"), "attach runs no boot");
      }
      ForkedJvm.Result status = cli(jdk, "status", pid);
      assertTrue(status.stdout().contains("5 total, 0 done, 0 failed, 0 skipped, 0 running,"
          + " 5 waiting"), status.describe());

      ForkedJvm.Result flush = cli(jdk, "flush", pid);
      assertEquals("flushed all deferred initcalls in JVM " + pid + ": 4 of 5 initcalls"
          + " succeeded\n", flush.stdout(), "the deferred ones and storage, which usb needs;"
          + " printer fails\n" + flush.describe());
      assertEquals(1, flush.exitCode(), flush.describe());
      assertTrue(app.stderr().contains("calling  storage @ initcall4j-jmx-flush"),
          app.describe());

      ForkedJvm.Result again = cli(jdk, "attach", pid);
      assertEquals(1, again.exitCode(), again.describe());
      assertTrue(again.stderr().contains("the initcall4j agent already runs in JVM " + pid
          + " (attach); nothing was loaded"), again.describe());
      assertFalse(app.stderr().contains("Attach Listener") || app.stderr().contains("ASSERTION"),
          "neither attach that failed leaves a stack trace in the application:\n"
          + app.describe());
      ControlApp.send(app, "flush");
      app.awaitStdout("api flush ran 0", 10_000);
    }
  }

  /**
   * A JVM whose MBean speaks another protocol version (an agent of another initcall4j version,
   * played by the impostor app): every command is refused plainly, naming both versions and the
   * jar to use, and nothing is called in that JVM.
   */
  @ParameterizedTest
  @ValueSource(strings = {"old", "newer"})
  void anAgentOfAnotherProtocolVersionIsRefusedPlainly(String which) throws Exception {
    ForkedJvm impostor = ForkedJvm.current().classPath(TestApps.jar("impostor"))
        .main("impostor.Main", which);
    try (RunningJvm app = impostor.start()) {
      app.awaitStdout("app up", 20_000);
      String pid = Long.toString(app.pid());
      String version = which.equals("old") ? "1" : "99";
      for (String[] command : List.of(new String[] {"status", pid}, new String[] {"list", pid},
          new String[] {"flush", pid}, new String[] {"flush", "usb", pid})) {
        ForkedJvm.Result result = cli("current", command);
        assertEquals(1, result.exitCode(), result.describe());
        assertEquals("initcall4j: the initcall4j agent in JVM " + pid + " speaks protocol"
            + " version " + version + ", and this tool speaks version 2: they are different"
            + " versions of initcall4j; run the tool from the agent jar that JVM runs, java -jar"
            + " /opt/initcall4j-0.0.9/initcall-agent.jar ...\n", result.stderr(),
            result.describe());
      }
      assertFalse(app.stdout().contains("impostor flushed"), "nothing was called there");
    }
  }

  @Test
  void aReadOnlyAgentIsShownAndItsFlushRefusedPlainly() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "jmx=readonly", tmp);
        LocalJmx jmx = LocalJmx.connect(app.pid())) {
      jmx.awaitRegistered();
      String pid = Long.toString(app.pid());
      ForkedJvm.Result status = cli("current", "status", pid);
      assertEquals(0, status.exitCode(), status.describe());
      assertTrue(status.stdout().contains("  jmx:               read-only (jmx=readonly): no"
          + " flush\n"), status.describe());

      Path dir = tmp.resolve("initcall4j-" + pid);
      ForkedJvm.Result flush = cli("current", "flush", "usb", pid);
      assertEquals(1, flush.exitCode(), flush.describe());
      assertEquals("initcall4j: the initcall4j agent in JVM " + pid + " runs with jmx=readonly:"
          + " its MBean shows the initcalls but cannot flush; flush through its control"
          + " directory (echo 1 > " + dir + "/deferred_initcalls), or start it with jmx=on to"
          + " flush from this tool\n", flush.stderr());
      assertEquals("{storage=1}", ControlApp.counts(app));
    }
  }

  @Test
  void badArgumentsUnknownPidsAndHelp() throws Exception {
    ForkedJvm.Result help = cli("current", "help");
    assertEquals(0, help.exitCode(), help.describe());
    assertTrue(help.stdout().startsWith("usage: java -jar initcall-agent.jar COMMAND\n"
        + "  list <pid>"), help.describe());
    assertTrue(help.stdout().contains("    flush=manual|ready|DURATION  "), help.describe());

    Object[][] bad = {
        {new String[0], "initcall4j: no command given"},
        {new String[] {"frobnicate", "1"}, "initcall4j: unknown command 'frobnicate'"},
        {new String[] {"list", "abc"}, "initcall4j: 'abc' is not a process id"},
        {new String[] {"list"}, "initcall4j: list takes <pid>, got []"},
        {new String[] {"flush", "a", "b", "1"}, "initcall4j: flush takes [name] <pid>, got 3"},
        {new String[] {"attach", "1", "bogus"}, "initcall4j: unknown option 'bogus'"},
    };
    for (Object[] c : bad) {
      ForkedJvm.Result result = cli("current", (String[]) c[0]);
      assertEquals(2, result.exitCode(), result.describe());
      assertTrue(result.stderr().startsWith((String) c[1]), result.describe());
      assertTrue(result.stderr().contains("usage: java -jar initcall-agent.jar"),
          result.describe());
    }

    ForkedJvm.Result gone = cli("current", "status", "999999999");
    assertEquals(1, gone.exitCode(), gone.describe());
    assertEquals("initcall4j: no process with pid 999999999 (jps lists the running JVMs)\n",
        gone.stderr());

    Process notJava = new ProcessBuilder("sleep", "60").start();
    try {
      ForkedJvm.Result sleep = cli("current", "status", Long.toString(notJava.pid()));
      assertEquals(1, sleep.exitCode(), sleep.describe());
      assertEquals("initcall4j: process " + notJava.pid() + " is not a JVM: it has no libjvm"
          + " loaded (jps lists the running JVMs)\n", sleep.stderr(),
          "said at once, not after the attach's 10 s wait");
    } finally {
      notJava.destroy();
    }
  }
}
