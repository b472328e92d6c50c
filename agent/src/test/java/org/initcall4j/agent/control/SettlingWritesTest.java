package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a write without a newline counts as a command: on explicit times, no clock. */
class SettlingWritesTest {
  private static final long MS = 1_000_000;
  private static final long SETTLE = 250 * MS;
  private static final Object FILE = "inode 1";
  private static final Object OTHER = "inode 2";

  private final SettlingWrites settling = new SettlingWrites(SETTLE);

  private static ControlFiles.Write write(String text) {
    return new ControlFiles.Write(null, text.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> settled(long at) {
    return settling.settled(at).stream()
        .map(w -> new String(w.bytes(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void theFirstPieceOfALineWaitsAndTheWholeLineIsActedOnAtOnce() {
    assertNull(settling.offer(FILE, write("1"), 0), "printf 1: maybe the start of a line");
    ControlFiles.Write whole = write("1x\n");
    assertSame(whole, settling.offer(FILE, whole, 1 * MS), "printf 'x\\n': the line is whole");
    assertEquals(List.of(), settled(10_000 * MS), "the first piece is never acted on alone");
    assertEquals(-1, settling.nanosToNextSettled(10_000 * MS));
  }

  @Test
  void textWithoutANewlineCountsOnceItHasNotChangedForTheSettleTime() {
    assertNull(settling.offer(FILE, write("us"), 0));
    assertEquals(SETTLE, settling.nanosToNextSettled(0));
    assertNull(settling.offer(FILE, write("usb"), 100 * MS), "it grew: the wait starts again");
    assertEquals(List.of(), settled(349 * MS));
    assertEquals(1 * MS, settling.nanosToNextSettled(349 * MS));
    assertEquals(List.of("usb"), settled(350 * MS));
    assertEquals(List.of(), settled(10_000 * MS), "acted on once");
  }

  @Test
  void textThatAlreadyHasSeveralLinesIsActedOnAtOnce() {
    ControlFiles.Write lines = write("usb\ngall");
    assertSame(lines, settling.offer(FILE, lines, 0), "no later piece makes it one command");
  }

  @Test
  void eachFileSettlesOnItsOwnOldestFirst() {
    assertNull(settling.offer(FILE, write("usb"), 0));
    assertNull(settling.offer(OTHER, write("gallery"), 10 * MS));
    assertEquals(0, settling.nanosToNextSettled(300 * MS));
    assertEquals(List.of("usb", "gallery"), settled(300 * MS));

    assertNull(settling.offer(FILE, write("usb"), 400 * MS));
    assertNull(settling.offer(OTHER, write("1"), 500 * MS));
    assertEquals(List.of("usb"), settled(700 * MS));
    ControlFiles.Write line = write("1\n");
    assertSame(line, settling.offer(OTHER, line, 710 * MS), "the other file's line is whole");
    assertEquals(List.of(), settled(10_000 * MS));
  }
}
