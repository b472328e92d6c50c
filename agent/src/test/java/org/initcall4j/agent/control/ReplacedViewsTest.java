package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
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

  private KnownInode view(String name, String content) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    return KnownInode.holding(FileChannel.open(file, StandardOpenOption.READ), null,
        content.getBytes(StandardCharsets.UTF_8));
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
    assertEquals(0, views.size(), "closed after its last check");
    assertEquals(-1, views.nanosToNextCheck(6_000 * MS));
  }

  @Test
  void aWriteIsCaughtOnceAndATooLargeOneOnceWhileItGrows() throws Exception {
    ReplacedViews views = new ReplacedViews();
    views.add(view("a", "gallery\nusb\n"), 0);
    Files.writeString(tmp.resolve("a"), "1\n");
    List<ReplacedViews.Caught> caught = views.check(10 * MS);
    assertEquals(1, caught.size());
    assertArrayEquals("1\n".getBytes(StandardCharsets.UTF_8), caught.get(0).bytes());
    assertEquals(List.of(), views.check(20 * MS), "the same write is not caught again");

    Files.write(tmp.resolve("a"), new byte[ControlDirectory.MAX_COMMAND_BYTES + 1]);
    caught = views.check(30 * MS);
    assertEquals(1, caught.size());
    assertNull(caught.get(0).bytes());
    assertTrue(caught.get(0).rejection().contains("is too large (at most 1024); it was not read"),
        caught.get(0).rejection());
    Files.write(tmp.resolve("a"), new byte[4096]); // the same write, grown
    assertEquals(List.of(), views.check(40 * MS), "a rejected write is rejected once");
  }

  @Test
  void aBurstOfRenamesChecksTheOldestBeforeClosingIt() throws Exception {
    ReplacedViews views = new ReplacedViews();
    views.add(view("oldest", "usb\n"), 0);
    Files.writeString(tmp.resolve("oldest"), "usb\n1\n");
    for (int i = 1; i <= ReplacedViews.MAX_KEPT; i++) {
      views.add(view("v" + i, "usb\n"), i * MS);
    }
    assertEquals(ReplacedViews.MAX_KEPT, views.size());
    assertEquals(0, views.nanosToNextCheck(20 * MS), "something was caught: act at once");
    List<ReplacedViews.Caught> caught = views.check(20 * MS);
    assertEquals(1, caught.size());
    assertArrayEquals("usb\n1\n".getBytes(StandardCharsets.UTF_8), caught.get(0).bytes());
    views.close();
    assertEquals(0, views.size());
  }
}
