package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a view: over our own file by rename, under a free name never over a newcomer;
 * deferred_initcalls marked as not written and reachable by a hidden name; clean-up.
 */
class ControlDirectoryTest {
  @TempDir
  Path tmp;

  @Test
  void aFreeNameTakenMeanwhileIsLeftToWhoeverTookIt() throws Exception {
    ControlDirectory dir = ControlDirectory.open(tmp.resolve("ctl"));
    Path file = dir.path().resolve(ControlFiles.DEFERRED);
    // as if an operator's `rm` then `echo 1 >` created it after the name was found free
    Files.writeString(file, "1\n");
    assertNull(dir.replaceWatched(ControlFiles.DEFERRED, "usb\n", false));
    assertEquals("1\n", Files.readString(file), "the operator's file is untouched");
    assertEquals(List.of(ControlFiles.DEFERRED), names(dir),
        "no temporary file or hidden name is left behind");
  }

  @Test
  void aFreeNameGetsTheViewAndAnExistingOneIsReplaced() throws Exception {
    ControlDirectory dir = ControlDirectory.open(tmp.resolve("ctl"));
    Path file = dir.path().resolve(ControlFiles.DEFERRED);
    KnownInode first = dir.replaceWatched(ControlFiles.DEFERRED, "usb\n", false);
    assertNotNull(first);
    assertEquals("usb\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
    assertTrue(first.is(dir.identity(ControlFiles.DEFERRED).fileKey()));
    assertEquals(ControlDirectory.UNWRITTEN, dir.identity(ControlFiles.DEFERRED).modified(),
        "published marked as not written");

    KnownInode second = dir.replaceWatched(ControlFiles.DEFERRED, "", true);
    assertNotNull(second);
    assertEquals("", Files.readString(file));
    assertTrue(second.is(dir.identity(ControlFiles.DEFERRED).fileKey()));
    assertEquals(List.of(".deferred_initcalls.1", ".deferred_initcalls.2",
        ControlFiles.DEFERRED), names(dir), "no temporary file; each file its hidden name");
    first.close();
    second.close();
    assertEquals(List.of(ControlFiles.DEFERRED), names(dir), "closing drops the hidden name");
  }

  @Test
  void readOnlyViewsAreReplacedByRenameAndKeepTheirTime() throws Exception {
    ControlDirectory dir = ControlDirectory.open(tmp.resolve("ctl"));
    ControlDirectory.FileIdentity first = dir.replace(ControlFiles.TABLE, "a\n", "r--------",
        false);
    assertEquals(first, dir.identity(ControlFiles.TABLE));
    assertNotEquals(ControlDirectory.UNWRITTEN, first.modified(),
        "the table's time says when it changed");
    ControlDirectory.FileIdentity second = dir.replace(ControlFiles.TABLE, "b\n", "r--------",
        true);
    assertEquals(second, dir.identity(ControlFiles.TABLE));
    assertEquals("b\n", Files.readString(dir.path().resolve(ControlFiles.TABLE)));
    assertEquals(List.of(ControlFiles.TABLE), names(dir));
  }

  @Test
  void removeTakesTheFilesAndEveryHiddenNameEvenOfAKilledJvm() throws Exception {
    Path path = tmp.resolve("ctl");
    ControlDirectory dir = ControlDirectory.open(path);
    dir.replaceWatched(ControlFiles.DEFERRED, "usb\n", false);
    Files.writeString(path.resolve(".deferred_initcalls.41"), "left by a killed JVM");
    Files.writeString(path.resolve(".initcalls.tmp"), "half a table");
    Files.writeString(path.resolve(".keep.me"), "not ours");
    ControlDirectory again = ControlDirectory.open(path);
    assertFalse(again.created());
    again.removeStale(ControlFiles.NAMES);
    assertEquals(List.of(".keep.me"), names(again), "only what is not the agent's stays");
  }

  @Test
  void atExitADirectorySwappedForALinkLosesOnlyTheAgentsOwnFilesAndTheLinkedOneNothing()
      throws Exception {
    Path path = tmp.resolve("ctl");
    ControlDirectory dir = ControlDirectory.open(path);
    dir.replace(ControlFiles.TABLE, "a\n", "r--------", false);
    KnownInode deferred = dir.replaceWatched(ControlFiles.DEFERRED, "usb\n", false);
    // another user who can write the parent moves it away and links a directory of ours there
    Path victim = Files.createDirectory(tmp.resolve("victim"));
    for (String name : List.of(ControlFiles.DEFERRED, ControlFiles.TABLE,
        ".deferred_initcalls.1", "thesis.tex")) {
      Files.writeString(victim.resolve(name), "precious");
    }
    Path moved = tmp.resolve("moved");
    Files.move(path, moved);
    Files.createSymbolicLink(path, victim);

    assertFalse(dir.stillAt());
    deferred.close();
    dir.remove(ControlFiles.NAMES);
    try (Stream<Path> files = Files.list(victim)) {
      assertEquals(4, files.count(), "nothing is deleted where the link leads");
    }
    try (Stream<Path> files = Files.list(moved)) {
      assertEquals(0, files.count(), "the agent's files went from the directory it had opened");
    }
    assertTrue(Files.isSymbolicLink(path));
  }

  @Test
  void atExitAFileTheAgentDidNotMakeStaysAndSoDoesTheDirectoryItCreated() throws Exception {
    Path path = tmp.resolve("ctl");
    ControlDirectory dir = ControlDirectory.open(path);
    assertTrue(dir.created());
    dir.replace(ControlFiles.TABLE, "a\n", "r--------", false);
    Files.writeString(path.resolve("notes.txt"), "an operator's notes");
    dir.remove(ControlFiles.NAMES);
    assertEquals(List.of("notes.txt"), names(path));

    ControlDirectory again = ControlDirectory.open(tmp.resolve("empty"));
    again.replace(ControlFiles.TABLE, "a\n", "r--------", false);
    again.remove(ControlFiles.NAMES);
    assertFalse(Files.exists(tmp.resolve("empty")), "an empty one it created goes");
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> names(ControlDirectory dir) throws Exception {
    try (Stream<Path> files = Files.list(dir.path())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
