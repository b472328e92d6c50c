package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.Jdks;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile mode in a real JVM on an app whose static initializers have known costs. */
class ProfileIT {

  private static ForkedJvm app(String jdk) {
    return ForkedJvm.of(Jdks.home(jdk)).classPath(TestApps.jar("profile")).main("profile.Main");
  }

  @OnEachJdk
  void blameListTimesNestedFailingThreadedAndLoaderClassesWithoutChangingTheApp(String jdk)
      throws Exception {
    ForkedJvm.Result plain = app(jdk).run();
    ForkedJvm.Result profiled = app(jdk).agent("profile,profile.top=50").run();

    assertEquals(0, plain.exitCode(), plain.describe());
    assertEquals(0, profiled.exitCode(), profiled.describe());
    assertEquals(plain.stdout(), profiled.stdout(), "profile mode changed what the app printed\n"
        + profiled.describe());
    assertTrue(profiled.stdout().contains("broken: no config"), profiled.describe());

    BlameLines blame = BlameLines.parse(profiled.stderr());
    BlameLines.Line inner = blame.get("profile.Inner");
    BlameLines.Line outer = blame.get("profile.Outer");
    assertTrue(inner.exclusiveMs() >= 245, "Inner sleeps 250 ms: " + inner);
    assertEquals("profile.Outer", inner.nestedIn(), inner.toString());
    assertTrue(outer.inclusiveMs() >= 395, "Outer sleeps 150 ms and runs Inner: " + outer);
    assertTrue(outer.exclusiveMs() >= 145, outer.toString());
    assertTrue(outer.exclusiveMs() <= outer.inclusiveMs() - inner.inclusiveMs() + 0.01,
        "Inner's time must not count as Outer's own: " + outer + " " + inner);
    assertEquals("main", outer.thread(), outer.toString());
    assertTrue(blame.get("profile.Broken").failed(), blame.toString());
    assertEquals("worker-1", blame.get("profile.OnWorker").thread(), blame.toString());
    assertTrue(profiled.stdout().contains("contended=40"), profiled.describe());
    assertEquals(1, blame.lines().stream()
        .filter(l -> l.className().equals("profile.Contended")).count(),
        "four threads race to first use; one runs the static initializer: " + blame);
    assertTrue(blame.get("profile.Contended").thread().startsWith("racer-"), blame.toString());
    for (String kind : List.of("profile.Color", "profile.Shape", "profile.Point",
        "profile.ViaChildLoader")) {
      assertTrue(blame.find(kind).isPresent(), kind + " must be timed: " + blame);
    }
    assertFalse(blame.find("profile.ViaDetachedLoader").isPresent(),
        "a loader that cannot see the agent must be left alone: " + blame);
    assertTrue(blame.lines().stream().noneMatch(l -> l.className().startsWith("java.")
        || l.className().startsWith("org.initcall4j.agent.")), blame.toString());
    for (int i = 1; i < blame.lines().size(); i++) {
      assertTrue(blame.lines().get(i - 1).exclusiveMs() >= blame.lines().get(i).exclusiveMs(),
          "slowest exclusive first: " + blame);
    }
  }

  @Test
  void includeAndExcludeChooseTheClassesAndTopLimitsTheLines(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("blame.txt");
    ForkedJvm.Result result = app("current").agent("profile,profile.include=profile.*"
        + ",profile.exclude=profile.Inner:profile.Via*,profile.top=3,profile.out=" + out).run();

    assertEquals(0, result.exitCode(), result.describe());
    BlameLines blame = BlameLines.parse(result.stderr());
    assertEquals(3, blame.lines().size(), blame.toString());
    assertFalse(blame.find("profile.Inner").isPresent(), blame.toString());
    BlameLines.Line outer = blame.get("profile.Outer");
    assertTrue(outer.exclusiveMs() >= 395, "untimed Inner counts as Outer's own: " + outer);
    assertEquals(blame, BlameLines.parse(Files.readString(out)),
        "profile.out must hold the same list");
  }

