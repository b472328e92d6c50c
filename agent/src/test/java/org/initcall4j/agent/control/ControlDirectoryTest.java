package org.initcall4j.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a view: over our own file by rename, under a free name never over a newcomer. */
class ControlDirectoryTest {
  @TempDir
  Path tmp;

  @Test
  void aFreeNameTakenMeanwhileIsLeftToWhoeverTookIt() throws Exception {
    ControlDirectory dir = ControlDirectory.open(tmp.resolve("ctl"));
    Path file = dir.path().resolve(ControlFiles.DEFERRED);
    // as if an operator's `rm` then `echo 1 >` created it after the name was found free
    Files.writeString(file, "1\n");
    assertNull(dir.replace(ControlFiles.DEFERRED, "usb\n", "rw-------", false));
    assertEquals("1\n", Files.readString(file), "the operator's file is untouched");
    assertFalse(Files.exists(dir.path().resolve(".deferred_initcalls.tmp"),
        LinkOption.NOFOLLOW_LINKS), "no temporary file is left behind");
  }

  @Test
  void aFreeNameGetsTheViewAndAnExistingOneIsReplaced() throws Exception {
    ControlDirectory dir = ControlDirectory.open(tmp.resolve("ctl"));
    Path file = dir.path().resolve(ControlFiles.DEFERRED);
    ControlDirectory.Written first = dir.replace(ControlFiles.DEFERRED, "usb\n", "rw-------",
        false);
    assertNotNull(first);
    first.inode().close();
    assertEquals("usb\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
    assertEquals(first.identity(), dir.identity(ControlFiles.DEFERRED));

    ControlDirectory.Written second = dir.replace(ControlFiles.DEFERRED, "", "rw-------", true);
    assertNotNull(second);
    second.inode().close();
    assertEquals("", Files.readString(file));
    assertEquals(second.identity(), dir.identity(ControlFiles.DEFERRED));
    try (var names = Files.list(dir.path())) {
      assertEquals(1, names.count(), "only the file itself, no temporary one");
    }
  }
}
