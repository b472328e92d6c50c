package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replaced files' checks, on real files, with the clock passed in (no waiting). */
class ReplacedViewsTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @TempDir
  Path tmp;

  private ControlDirectory dir;

  /** A view published under its own name (letters only), as the agent publishes one. */
  private KnownInode view(String name, String content) throws Exception {
    if (dir == null) {
      dir = ControlDirectory.open(tmp.resolve("ctl"));
    }
    return dir.replaceWatched(name, content, false);
  }

  private void write(String name, byte[] bytes) throws Exception {
    Files.write(dir.path().resolve(name), bytes);
  }

  @Test
  void timedChecksComeAt50And500MsAnd5SThenTheFileIsClosed() throws Exception {
    ReplacedViews views = new ReplacedViews();
    assertEquals(-1, views.nanosToNextCheck(0), "nothing kept: no timed wake-up");
    views.add(view("a", "usb\n"), 1_000 * MS);
    assertEquals(50 * MS, views.nanosToNextCheck(1_000 * MS));
    assertEquals(440 * MS, views.nanosToNextCheck(1_060 * MS));
    assertEquals(4_400 * MS, views.nanosToNextCheck(1_600 * MS));
    assertEquals(List.of(), views.check(1_600 * MS), "unchanged: nothing written");
    assertEquals(1, views.size());
    assertEquals(0, views.nanosToNextCheck(6_000 * MS), "past its last check");
    assertEquals(List.of(), views.check(6_000 * MS));
    assertEquals(0, views.size(), "dropped after its last check");
    assertFalse(Files.exists(dir.path().resolve(".a.1")), "with its hidden name");
    assertEquals(-1, views.nanosToNextCheck(6_000 * MS));
  }

  @Test
  void aWriteIsCaughtOnceAndATooLargeOneOnceWhileItGrows() throws Exception {
    ReplacedViews views = new ReplacedViews();
    views.add(view("a", "gallery\nusb\n"), 0);
    write("a", "1\n".getBytes(StandardCharsets.UTF_8));
    List<ReplacedViews.Caught> caught = views.check(10 * MS);
    assertEquals(1, caught.size());
    assertArrayEquals("1\n".getBytes(StandardCharsets.UTF_8), caught.get(0).bytes());
    assertEquals(List.of(), views.check(20 * MS), "the same write is not caught again");
    write("a", "1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, views.check(25 * MS).size(), "the same text written again is a write");

    write("a", new byte[ControlDirectory.MAX_COMMAND_BYTES + 1]);
    caught = views.check(30 * MS);
    assertEquals(1, caught.size());
    assertNull(caught.get(0).bytes());
    assertTrue(caught.get(0).rejection().contains("is too large (at most 1024); it was not read"),
        caught.get(0).rejection());
    Files.write(dir.path().resolve("a"), new byte[4096], StandardOpenOption.APPEND); // grown
    assertEquals(List.of(), views.check(40 * MS), "a rejected write is rejected once");
  }

  @Test
  void aBurstOfRenamesChecksTheOldestBeforeClosingIt() throws Exception {
    ReplacedViews views = new ReplacedViews();
    views.add(view("oldest", "usb\n"), 0);
    write("oldest", "usb\n1\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i <= ReplacedViews.MAX_KEPT; i++) {
      views.add(view("view" + (char) ('a' + i), "usb\n"), i * MS);
    }
    assertEquals(ReplacedViews.MAX_KEPT, views.size());
    assertEquals(0, views.nanosToNextCheck(20 * MS), "something was caught: act at once");
    List<ReplacedViews.Caught> caught = views.check(20 * MS);
    assertEquals(1, caught.size());
    assertArrayEquals("usb\n1\n".getBytes(StandardCharsets.UTF_8), caught.get(0).bytes());
    views.close();
    assertEquals(0, views.size());
    try (var left = Files.list(dir.path())) {
      assertEquals(0, left.filter(f -> f.getFileName().toString().startsWith(".")).count(),
          "every hidden name is dropped");
    }
  }
}
