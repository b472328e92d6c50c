package org.initcall4j.agent.control;

import static org.initcall4j.agent.control.ControlApp.awaitFile;
import static org.initcall4j.agent.control.ControlApp.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initcall4j.agent.testing.Await;
import org.initcall4j.agent.testing.Hostile;
import org.initcall4j.agent.testing.RunningJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad writes to a running JVM's control file, each right after the view is back: each
 * is rejected (none lost), and nothing runs.
 */
class ControlFuzzIT {
  private static final int WRITES = 12;

  @TempDir
  Path tmp;

  @Test
  void generatedBadWritesAreEachRejectedAndRunNothing() throws Exception {
    Path dir = tmp.resolve("ctl");
    try (RunningJvm app = ControlApp.start("current", "control=" + dir, tmp)) {
      Path deferred = dir.resolve("deferred_initcalls");
      String pending = awaitFile(deferred, t -> !t.isEmpty(), app);
      int written = 0;
      for (long seed = 1; written < WRITES; seed++) {
        byte[] bytes = ControlCommandFuzzTest.generate(new Hostile(seed));
        if (bytes.length == 0 || accepted(bytes)) {
          continue;
        }
        Files.write(deferred, bytes);
        written++;
        awaitRejections(app, written, seed, deferred);
        awaitFile(deferred, pending::equals, app);
      }
      assertEquals("{storage=1}", counts(app), app.describe());
    }
  }

  private static boolean accepted(byte[] bytes) {
    try {
      ControlCommand.parse(bytes, ControlCommandFuzzTest.KNOWN::contains);
      return true;
    } catch (RejectedInputException e) {
      return false;
    }
  }

  private static void awaitRejections(RunningJvm app, int count, long seed, Path file)
      throws Exception {
    Await.value(count + " rejections (seed " + seed + ")",
        () -> app.stderr().split("rejected a write", -1).length - 1)
        .describing(() -> "the file holds " + show(file) + "\n" + app.describe())
        .until(seen -> seen >= count);
  }

  private static String show(Path file) {
    try {
      return Hostile.show(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
