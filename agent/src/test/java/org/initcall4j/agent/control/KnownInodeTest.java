package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write is known by the file's change, not by its content: real files, each write made the way
 * a shell's {@code >} makes it (truncate, then write), checked right after it, so two writes
 * usually fall in the same tick of the file system's clock.
 */
class KnownInodeTest {
  @TempDir
  Path tmp;

  private ControlDirectory dir;
  private Path file;

  @BeforeEach
  void publish() throws Exception {
    dir = ControlDirectory.open(tmp.resolve("ctl"));
    file = dir.path().resolve(ControlFiles.DEFERRED);
  }

  private KnownInode view(String content) throws IOException {
    return dir.replaceWatched(ControlFiles.DEFERRED, content, Files.exists(file));
  }

  @Test
  void theViewsOwnTextWrittenBackIsAWriteAndSoIsEachRepeat() throws Exception {
    KnownInode usb = view("usb\n");
    assertNull(usb.newWrite(), "nothing written since it was published");
    for (int i = 1; i <= 5; i++) {
      write(file, "usb\n");
      assertEquals("usb\n", text(usb.newWrite()), "write " + i + " of the view's own text");
      assertNull(usb.newWrite(), "write " + i + " is found once");
    }
  }

  @Test
  void oneTwiceInARowIsTwoWrites() throws Exception {
    KnownInode empty = view("");
    write(file, "1\n");
    assertEquals("1\n", text(empty.newWrite()));
    write(file, "1\n");
    assertEquals("1\n", text(empty.newWrite()), "the same command again, same size and text");
    assertNull(empty.newWrite());
  }

  @Test
  void aTruncationAloneIsNoWriteYetAndItsWriteIsFoundOnce() throws Exception {
    KnownInode usb = view("usb\n");
    try (FileChannel shell = FileChannel.open(file, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      assertNull(usb.newWrite(), "truncated, the write still to come");
      shell.write(ByteBuffer.wrap("usb\n".getBytes(StandardCharsets.UTF_8)));
    }
    assertEquals("usb\n", text(usb.newWrite()));
    assertNull(usb.newWrite());
  }

  @Test
  void aChangeOfPermissionsIsNoWriteButATouchIsOneOfWhatTheFileHolds() throws Exception {
    KnownInode usb = view("usb\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertNull(usb.newWrite(), "chmod leaves the modification time");
    // touch sets the modification time as a write does: a file cannot tell them apart
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    assertEquals("usb\n", text(usb.newWrite()));
  }

  @Test
  void aWriteIntoAReplacedFileIsFoundThroughItsHiddenName() throws Exception {
    KnownInode old = view("usb\ngallery\n");
    try (FileChannel operator = FileChannel.open(file, StandardOpenOption.WRITE)) {
      KnownInode fresh = view("gallery\n"); // renamed over the file the operator has open
      operator.truncate(0);
      operator.write(ByteBuffer.wrap("usb\n".getBytes(StandardCharsets.UTF_8)));
      assertNull(fresh.newWrite(), "the fresh view was not written");
      assertEquals("usb\n", text(old.newWrite()));
      operator.truncate(0);
      operator.write(ByteBuffer.wrap("usb\n".getBytes(StandardCharsets.UTF_8)), 0);
      assertEquals("usb\n", text(old.newWrite()), "and the same write again");
    }
    old.close();
    assertThrows(IOException.class, old::newWrite, "closed: its hidden name is gone");
  }

  @Test
  void aTooLargeWriteIsRejectedOnceWhileItGrowsAndUnread() throws Exception {
    KnownInode usb = view("usb\n");
    Files.write(file, new byte[ControlDirectory.MAX_COMMAND_BYTES + 1]);
    RejectedInputException rejected = assertThrows(RejectedInputException.class, usb::newWrite);
    assertTrue(rejected.getMessage().contains("1025 bytes is too large"), rejected.getMessage());
    Files.write(file, new byte[8192], StandardOpenOption.APPEND);
    assertNull(usb.newWrite(), "more of the same write");
    write(file, "usb\n");
    assertEquals("usb\n", text(usb.newWrite()), "a command after it is read again");
  }

  /** Writes as a shell's {@code >} does: truncate, then write. */
  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
