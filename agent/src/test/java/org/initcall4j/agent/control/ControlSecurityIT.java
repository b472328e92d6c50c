package org.initcall4j.agent.control;

import static org.initcall4j.agent.control.ControlApp.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.initcall4j.agent.cli.CliIT;
import org.initcall4j.agent.jmx.LocalJmx;
import org.initcall4j.agent.testing.ForkedJvm;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unsafe pre-existing control directory given by control=DIR is refused with a clear message:
 * the control directory is off, nothing is written there, and the application runs on. The
 * default name, taken first by someone else, is given up for a fresh one. A directory swapped for
 * a link while the JVM runs is not cleaned up through the link.
 */
class ControlSecurityIT {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"world-writable", "group-writable", "symlink", "other-owner", "file"})
  void refusesAnUnsafeDirectoryAndTheAppRunsOn(String kind) throws Exception {
    Path dir = tmp.resolve("ctl");
    Path looked = dir; // where nothing may be written
    String expected;
    switch (kind) {
      case "world-writable" -> {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx---rwx"));
        expected = "is writable by others (rwx---rwx), who could plant links in it; use a"
            + " directory of your own that only you can write (mkdir -m 700), or another"
            + " control=DIR";
      }
      case "group-writable" -> {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
        expected = "is writable by others (rwxrwx---)";
      }
      case "symlink" -> {
        looked = Files.createDirectory(tmp.resolve("target"));
        Files.setPosixFilePermissions(looked, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(dir, looked);
        expected = "is a symbolic link, and initcall4j never follows links there";
      }
      case "other-owner" -> {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        UserPrincipal nobody = otherUser(dir);
        Files.setOwner(dir, nobody);
        expected = "belongs to " + nobody.getName() + ", not to " + System.getProperty("user.name");
      }
      default -> {
        Files.writeString(dir, "not a directory");
        expected = "exists and is not a directory";
      }
    }
    try (RunningJvm app = ControlApp.start("current", "control=" + dir, tmp)) {
      app.awaitStderr("; the control directory is off, the application runs on", 10_000);
      assertTrue(app.stderr().contains("initcall4j: control directory " + dir + " "),
          app.describe());
      assertTrue(app.stderr().contains(expected), app.describe());
      if (Files.isDirectory(looked)) {
        try (Stream<Path> files = Files.list(looked)) {
          assertEquals(0, files.count(), "nothing may be written in a refused directory");
        }
      }
      assertEquals("{storage=1}", counts(app));
      ControlApp.send(app, "flush");
      app.awaitStdout("api flush ran 3", 10_000); // printer fails
    }
  }

  /**
   * Another user made {@code <tmp>/initcall4j-<pid>} before the JVM started (a pid is easy to
   * guess): standing in for theirs, a directory others can write, or a link to one of ours. The
   * script creates it under the pid the JVM is about to have, then execs java in its place.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mkdir -m 777 \"$d/initcall4j-$$\"",
      "ln -s \"$d/elsewhere\" \"$d/initcall4j-$$\""})
  void aTakenDefaultNameGetsAFreshUnpredictableOneThatIsPublished(String squat)
      throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    ForkedJvm jvm = ControlApp.jvm("current", "", tmp)
        .launcher("sh", "-c", "d=$1; shift; " + squat + " && exec \"$@\"", "sh", tmp.toString());
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout("app up", 20_000);
      Path usual = tmp.resolve("initcall4j-" + app.pid());
      app.awaitStderr("instead of the usual one: control directory " + usual + " is ", 10_000);
      Matcher said = Pattern.compile("initcall4j: the control directory is (\\S+) \\(java -jar"
          + " initcall-agent.jar status " + app.pid() + " shows it\\) instead of the usual one")
          .matcher(app.stderr());
      assertTrue(said.find(), app.describe());
      Path fresh = Path.of(said.group(1));
      assertTrue(fresh.getFileName().toString().matches("initcall4j-" + app.pid() + "-\\d+"),
          fresh.toString());
      assertEquals(tmp, fresh.getParent());
      assertEquals("rwx------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(fresh, LinkOption.NOFOLLOW_LINKS)));

      Path deferred = fresh.resolve("deferred_initcalls");
      ControlApp.awaitFile(deferred, "network\nusb\ngallery\nprinter\n"::equals, app);
      ControlApp.write(deferred, "usb\n");
      app.awaitStdout("init usb #1", 10_000);
      try (LocalJmx jmx = LocalJmx.connect(app.pid())) {
        jmx.awaitRegistered();
        assertEquals(fresh.toString(), jmx.get("ControlDirectory"));
      }
      ForkedJvm.Result status = CliIT.cli("current", "status", Long.toString(app.pid()));
      assertTrue(status.stdout().contains("  control directory: " + fresh + "\n"),
          status.describe());

      ControlApp.exit(app);
      assertFalse(Files.exists(fresh, LinkOption.NOFOLLOW_LINKS), "removed at exit");
      assertTrue(Files.exists(usual, LinkOption.NOFOLLOW_LINKS), "the squatter's is left alone");
      assertEquals(List.of(), names(elsewhere));
    }
  }

  @Test
  void withJmxOffTheToolNamesTheDirectoryWhereverItIs() throws Exception {
    ForkedJvm jvm = ControlApp.jvm("current", "jmx=off", tmp).launcher("sh", "-c",
        "d=$1; shift; mkdir -m 777 \"$d/initcall4j-$$\" && exec \"$@\"", "sh", tmp.toString());
    try (RunningJvm app = jvm.start()) {
      app.awaitStdout("app up", 20_000);
      app.awaitStderr("instead of the usual one", 10_000);
      String pid = Long.toString(app.pid());
      ForkedJvm.Result status = CliIT.cli("current", "status", pid);
      assertEquals(1, status.exitCode(), status.describe());
      assertTrue(status.stderr().matches("(?s)initcall4j: the initcall4j agent in JVM " + pid
          + " runs with jmx=off, so it has no MBean; use its control directory "
          + Pattern.quote(tmp.resolve("initcall4j-" + pid).toString()) + "-\\d+ .*"),
          status.describe());
    }
  }

  /**
   * Another user who can write the control directory's parent (here the test, in a parent of its
   * own) moves it away while the JVM runs and puts a link to a directory of ours in its place:
   * the exit clean-up must not delete anything there, not even files with the agent's names.
   */
  @Test
  void aDirectorySwappedForALinkWhileTheJvmRunsIsNotCleanedUpThroughTheLink() throws Exception {
    Path dir = tmp.resolve("ctl");
    Path victim = Files.createDirectory(tmp.resolve("victim"));
    List<String> precious = List.of("deferred_initcalls", "initcalls", "last_error",
        "thesis.tex");
    for (String name : precious) {
      Files.writeString(victim.resolve(name), "precious");
    }
    try (RunningJvm app = ControlApp.start("current", "control=" + dir, tmp)) {
      ControlApp.awaitFile(dir.resolve("deferred_initcalls"), t -> !t.isEmpty(), app);
      Path moved = tmp.resolve("moved");
      Files.move(dir, moved);
      Files.createSymbolicLink(dir, victim);

      ControlApp.exit(app);
      assertEquals(precious, names(victim), app.describe());
      for (String name : precious) {
        assertEquals("precious", Files.readString(victim.resolve(name)));
      }
      assertEquals(List.of(), names(moved), "the agent's files went from the directory it had"
          + " opened\n" + app.describe());
      assertTrue(app.stderr().contains("initcall4j: control directory " + dir + " was moved or"
          + " replaced (by a link or another directory) while this JVM ran"), app.describe());
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** Another user to own a directory; only root can give a file away. */
  private static UserPrincipal otherUser(Path dir) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "only root can make a directory owned by someone else: other-owner case skipped");
    return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
  }
}
