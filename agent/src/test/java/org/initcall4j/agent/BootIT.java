package org.initcall4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boot, parking and flush, in a real JVM started with the shaded agent. */
class BootIT {

  private static ForkedJvm boot(String jdk, String options, String... args) {
    return ForkedJvm.of(Jdks.home(jdk)).agent(options)
        .classPath(TestApps.jar("boot")).classPath(ForkedJvm.apiClasses())
        .main("boot.Main", args);
  }

  /** The figure in docs/initcalls.md: what the agent loads of its own from premain to main. */
  static final int AGENT_CLASSES_BEFORE_MAIN = 50;

  /** The figure in docs/initcalls.md: the agent's own classes before main with a config. */
  static final int AGENT_CLASSES_BEFORE_MAIN_WITH_CONFIG = 79;

  /**
   * The figure in docs/initcalls.md: classes of any kind (the agent's, the JDK's it uses, the
   * JVM's own for any {@code -javaagent}) that an application with a config loads with the agent
   * and not without it, from launch to 300 ms into main: 323 now, about 590 when the control
   * plane started at once, and 200 more with JMX. The bound leaves room for a JDK update, not
   * for either of those.
   */
  static final int CLASSES_ADDED_WITH_CONFIG = 350;

  /**
   * The start-up path's footprint, which grows one class at a time unnoticed: the agent's own
   * classes loaded before main with boot initcalls to run, default options (the control plane's
   * thread waits until the start-up is over before it loads anything).
   */
  @Test
  void bootLoadsAtMostTheStatedNumberOfAgentClassesBeforeMain() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("")
        .jvmArg("-Xlog:class+load=info").classPath(TestApps.jar("boot"))
        .classPath(ForkedJvm.apiClasses()).main("boot.Main").run();
    assertEquals(0, result.exitCode(), result.describe());
    List<String> beforeMain = result.stdoutLines().stream()
        .takeWhile(line -> !line.startsWith("main: before="))
        .filter(line -> line.contains(" org.initcall4j.agent.")).toList();
    assertTrue(beforeMain.size() < result.stdoutLines().size(), "main never printed");
    assertTrue(beforeMain.size() <= AGENT_CLASSES_BEFORE_MAIN, beforeMain.size()
        + " agent classes before main, more than docs/initcalls.md's " + AGENT_CLASSES_BEFORE_MAIN
        + ":\n" + String.join("\n", beforeMain));
  }

  /**
   * What a config costs an application in classes up to shortly after main, against the same run
   * without the agent: the agent's own, and whatever of the JDK's they use. The config defers a
   * method the run never reaches, so the application does the same work either way; loading the
   * control plane (its directory and watcher, about 60 classes) or JMX (about 200) during the
   * start-up is the kind of growth this catches.
   */
  @Test
  void aConfigAddsAtMostTheStatedNumberOfClassesUpToShortlyAfterMain(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("initcalls.properties");
    Files.writeString(config, "initcall.unused.method = plain.Unused#start()\n"
        + "initcall.unused.deferred = true\n");
    List<String> without = classesUpTo300MsIntoMain(ForkedJvm.current());
    List<String> with = classesUpTo300MsIntoMain(ForkedJvm.current().agent("config=" + config));
    List<String> agentBeforeMain = with.stream()
        .takeWhile(line -> !line.startsWith("settings "))
        .filter(line -> line.contains(" org.initcall4j.agent.")).toList();
    assertTrue(agentBeforeMain.size() <= AGENT_CLASSES_BEFORE_MAIN_WITH_CONFIG,
        agentBeforeMain.size() + " agent classes before main with a config, more than"
        + " docs/initcalls.md's " + AGENT_CLASSES_BEFORE_MAIN_WITH_CONFIG + ":\n"
        + String.join("\n", agentBeforeMain));
    int added = with.size() - without.size();
    assertTrue(added <= CLASSES_ADDED_WITH_CONFIG, added + " classes more with the agent and a"
        + " config than without, up to 300 ms into main; docs/initcalls.md says at most "
        + CLASSES_ADDED_WITH_CONFIG + ". Loaded with the agent, of its own:\n"
        + String.join("\n", with.stream().filter(l -> l.contains("org.initcall4j")).toList()));
  }

  /** The class+load lines of the plain app up to its second line, which main prints 300 ms in. */
  private static List<String> classesUpTo300MsIntoMain(ForkedJvm jvm) throws Exception {
    ForkedJvm.Result result = jvm.jvmArg("-Xlog:class+load=info")
        .classPath(TestApps.jar("plain")).classPath(ForkedJvm.apiClasses())
        .main("plain.Main").run();
    assertEquals(0, result.exitCode(), result.describe());
    List<String> lines = result.stdoutLines().stream()
        .takeWhile(line -> !line.startsWith("threads ")).toList();
    assertTrue(lines.size() < result.stdoutLines().size(), "main never printed its threads");
    assertFalse(result.stdout().contains("unused started"), result.describe());
    return lines.stream().filter(line -> line.contains("[class,load]")).toList();
  }

  @OnEachJdk
  void runsBootInitcallsInOrderBeforeMainAndParksDeferredOnes(String jdk) throws Exception {
    ForkedJvm.Result result = boot(jdk, "debug").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("main: before=[clock storage sensor camera] active=true"),
        result.describe());
    assertTrue(result.stdout().contains("main: after=[clock storage sensor camera]"),
        "deferred initcalls must stay parked without a flush\n" + result.describe());
    assertTrue(result.stderr().contains("calling  camera @ main"), result.describe());
    assertTrue(result.stderr().matches("(?s).*initcall camera returned after \\d+ usecs.*"),
        result.describe());
    assertFalse(result.stderr().contains("calling  usb"), result.describe());
  }

  @OnEachJdk
  void flushRunsDeferredInitcallsOnceInOrder(String jdk) throws Exception {
    ForkedJvm.Result result = boot(jdk, "", "flush", "flush").run();

    assertEquals(0, result.exitCode(), result.describe());
    List<String> lines = result.stdoutLines();
    assertTrue(lines.contains("flush ran 3"), result.describe());
    assertTrue(lines.contains("flush ran 0"), result.describe());
    assertTrue(result.stdout().contains(
        "main: after=[clock storage sensor camera usb usb-storage gallery]"), result.describe());
    assertTrue(result.stderr().contains("flush all: nothing left to run"),
        "a second flush must say it did nothing\n" + result.describe());
  }

  @Test
  void requireRunsOneInitcallAndWhatItNeeds() throws Exception {
    ForkedJvm.Result result = boot("current", "", "flush-usb", "require-gallery").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("flush usb ran 1"), result.describe());
    assertTrue(result.stdout().contains(
        "main: after=[clock storage sensor camera usb usb-storage gallery]"), result.describe());
  }

  @Test
  void indexesOfSeveralJarsAreMergedIntoOneOrder() throws Exception {
    ForkedJvm.Result result = boot("current", "", "flush").classPath(TestApps.jar("plugin")).run();

    assertEquals(0, result.exitCode(), result.describe());
    String out = result.stdout();
    assertTrue(out.indexOf("init storage") < out.indexOf("init plugin"), result.describe());
    assertTrue(out.indexOf("init plugin") < out.indexOf("init camera"), result.describe());
    assertTrue(out.indexOf("init usb") < out.indexOf("init plugin-usb"), result.describe());
    assertTrue(out.contains("flush ran 4"), result.describe());
  }

  @Test
  void flushOfAnUnknownNameIsAnError() throws Exception {
    ForkedJvm.Result result = boot("current", "", "flush-unknown").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("error: no initcall named 'nope'"), result.describe());
  }

  @Test
  void failingInitcallIsReportedItsDependentsSkippedAndBootGoesOn() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("")
        .classPath(TestApps.jar("failing")).classPath(ForkedJvm.apiClasses())
        .main("failing.Main").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("initcall config failed after"), result.describe());
    assertTrue(result.stderr().contains("java.lang.IllegalStateException: config file missing"),
        result.describe());
    assertTrue(result.stderr().contains("at failing.Main.config("),
        "the stack trace must be printed\n" + result.describe());
    assertTrue(result.stderr().contains("initcall database skipped: needs 'config', which failed"),
        result.describe());
    assertTrue(result.stderr().contains("initcall web skipped: needs 'database', which was skipped"),
        result.describe());
    assertTrue(result.stdout().contains("init metrics"), result.describe());
    assertTrue(result.stdout().contains("main runs"), result.describe());
    assertFalse(result.stdout().contains("init database"), result.describe());
  }

  @Test
  void fatalOptionStopsTheJvmBeforeMain() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current().agent("fatal")
        .classPath(TestApps.jar("failing")).classPath(ForkedJvm.apiClasses())
        .main("failing.Main").run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("3 boot initcalls failed or skipped and option 'fatal'"),
        result.describe());
    assertFalse(result.stdout().contains("main runs"), result.describe());
  }

  @Test
  void unknownOptionStopsTheJvmWithTheKnownOptions() throws Exception {
    ForkedJvm.Result result = boot("current", "debug,verbose").run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("unknown option 'verbose'; known options: debug"),
        result.describe());
    assertFalse(result.stdout().contains("main:"), result.describe());
  }

  @Test
  void cycleAcrossJarsIsReportedAtStartUpWithTheWholeCycle(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("META-INF/initcall4j/initcalls.idx");
    Files.createDirectories(index.getParent());
    Files.writeString(index, "# initcall4j index 1\n"
        + "extra\tLATE\tboot.Modules\tstorage\tother\t\t\tdeferred\n"
        + "other\tLATE\tboot.Modules\tstorage\textra\t\t\tdeferred\n");
    ForkedJvm.Result result = boot("current", "").classPath(dir).run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("dependency cycle: extra -> other -> extra"),
        result.describe());
    assertTrue(result.stderr().contains("declared at boot.Modules.storage() in file:"),
        "each edge must say where it was declared\n" + result.describe());
    assertFalse(result.stdout().contains("init "), "nothing may run\n" + result.describe());
  }

  @Test
  void withoutTheAgentTheFacadeSaysSoInsteadOfDoingNothing() throws Exception {
    ForkedJvm.Result result = ForkedJvm.current()
        .classPath(TestApps.jar("boot")).classPath(ForkedJvm.apiClasses())
        .main("boot.Main", "flush").run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("main: before=[] active=false"), result.describe());
    assertTrue(result.stderr().contains("initcall4j agent is not loaded"), result.describe());
  }
}
