package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;

/**
 * Profile mode on real programs from Maven Central: they must print the same and exit the same
 * with the agent as without, and the blame list must name their own slow static initializers.
 */
class TransparencyIT {
  private static final String SQL = "CREATE TABLE T(ID INT PRIMARY KEY, NAME VARCHAR(20));"
      + " INSERT INTO T VALUES (1, 'a'), (2, 'b');"
      + " SELECT ID, NAME, UPPER(NAME), CAST(ID * 1.5 AS DECIMAL(5, 2)) FROM T ORDER BY ID";
  private static final String GROOVY = "def fib = { n -> n < 2 ? n : call(n - 1) + call(n - 2) };"
      + " println((0..15).collect { fib(it) });"
      + " println([b: 2, a: 1].sort()*.key.join(','));"
      + " enum Fruit { APPLE, PEAR }; println(Fruit.values().toList())";

  private static Path jar(String property) {
    String path = System.getProperty(property);
    Path jar = path == null ? null : Paths.get(path);
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalStateException("-D" + property + " must name the program's jar (failsafe"
          + " sets it from the test dependencies); got " + path);
    }
    return jar;
  }

  @OnEachJdk
  void h2ShellRunsAScriptTheSameAndBlamesH2sOwnStaticInitializers(String jdk) throws Exception {
    ForkedJvm plain = h2(jdk);
    ForkedJvm profiled = h2(jdk).agent("profile");
    ForkedJvm.Result[] results = {plain.run(), profiled.run()};

    // the shell prints how long each statement took; nothing else may differ
    String expected = results[0].stdout().replaceAll("\\d+ ms\\)", "N ms)");
    assertTrue(expected.contains("2  | b    | B           | 3.00"), results[0].describe());
    assertSame(results[0], results[1], expected,
        results[1].stdout().replaceAll("\\d+ ms\\)", "N ms)"));
    BlameLines blame = BlameLines.parse(results[1].stderr());
    assertBlames(blame, Set.of("org.h2."), Set.of("org.h2.engine.Mode", "org.h2.value.DataType",
        "org.h2.message.DbException", "org.h2.engine.SysProperties", "org.h2.engine.MetaRecord",
        "org.h2.result.RowFactory$DefaultRowFactory", "org.h2.engine.ConnectionInfo"));
  }

  @OnEachJdk
  void groovyCommandLineRunsAScriptTheSameAndBlamesGroovysOwnStaticInitializers(String jdk)
      throws Exception {
    ForkedJvm plain = groovy(jdk);
    ForkedJvm profiled = groovy(jdk).agent("profile");
    ForkedJvm.Result[] results = {plain.run(), profiled.run()};

    assertTrue(results[0].stdout().contains("[0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233,"
        + " 377, 610]"), results[0].describe());
    assertTrue(results[0].stdout().contains("[APPLE, PEAR]"), results[0].describe());
    assertSame(results[0], results[1], results[0].stdout(), results[1].stdout());
    BlameLines blame = BlameLines.parse(results[1].stderr());
    assertBlames(blame, Set.of("groovy.", "org.codehaus.groovy.", "org.apache.groovy.",
        "groovyjarjar", "Fruit", "script"), Set.of("groovy.lang.GroovySystem",
        "org.codehaus.groovy.control.ResolveVisitor", "groovy.lang.Closure",
        "org.codehaus.groovy.runtime.DefaultGroovyMethods",
        "org.codehaus.groovy.reflection.ReflectionCache",
        "org.codehaus.groovy.vmplugin.VMPluginFactory"));
  }

  private static ForkedJvm h2(String jdk) {
    return ForkedJvm.of(Jdks.home(jdk)).classPath(jar("initcall4j.h2.jar"))
        .main("org.h2.tools.Shell", "-url", "jdbc:h2:mem:t", "-user", "sa", "-sql", SQL);
  }

  private static ForkedJvm groovy(String jdk) {
    return ForkedJvm.of(Jdks.home(jdk)).classPath(jar("initcall4j.groovy.jar"))
        .timeoutSeconds(120).main("groovy.ui.GroovyMain", "-e", GROOVY);
  }

  /** Same exit code, same stdout, and stderr that differs only by the blame list. */
  private static void assertSame(ForkedJvm.Result plain, ForkedJvm.Result profiled,
      String plainStdout, String profiledStdout) {
    assertEquals(plain.exitCode(), profiled.exitCode(), profiled.describe());
    assertEquals(0, profiled.exitCode(), profiled.describe());
    assertEquals(plainStdout, profiledStdout, profiled.describe());
    BlameLines blame = BlameLines.parse(profiled.stderr());
    StringBuilder rest = new StringBuilder();
    List<String> lines = profiled.stderrLines();
    int header = lines.indexOf(blame.header());
    for (int i = 0; i < lines.size(); i++) {
      if (i < header || i > header + 1 + blame.lines().size()) {
        rest.append(lines.get(i)).append('\n');
      }
    }
    assertEquals(String.join("\n", plain.stderrLines()), rest.toString().strip(),
        "stderr must differ only by the blame list\n" + profiled.describe());
  }

  /**
   * The default list: 20 lines, slowest first, only the program's classes, and among them some of
   * the static initializers known to be slow in it (which ones lead varies with the machine).
   */
  private static void assertBlames(BlameLines blame, Set<String> prefixes, Set<String> known) {
    assertEquals(ProfileSettings.DEFAULT_TOP, blame.lines().size(), blame.toString());
    assertTrue(blame.timedCount() >= 50, "a real program runs many static initializers: "
        + blame.header());
    for (int i = 1; i < blame.lines().size(); i++) {
      assertTrue(blame.lines().get(i - 1).exclusiveMs() >= blame.lines().get(i).exclusiveMs(),
          "slowest first: " + blame);
    }
    for (BlameLines.Line line : blame.lines()) {
      assertTrue(prefixes.stream().anyMatch(p -> line.className().startsWith(p)),
          "not the program's own class: " + line);
      assertTrue(line.inclusiveMs() >= line.exclusiveMs(), line.toString());
    }
    assertTrue(blame.lines().get(0).exclusiveMs() >= 1.0, blame.toString());
    long named = blame.lines().stream().filter(l -> known.contains(l.className())).count();
    assertTrue(named >= 2, "expected at least two of " + known + " among the slowest: " + blame);
  }
}
