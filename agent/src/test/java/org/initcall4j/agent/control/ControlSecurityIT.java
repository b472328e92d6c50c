package org.initcall4j.agent.control;

import static org.initcall4j.agent.control.ControlApp.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unsafe pre-existing control directory is refused with a clear message: the control
 * directory is off, nothing is written there, and the application runs on.
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
        expected = "is writable by others (rwx---rwx): chmod 700 it";
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

  /** Another user to own a directory; only root can give a file away. */
  private static UserPrincipal otherUser(Path dir) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "only root can make a directory owned by someone else: other-owner case skipped");
    return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
  }
}
