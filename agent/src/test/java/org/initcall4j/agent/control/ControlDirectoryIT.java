package org.initcall4j.agent.control;

import static org.initcall4j.agent.control.ControlApp.awaitFile;
import static org.initcall4j.agent.control.ControlApp.counts;
import static org.initcall4j.agent.control.ControlApp.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.initcall4j.agent.testing.OnEachJdk;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control directory in a real JVM: views, triggers, rejected input, clean-up at exit. */
class ControlDirectoryIT {
  private static final String ALL_PENDING = "network\nusb\ngallery\nprinter\n";

  @TempDir
  Path tmp;

  @Test
  void defaultDirectoryIsOwnerOnlyAndOneFlushesEverythingOnce() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "debug", tmp)) {
      Path dir = tmp.resolve("initcall4j-" + app.pid());
      Path deferred = dir.resolve("deferred_initcalls");
      assertEquals(ALL_PENDING, awaitFile(deferred, ALL_PENDING::equals, app));
      assertEquals("rwx------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)));
      String table = Files.readString(dir.resolve("initcalls"));
      assertTrue(table.matches("(?s)NAME +LEVEL +STATE +START_MS +DURATION_MS +THREAD +DETAIL\n"
          + "storage +FS +done +[0-9.]+ +[0-9.]+ +main\n.*usb +DEVICE +deferred +- +- +-\n.*"),
          table);
      assertEquals("", Files.readString(dir.resolve("last_error")));

      long written = System.nanoTime();
      write(deferred, "1\n");
      app.awaitStdout("init usb #1", 10_000);
      // loose, a bound for a busy machine, not a measure (ControlReactionBenchmark measures it)
      long millis = (System.nanoTime() - written) / 1_000_000;
      assertTrue(millis < 5_000, "took " + millis + " ms\n" + app.describe());
      app.awaitStdout("init printer #1", 10_000);

      assertEquals("", awaitFile(deferred, String::isEmpty, app));
      awaitFile(dir.resolve("initcalls"),
          t -> t.matches("(?s).*\ngallery +LATE +done +[0-9.]+ +[0-9.]+"
              + " +initcall4j-control-flush\nprinter +LATE +failed +[0-9.]+ +[0-9.]+"
              + " +initcall4j-control-flush +java.lang.IllegalStateException: out of paper\n"),
          app);
      assertTrue(app.stderr().contains("initcall4j: control: flush all requested in " + deferred),
          app.describe());
      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}", counts(app));

      write(deferred, "1\n");
      try {
        app.awaitStderr("flush all: nothing left to run", 30_000);
      } catch (AssertionError e) {
        Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
            .toString(), Long.toString(app.pid()), "Thread.print").redirectErrorStream(true).start();
        throw new AssertionError(e.getMessage() + "\nfile: '" + Files.readString(deferred)
            + "'\nthreads:\n" + new String(dump.getInputStream().readAllBytes()), e);
      }
      ControlApp.exit(app);
      assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS), "removed at exit");
    }
  }

  @Test
  void aNameFlushesThatInitcallAndWhatItNeedsInAGivenDirectory() throws Exception {
    Path dir = tmp.resolve("ctl");
    try (RunningJvm app = ControlApp.start("current", "control=" + dir, tmp)) {
      Path deferred = dir.resolve("deferred_initcalls");
      awaitFile(deferred, ALL_PENDING::equals, app);
      write(deferred, "gallery");
      app.awaitStdout("init gallery #1", 10_000);
      assertEquals("network\nprinter\n", awaitFile(deferred, "network\nprinter\n"::equals, app));
      assertEquals("{gallery=1, storage=1, usb=1}", counts(app));
      ControlApp.exit(app);
      assertFalse(Files.exists(dir), "a directory the JVM created is removed at exit");
    }
  }

  @OnEachJdk
  void echoOfTheNameTheFileHoldsFlushesItEveryTimeAndSoDoesOneTwice(String jdk) throws Exception {
    Path dir = tmp.resolve("ctl");
    try (RunningJvm app = ControlApp.start(jdk, "control=" + dir, tmp)) {
      Path deferred = dir.resolve("deferred_initcalls");
      awaitFile(deferred, ALL_PENDING::equals, app);
      write(deferred, "gallery\n");
      app.awaitStdout("init gallery #1", 10_000);
      write(deferred, "network\n");
      app.awaitStdout("init network #1", 10_000);
      awaitFile(deferred, "printer\n"::equals, app);

      // the file holds the one name left, and the operator writes it: first opened without
      // truncation (1<>), so the file never holds anything else, then as usual, four times more
      shell("echo printer 1<>\"$1\"", deferred);
      app.awaitStderr("initcall4j: control: flush printer requested in " + deferred, 1, 10_000);
      for (int i = 2; i <= 5; i++) {
        shell("echo printer > \"$1\"", deferred);
        app.awaitStderr("initcall4j: control: flush printer requested in " + deferred, i, 10_000);
      }
      shell("echo 1 > \"$1\"", deferred);
      app.awaitStderr("initcall4j: control: flush all requested in " + deferred, 1, 10_000);
      shell("echo 1 > \"$1\"", deferred);
      app.awaitStderr("initcall4j: control: flush all requested in " + deferred, 2, 10_000);
      assertEquals("{gallery=1, network=1, printer=1, storage=1, usb=1}", counts(app),
          "each initcall ran once, however often it was asked for");
      ControlApp.exit(app);
      assertFalse(Files.exists(dir), "removed at exit, hidden names and all");
    }
  }

  @Test
  void aFlushWhoseInitcallFailsSaysSoInLastErrorWithTheError() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "", tmp)) {
      Path dir = tmp.resolve("initcall4j-" + app.pid());
      Path deferred = dir.resolve("deferred_initcalls");
      awaitFile(deferred, ALL_PENDING::equals, app);
      write(deferred, "printer\n");
      String error = awaitFile(dir.resolve("last_error"), e -> !e.isEmpty(), app);
      assertEquals("initcall4j: control: flush printer requested in " + deferred + ": 0 of 1"
          + " initcalls succeeded; printer failed: java.lang.IllegalStateException: out of"
          + " paper\n", error);
      awaitFile(dir.resolve("initcalls"), t -> t.matches("(?s).*\nprinter +LATE +failed .*"
          + " +java.lang.IllegalStateException: out of paper\n"), app);
      write(deferred, "gallery\n");
      app.awaitStdout("init gallery #1", 10_000);
      awaitFile(deferred, "network\n"::equals, app);
      assertEquals(error, Files.readString(dir.resolve("last_error")),
          "a flush that went well leaves the last error as it was");
    }
  }

  /** Runs a shell command line with the file as $1, as an operator would type it. */
  private static void shell(String command, Path file) throws Exception {
    Process sh = new ProcessBuilder("sh", "-c", command, "sh", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, sh.waitFor(), command + ": " + output);
  }

  @Test
  void viewsAKilledJvmLeftInAGivenDirectoryAreReplacedAtStart() throws Exception {
    Path dir = tmp.resolve("ctl");
    Files.createDirectory(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path deferred = dir.resolve("deferred_initcalls");
    Files.writeString(deferred, "camera\nlens\n");
    Files.writeString(dir.resolve("last_error"), "an old error\n");
    try (RunningJvm app = ControlApp.start("current", "control=" + dir, tmp)) {
      assertEquals(ALL_PENDING, awaitFile(deferred, ALL_PENDING::equals, app));
      assertEquals("", awaitFile(dir.resolve("last_error"), String::isEmpty, app));
      assertEquals("{storage=1}", counts(app), "a stale view is no command");
      ControlApp.exit(app);
      assertTrue(Files.isDirectory(dir), "a directory the JVM did not create stays");
      try (var left = Files.list(dir)) {
        assertEquals(0, left.count(), "its files go at exit");
      }
    }
  }

  @Test
  void rejectedWritesRunNothingAndAreReportedOnOneLine() throws Exception {
    try (RunningJvm app = ControlApp.start("current", "", tmp)) {
      Path dir = tmp.resolve("initcall4j-" + app.pid());
      Path deferred = dir.resolve("deferred_initcalls");
      Path lastError = dir.resolve("last_error");
      awaitFile(deferred, ALL_PENDING::equals, app);
      byte[] huge = new byte[8 * 1024 * 1024];
      Arrays.fill(huge, (byte) '1');

      Object[][] cases = {
          {"2\n", "no initcall named '2'"},
          {"rm -rf /\n", "'rm -rf /' is neither 1 nor an initcall name"},
          {"nosuch\n", "no initcall named 'nosuch'; write 1"},
          {"usv\n", "no initcall named 'usv'; did you mean 'usb'?; write 1"},
          {"usb\ngallery\n", "has more than one line"},
          {"  \n", "a blank line is not a command"},
          {new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}, "is not UTF-8 text"},
          // read while it is being written, so the size seen varies
          {huge, " bytes is too large (at most 1024); it was not read"},
      };
      int rejected = 0;
      for (Object[] c : cases) {
        byte[] bytes = c[0] instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
            : (byte[]) c[0];
        Files.write(deferred, bytes);
        rejected++;
        app.awaitStderr("rejected a write", rejected, 10_000);
        String expected = (String) c[1];
        String error = awaitFile(lastError, e -> e.contains(expected), app);
        assertTrue(error.startsWith("initcall4j: control: rejected a write to " + deferred),
            error);
        assertEquals(1, error.lines().count(), error);
        // the view comes back, with nothing run
        awaitFile(deferred, ALL_PENDING::equals, app);
      }

      write(dir.resolve("initcalls"), "1\n");
      awaitFile(lastError, e -> e.contains("initcalls is read-only"), app);
      write(dir.resolve("flush"), "1\n");
      awaitFile(lastError, e -> e.contains("flush: unknown file"), app);
      Path elsewhere = tmp.resolve("command");
      write(elsewhere, "1\n");
      Files.delete(deferred);
      Files.createSymbolicLink(deferred, elsewhere);
      awaitFile(lastError, e -> e.contains("deferred_initcalls is not a regular file"), app);
      awaitFile(deferred, ALL_PENDING::equals, app);
      assertFalse(Files.isSymbolicLink(deferred), "the link is replaced, never followed");

      assertEquals("{storage=1}", counts(app), app.describe());
      // still listening after all that
      write(deferred, "network\n");
      app.awaitStdout("init network #1", 10_000);
    }
  }
}
