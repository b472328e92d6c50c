package org.initcall4j.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.initcall4j.agent.index.IndexFormat;
import org.initcall4j.agent.model.InitLevel;
import org.initcall4j.agent.model.InitcallSpec;
import org.initcall4j.agent.report.DotFile;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar initcall-agent.jar verify} on good and bad class paths and configs, each
 * compared with what the agent itself says when it starts with them.
 */
class VerifyIT {
  private static final String STOP = "initcall4j: stopping the JVM before main\n";

  @TempDir
  Path dir;

  private static ForkedJvm.Result verify(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("verify"));
    all.addAll(List.of(args));
    return CliIT.command("current", all.toArray(new String[0])).run();
  }

  private static String classPath(Path... entries) {
    return String.join(File.pathSeparator, Stream.of(entries).map(Path::toString).toList());
  }

  /** The agent started on this class path: what it printed before it stopped the JVM. */
  private static String agentStops(String options, Path... classPath) throws Exception {
    ForkedJvm jvm = ForkedJvm.current().agent(options).main("report.Main");
    for (Path entry : classPath) {
      jvm.classPath(entry);
    }
    ForkedJvm.Result result = jvm.run();
    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().endsWith(STOP), result.describe());
    return result.stderr().substring(0, result.stderr().length() - STOP.length());
  }

  /** A class path directory holding only an index with these lines. */
  private Path indexDirectory(String name, String index) throws Exception {
    Path classes = dir.resolve(name);
    Path file = classes.resolve(IndexFormat.RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, index);
    return classes;
  }

  private static InitcallSpec spec(String name, List<String> after) {
    return new InitcallSpec(name, InitLevel.DEVICE, "extra.Module", name, after, List.of(), null,
        false, false, null);
  }

  @Test
  void printsTheOrderTheAgentRunsAndExitsZero() throws Exception {
    Path app = TestApps.jar("boot");
    ForkedJvm.Result result = verify(classPath(app, ForkedJvm.apiClasses()));

    assertEquals(0, result.exitCode(), result.describe());
    assertEquals("", result.stderr(), result.describe());
    List<String> lines = result.stdoutLines();
    assertEquals("initcall4j verify: 1 initcall index on the class path", lines.get(0));
    assertEquals("  jar:file:" + app.toRealPath() + "!/" + IndexFormat.RESOURCE, lines.get(1));
    assertTrue(lines.get(2).matches("# +NAME +LEVEL +RUNS +NEEDS +TARGET"), lines.get(2));
    assertTrue(result.stdout().matches("(?s).*\n\\d +camera +DEVICE +boot +clock,storage,sensor"
        + " +boot\\.Modules\\.camera\\(\\)\n.*"), "after, and before declared by sensor\n"
        + result.stdout());
    assertTrue(result.stdout().matches("(?s).*\n\\d +gallery +LATE +deferred +usb,usb-storage"
        + " +boot\\.Modules\\.gallery\\(\\)\n.*"), "after usb is after its parts too\n"
        + result.stdout());
    assertEquals("initcall4j verify: no problem found; the agent would run these 7 initcalls,"
        + " 4 at boot and 3 deferred", lines.get(lines.size() - 1));
    List<String[]> rows = lines.subList(3, 10).stream().map(l -> l.split(" +")).toList();
    List<String> expected = new ArrayList<>();
    rows.stream().filter(r -> r[3].equals("boot")).forEach(r -> expected.add(r[1]));
    rows.stream().filter(r -> r[3].equals("deferred")).forEach(r -> expected.add(r[1]));

    // the agent runs them in that order: the boot ones, then the deferred ones at the flush
    ForkedJvm.Result agent = ForkedJvm.current().agent("debug").classPath(app)
        .classPath(ForkedJvm.apiClasses()).main("boot.Main", "flush").run();
    assertEquals(0, agent.exitCode(), agent.describe());
    List<String> called = agent.stderrLines().stream().filter(l -> l.startsWith("calling  "))
        .map(l -> l.split(" +")[1]).toList();
    assertEquals(expected, called, agent.describe());
  }

  @Test
  void everyBadIndexIsReportedAsTheAgentReportsTheFirst() throws Exception {
    Path app = TestApps.jar("report");
    Path short1 = indexDirectory("short", "# initcall4j index 1\nok\tDEVICE\tx.Y\tinit\t\t\t\t\n"
        + "bad\tDEVICE\tx.Y\n");
    Path level = indexDirectory("level", "huge\tHUGE\tx.Y\tinit\t\t\t\t\n");
    String agent = agentStops("", app, ForkedJvm.apiClasses(), short1, level);
    assertEquals("initcall4j: file:" + short1.toRealPath().resolve(IndexFormat.RESOURCE)
        + ":3: expected 8 tab-separated columns, found 3; rebuild the jar with the initcall4j"
        + " processor of this agent's version\n", agent);

    ForkedJvm.Result result = verify(classPath(app, ForkedJvm.apiClasses(), short1, level));

    assertEquals(1, result.exitCode(), result.describe());
    assertEquals(agent + "initcall4j: file:" + level.toRealPath().resolve(IndexFormat.RESOURCE)
        + ":1: unknown level 'HUGE'\n"
        + "initcall4j verify: the order of the initcalls was not checked: it needs every index"
        + " and the config read first\n"
        + "initcall4j verify: the agent would stop the JVM before main\n", result.stderr());
    assertTrue(result.stdout().startsWith("initcall4j verify: 3 initcall indexes on the class"
        + " path\n"), result.describe());
  }

  @Test
  void graphProblemsAreReportedInTheAgentsWords() throws Exception {
    Path app = TestApps.jar("report");
    Path extra = indexDirectory("extra", IndexFormat.formatAll(List.of(
        spec("loop-a", List.of("loop-b")), spec("loop-b", List.of("loop-a")),
        spec("orphan", List.of("dsik")), spec("web", List.of()))));
    String agent = agentStops("", app, ForkedJvm.apiClasses(), extra);
    assertTrue(agent.startsWith("initcall4j: 2 problems in the initcall graph:\n  - duplicate"
        + " initcall name 'web'"), agent);
    assertTrue(agent.contains("'orphan' runs after 'dsik', which is not an initcall"), agent);

    ForkedJvm.Result result = verify(classPath(app, ForkedJvm.apiClasses(), extra));

    assertEquals(1, result.exitCode(), result.describe());
    assertEquals(agent + "initcall4j verify: the agent would stop the JVM before main\n",
        result.stderr());

    // without the two, the cycle is what is left
    Path cycle = indexDirectory("cycle", IndexFormat.formatAll(List.of(
        spec("loop-a", List.of("loop-b")), spec("loop-b", List.of("loop-a")))));
    String agentOnCycle = agentStops("", app, ForkedJvm.apiClasses(), cycle);
    assertTrue(agentOnCycle.startsWith("initcall4j: 1 problem in the initcall graph:\n  -"
        + " dependency cycle: "), agentOnCycle);
    ForkedJvm.Result onCycle = verify(classPath(app, ForkedJvm.apiClasses(), cycle));
    assertEquals(1, onCycle.exitCode(), onCycle.describe());
    assertEquals(agentOnCycle + "initcall4j verify: the agent would stop the JVM before main\n",
        onCycle.stderr());
  }

  private static final String CONFIG = """
      initcall.storage.method = entry.Storage#mount()
      initcall.storage.levle = fs
      initcall.count.method = entry.Gallery#count()
      initcall.count.deferred = true
      initcall.lost.class = entry.NoSuchClass
      """;

  @Test
  void configProblemsAreReportedInTheAgentsWordsAndLenientLeavesThemOut() throws Exception {
    Path app = TestApps.jar("entry");
    Path config = Files.writeString(dir.resolve("initcalls.properties"), CONFIG);
    String agent = agentStops("config=" + config, app, ForkedJvm.apiClasses());
    assertTrue(agent.startsWith("initcall4j: 3 problems in the initcall config"), agent);

    ForkedJvm.Result result = verify("--config", config.toString(),
        classPath(app, ForkedJvm.apiClasses()));

    assertEquals(1, result.exitCode(), result.describe());
    assertEquals(agent + "initcall4j verify: the order of the initcalls was not checked: it"
        + " needs every index and the config read first\n"
        + "initcall4j verify: the agent would stop the JVM before main\n", result.stderr());

    ForkedJvm.Result agentLenient = ForkedJvm.current().agent("lenient,config=" + config)
        .classPath(app).classPath(ForkedJvm.apiClasses()).main("entry.Main").run();
    List<String> warnings = agentLenient.stderrLines().stream()
        .filter(l -> l.endsWith("(left out: option 'lenient')")).toList();
    assertEquals(3, warnings.size(), agentLenient.describe());
    ForkedJvm.Result lenient = verify("--lenient", "--config=" + config,
        classPath(app, ForkedJvm.apiClasses()));
    assertEquals(0, lenient.exitCode(), lenient.describe());
    assertEquals(String.join("\n", warnings) + "\n", lenient.stderr());
    assertTrue(lenient.stdout().contains("initcall4j verify: no problem found"),
        lenient.describe());
    assertFalse(lenient.stdout().matches("(?s).*\n\\d+ +(storage|count|lost) .*"),
        "the bad entries are left out\n" + lenient.stdout());
  }

  @Test
  void badIndexAndBadConfigAreBothReportedInOneRun() throws Exception {
    Path app = TestApps.jar("entry");
    Path config = Files.writeString(dir.resolve("initcalls.properties"),
        "initcall.lost.class = entry.NoSuchClass\n");
    Path bad = indexDirectory("bad", "x\tDEVICE\tx.Y\tinit\t\t\t\tlazy\n");

    ForkedJvm.Result result = verify("--config", config.toString(),
        classPath(app, ForkedJvm.apiClasses(), bad));

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains(":1: unknown flag 'lazy'\n"), result.describe());
    assertTrue(result.stderr().contains("initcall4j: 1 problem in the initcall config (fix them,"
        + " or add option 'lenient' to skip bad entries):\n  " + config + ":1:"
        + " initcall.lost.class: class entry.NoSuchClass is not on the class path"),
        result.describe());
  }

  @Test
  void dotWritesTheGraphOfTheClassPath() throws Exception {
    Path file = dir.resolve("initcalls.dot");
    ForkedJvm.Result result = verify("--dot", file.toString(),
        classPath(TestApps.jar("report"), ForkedJvm.apiClasses()));

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("initcall4j verify: wrote the initcall graph to " + file
        + "\n"), result.describe());
    DotFile dot = DotFile.parse(Files.readString(file));
    assertEquals(8 + 5, dot.nodes().size(), "8 initcalls in 5 levels: " + dot.nodes().keySet());
    assertEquals(List.of("db -> disk", "cache -> net", "web -> db", "web -> cache",
        "thumbs -> disk", "needs-broken -> broken"), dot.edges("after"));
  }

  @Test
  void aClassPathWithoutAnIndexGetsTheAgentsHint() throws Exception {
    ForkedJvm.Result agent = ForkedJvm.current().agent("").classPath(ForkedJvm.apiClasses())
        .main("java.lang.Object").run(); // no main method: the agent has spoken by then
    String hint = agent.stderrLines().get(0);
    assertTrue(hint.startsWith("initcall4j: no initcall index found: the class loader 'app'"),
        agent.describe());

    ForkedJvm.Result result = verify(ForkedJvm.apiClasses().toString());

    assertEquals(0, result.exitCode(), result.describe());
    assertEquals(hint + "\n", result.stderr());
    assertTrue(result.stdout().endsWith("the agent would run these 0 initcalls, 0 at boot and 0"
        + " deferred\n"), result.describe());
  }

  /** {@code dir/*} is every jar in dir, as for java -cp. */
  @Test
  void aWildcardEntryIsEveryJarInItsDirectory() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.copy(TestApps.jar("boot"), lib.resolve("boot.jar"));
    Files.copy(TestApps.jar("report"), lib.resolve("report.JAR"));
    Files.writeString(lib.resolve("notes.txt"), "not a jar");

    ForkedJvm.Result result = verify(lib + File.separator + "*");

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().startsWith("initcall4j verify: 2 initcall indexes on the class"
        + " path\n  jar:file:" + lib.toRealPath().resolve("boot.jar") + "!/"), result.describe());
    assertTrue(result.stdout().endsWith("the agent would run these 15 initcalls, 9 at boot and"
        + " 6 deferred\n"), "the boot app's 7 and the report app's 8\n" + result.describe());
  }

  /** An unpacked Spring Boot jar run as BOOT-INF/classes: the index at its root counts. */
  @Test
  void theRootIndexOfAnUnpackedBootJarIsReadAsTheAgentReadsIt() throws Exception {
    Path unpacked = indexDirectory("unpacked", IndexFormat.formatAll(List.of(
        spec("warmup", List.of()))));
    Path classes = Files.createDirectories(unpacked.resolve("BOOT-INF").resolve("classes"));

    ForkedJvm.Result result = verify(classes.toString());

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("\n  file:" + unpacked.toRealPath()
        .resolve(IndexFormat.RESOURCE) + "\n"), result.describe());
    assertTrue(result.stdout().matches("(?s).*\n1 +warmup +DEVICE +boot +- +extra\\.Module"
        + "\\.warmup\\(\\)\n.*"), result.describe());
  }

  @Test
  void badUsageExitsTwo() throws Exception {
    ForkedJvm.Result none = verify();
    assertEquals(2, none.exitCode(), none.describe());
    assertTrue(none.stderr().startsWith("initcall4j: no class path given; verify takes"
        + " [--config FILE] [--lenient] [--dot FILE] CLASSPATH\n"), none.describe());
    assertTrue(none.stderr().contains("  verify [--config FILE]"), "the help follows");

    ForkedJvm.Result unknown = verify("--strict", "a.jar");
    assertEquals(2, unknown.exitCode(), unknown.describe());
    assertTrue(unknown.stderr().startsWith("initcall4j: unknown option '--strict'"),
        unknown.describe());

    Path missing = dir.resolve("missing.jar");
    ForkedJvm.Result absent = verify(classPath(TestApps.jar("report"), missing));
    assertEquals(2, absent.exitCode(), absent.describe());
    assertTrue(absent.stderr().startsWith("initcall4j: class path entry '" + missing + "' does"
        + " not exist (" + missing + "); give jars and directories separated by ':', as for java"
        + " -cp\n"), absent.describe());
  }
}