  @Test
  void aLinkPlantedAtProfileOutIsReplacedNotWrittenThrough(@TempDir Path dir) throws Exception {
    Path victim = Files.writeString(dir.resolve("shadow"), "precious\n");
    Path out = Files.createSymbolicLink(dir.resolve("blame.txt"), victim);
    ForkedJvm.Result result = app("current").agent("profile,profile.top=3,profile.out=" + out)
        .run();

    assertEquals(0, result.exitCode(), result.describe());
    assertEquals("precious\n", Files.readString(victim), "written through the link");
    assertFalse(Files.isSymbolicLink(out));
    assertEquals(BlameLines.parse(result.stderr()), BlameLines.parse(Files.readString(out)));
  }

  @Test
  void profileOutInADirectoryOthersCanWriteStopsTheJvmBeforeMain(@TempDir Path dir)
      throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path out = shared.resolve("blame.txt");
    ForkedJvm.Result result = app("current").agent("profile,profile.out=" + out).run();

    assertEquals(1, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("initcall4j: option 'profile.out=" + out + "':"
        + " profile.out's directory " + shared + " is writable by others (rwxrwxrwx), who could"
        + " plant links in it; give profile.out a file in a directory of your own that only you"
        + " can write"), result.describe());
    assertFalse(result.stdout().contains("outer="), "stopped before main: " + result.describe());
    assertFalse(Files.exists(out));
  }

  @Test
  void withJmxOnTheMBeanShowsTheProfileWhileTheJvmRuns() throws Exception {
    // without initcalls the MBean is there only when asked for: jmx=on, or the CLI later
    ForkedJvm.Result result = ForkedJvm.current().classPath(TestApps.jar("profile"))
        .jvmArg("-Xlog:class+load=info").agent("profile,jmx=on,profile.top=3")
        .main("profile.Main", "jmx").run();

    assertEquals(0, result.exitCode(), result.describe());
    assertFalse(result.stdout().contains("org.initcall4j.agent.control.ControlFiles "),
        "jmx=on alone makes no control directory");
    List<String> rows = result.stdoutLines().stream().filter(l -> l.startsWith("jmx ")).toList();
    assertTrue(rows.size() >= 8, "every timed class is a row, not just the top 3\n"
        + result.describe());
    assertTrue(rows.get(0).matches("jmx 1 profile\\.(Inner|Outer) .*"), "slowest first: " + rows);
    assertTrue(rows.stream().anyMatch(l -> l.matches(
        "jmx [12] profile\\.Inner excl=\\d{3}\\.\\d+ in=profile\\.Outer failed=false")),
        "Inner with its nesting: " + rows);
    assertTrue(rows.stream().anyMatch(l -> l.startsWith("jmx profile: initcall4j profile: ")
        && l.endsWith("; slowest 3:")), "the Profile attribute is the blame list: " + rows);
    assertTrue(rows.stream().anyMatch(l -> l.matches("jmx \\d+ profile\\.Broken .* failed=true")),
        rows.toString());
  }

  @Test
  void badProfileOptionsStopTheJvmBeforeMain(@TempDir Path tmp) throws Exception {
    ForkedJvm.Result zero = app("current").agent("profile,profile.top=0").run();
    assertEquals(1, zero.exitCode(), zero.describe());
    assertTrue(zero.stderr().contains("option 'profile.top' must be a whole number"),
        zero.describe());
    assertFalse(zero.stdout().contains("outer="), zero.describe());

    ForkedJvm.Result noFlag = app("current").agent("profile.top=5").run();
    assertEquals(1, noFlag.exitCode(), noFlag.describe());
    assertTrue(noFlag.stderr().contains("add the flag 'profile'"), noFlag.describe());

    ForkedJvm.Result slash = app("current").agent("profile,profile.include=com/acme/*").run();
    assertEquals(1, slash.exitCode(), slash.describe());
    assertTrue(slash.stderr().contains("pattern 'com/acme/*' has '/'"), slash.describe());

    Path missing = tmp.resolve("no-such-dir").resolve("blame.txt");
    ForkedJvm.Result noDir = app("current").agent("profile,profile.out=" + missing).run();
    assertEquals(1, noDir.exitCode(), noDir.describe());
    assertTrue(noDir.stderr().contains("option 'profile.out=" + missing + "': no directory "
        + missing.getParent() + "; give a file in an existing directory"), noDir.describe());
    assertFalse(noDir.stdout().contains("outer="), "stopped before main: " + noDir.describe());
  }
}
