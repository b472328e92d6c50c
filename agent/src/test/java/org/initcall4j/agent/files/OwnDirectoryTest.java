package org.initcall4j.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of a directory the agent writes into, and that after the check every file operation
 * lands in the directory checked. {@code victim} stands in for a directory of the user's that
 * another user would like the agent to write into or clean up: a link to it is planted where the
 * agent works, before the check, between check and open, and after the open.
 */
class OwnDirectoryTest {
  private static final OwnDirectory.Place PLACE = new OwnDirectory.Place("test directory",
      "choose another");

  @TempDir
  Path tmp;

  private Path victim;
  private Path victimFile;

  @BeforeEach
  void victim() throws IOException {
    victim = Files.createDirectory(tmp.resolve("victim"));
    victimFile = Files.writeString(victim.resolve("blame.txt"), "precious\n");
  }

  private Path ownDir(String name) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve(name));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  @Test
  void refusesALinkAFileAndADirectoryOthersCanWrite() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), victim);
    assertEquals("test directory " + link + " is a symbolic link, and initcall4j never follows"
        + " links there; choose another", refused(link));

    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertEquals("test directory " + file + " exists and is not a directory; choose another",
        refused(file));

    Path shared = ownDir("shared");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals("test directory " + shared + " is writable by others (rwxrwxrwx), who could"
        + " plant links in it; choose another", refused(shared));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
    assertTrue(refused(shared).contains("is writable by others (rwxrwx---)"));
  }

  private static String refused(Path dir) {
    return assertThrows(UnsafeDirectoryException.class, () -> OwnDirectory.open(dir, PLACE))
        .getMessage();
  }

  @Test
  void aLinkSwappedInBetweenTheCheckAndTheOpenIsCaught() throws Exception {
    Path dir = ownDir("report");
    UnsafeDirectoryException e = assertThrows(UnsafeDirectoryException.class,
        () -> OwnDirectory.open(dir, PLACE, () -> swapForLink(dir, tmp.resolve("moved"))));
    assertEquals("test directory " + dir + " was replaced (by a link or another directory)"
        + " while it was being opened; choose another", e.getMessage());
    assertEquals(List.of("blame.txt"), names(victim));
  }

  @Test
  void afterTheOpenEveryOperationLandsInTheDirectoryOpenedNotWhereItsPathNowLeads()
      throws Exception {
    Path dir = ownDir("report");
    Path moved = tmp.resolve("moved");
    try (OwnDirectory own = OwnDirectory.open(dir, PLACE)) {
      assertTrue(own.stillAt());
      swapForLink(dir, moved);
      assertFalse(own.stillAt(), "the path now leads elsewhere");

      own.writeAtomically("blame.txt", "report\n", "rw-r--r--");
      assertEquals("precious\n", Files.readString(victimFile), "the victim is untouched");
      assertEquals("report\n", Files.readString(moved.resolve("blame.txt")));
      assertTrue(own.attributes("blame.txt").isRegularFile());
      assertTrue(own.deleteIfExists("blame.txt"));
      assertFalse(own.removeIfEmpty(), "the path is not the directory any more");
      assertEquals(List.of("blame.txt"), names(victim));
      assertTrue(Files.isDirectory(moved, LinkOption.NOFOLLOW_LINKS));
    }
  }

  @Test
  void aLinkPlantedUnderTheNameIsReplacedNotWrittenThrough() throws Exception {
    Path dir = ownDir("report");
    Path planted = Files.createSymbolicLink(dir.resolve("blame.txt"), victimFile);
    try (OwnDirectory own = OwnDirectory.open(dir, PLACE)) {
      own.writeAtomically("blame.txt", "report\n", "rw-r--r--");
    }
    assertEquals("precious\n", Files.readString(victimFile));
    assertFalse(Files.isSymbolicLink(planted));
    assertEquals("report\n", Files.readString(planted));
    assertEquals(List.of("blame.txt"), names(dir), "no temporary file left");
  }

  @Test
  void createMakesTheDirectoryWithItsParentsAndChecksItLikeAnyOther() throws Exception {
    Path dir = tmp.resolve("a").resolve("b");
    try (OwnDirectory own = OwnDirectory.create(dir, "rwxr-x---", PLACE)) {
      assertEquals(dir, own.path());
    }
    String made = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    assertTrue(made.matches("rwx[r-]-[x-]---"), "as asked, less the umask: " + made);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThrows(UnsafeDirectoryException.class,
        () -> OwnDirectory.create(dir, "rwxr-x---", PLACE), "an existing one is checked");
  }

  @Test
  void aUserWithoutANameIsKnownByTheOwnerOfItsProcess() throws Exception {
    Path dir = ownDir("report");
    String name = System.getProperty("user.name");
    // a container's uid without a passwd entry: the JDK sets user.name to "?"
    System.setProperty("user.name", "?");
    try (OwnDirectory own = OwnDirectory.open(dir, PLACE)) {
      assertEquals(dir, own.path());
    } finally {
      System.setProperty("user.name", name);
    }
  }

  @Test
  void aNameWithASeparatorIsRefused() throws Exception {
    try (OwnDirectory own = OwnDirectory.open(ownDir("report"), PLACE)) {
      assertThrows(IllegalArgumentException.class,
          () -> own.writeAtomically("../victim/blame.txt", "x", "rw-------"));
      assertThrows(IllegalArgumentException.class, () -> own.deleteIfExists(".."));
    }
    assertEquals("precious\n", Files.readString(victimFile));
  }

  /** Moves the directory away and puts a link to the victim in its place, as an attacker would. */
  private void swapForLink(Path dir, Path movedTo) {
    try {
      Files.move(dir, movedTo);
      Files.createSymbolicLink(dir, victim);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
