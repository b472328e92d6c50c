package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initcall4j.agent.testing.ConfiguredRun;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deferred classes whose static fields other classes read and write directly (a public field, an
 * enum's constants and its switch, a nest mate's private field, a field named through a
 * subclass), in real JVMs: each deferred initializer runs right before the first access.
 */
class StaticFieldGuardIT {
  private static final String CONFIG = """
      initcall.prices.class = fields.Prices
      initcall.prices.deferred = true
      initcall.color.class = fields.Color
      initcall.color.deferred = true
      initcall.outer.class = fields.Outer
      initcall.outer.deferred = true
      initcall.base.class = fields.Base
      initcall.base.deferred = true
      """;

  @TempDir
  Path dir;

  @OnEachJdk
  void eachDeferredInitializerRunsBeforeTheFirstAccessToItsFields(String jdk) throws Exception {
    ForkedJvm.Result result = ConfiguredRun.of(dir, jdk, CONFIG, "", "fields", "fields.Main")
        .run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: scanned, prices-init, hits 5 tea 3, color-init,"
        + " switch green, all [RED, GREEN] RED, outer-init, peek hidden, own own, base-init,"
        + " inherited base, flush ran 0"), result.describe());
    assertEquals(List.of("initcall4j: flush all: nothing left to run"), result.stderrLines(),
        "no warning: every access was guarded\n" + result.describe());
  }

  @OnEachJdk
  void withoutTheAgentTheScanInitializesEverythingAndTheValuesAreTheSame(String jdk)
      throws Exception {
    ForkedJvm.Result result = ForkedJvm.of(Jdks.home(jdk)).classPath(TestApps.jar("fields"))
        .classPath(ForkedJvm.apiClasses()).main("fields.Main", "plain").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("log: prices-init, color-init, outer-init, base-init,"
        + " scanned, hits 5 tea 3, switch green, all [RED, GREEN] RED, peek hidden, own own,"
        + " inherited base\n"), result.describe());
  }

  /**
   * Real programs from Maven Central with every slow static initializer that profile mode's
   * suggestion defers (most with static fields other classes read) deferred: they must print the
   * same as without the agent.
   */
  @OnEachJdk
  void h2ShellWithItsSlowStaticInitializersDeferredPrintsTheSame(String jdk) throws Exception {
    String sql = "CREATE TABLE T(ID INT PRIMARY KEY, NAME VARCHAR(20));"
        + " INSERT INTO T VALUES (1, 'a'), (2, 'b');"
        + " SELECT ID, NAME, UPPER(NAME), CAST(ID * 1.5 AS DECIMAL(5, 2)) FROM T ORDER BY ID";
    assertDeferringTheSuggestionChangesNothing(jdk, "initcall4j.h2.jar", "org.h2.",
        "org.h2.tools.Shell", "-url", "jdbc:h2:mem:t", "-user", "sa", "-sql", sql);
  }

  @OnEachJdk
  void groovyWithItsSlowStaticInitializersDeferredPrintsTheSame(String jdk) throws Exception {
    assertDeferringTheSuggestionChangesNothing(jdk, "initcall4j.groovy.jar", "groovy",
        "groovy.ui.GroovyMain", "-e", "def fib = { n -> n < 2 ? n : call(n - 1) + call(n - 2) };"
            + " println((0..15).collect { fib(it) }); println([b: 2, a: 1].sort()*.key.join(','));"
            + " enum Fruit { APPLE, PEAR }; println(Fruit.values().toList())");
  }

  private void assertDeferringTheSuggestionChangesNothing(String jdk, String jarProperty,
      String classPrefix, String main, String... args) throws Exception {
    Path jar = Path.of(System.getProperty(jarProperty, "unset"));
    assertTrue(Files.isRegularFile(jar), "-D" + jarProperty + " must name the program's jar");
    Path config = dir.resolve("suggested.properties");
    ForkedJvm.Result profiled = ForkedJvm.of(Jdks.home(jdk)).classPath(jar)
        .agent("profile,profile.slow=1ms,ready=exit,profile.suggest=" + config)
        .main(main, args).run();
    assertEquals(0, profiled.exitCode(), profiled.describe());
    List<String> deferred = Files.readAllLines(config).stream()
        .filter(line -> line.endsWith(".deferred = true")).toList();
    assertTrue(deferred.size() >= 5, "the suggestion defers several classes:\n"
        + String.join("\n", Files.readAllLines(config)));
    assertTrue(Files.readString(config).contains(".class = " + classPrefix), config.toString());

    ForkedJvm.Result plain = ForkedJvm.of(Jdks.home(jdk)).classPath(jar).main(main, args).run();
    ForkedJvm.Result withConfig = ForkedJvm.of(Jdks.home(jdk)).classPath(jar)
        .agent("config=" + config).main(main, args).run();
    assertEquals(plain.exitCode(), withConfig.exitCode(), withConfig.describe());
    // H2's shell prints how long each statement took; nothing else may differ
    assertEquals(plain.stdout().replaceAll("\\d+ ms\\)", "N ms)"),
        withConfig.stdout().replaceAll("\\d+ ms\\)", "N ms)"), withConfig.describe());
    assertEquals(plain.stderr(), withConfig.stderr(), withConfig.describe());
  }
}
