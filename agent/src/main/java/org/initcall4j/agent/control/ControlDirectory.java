package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The control directory on disk, handled as untrusted ground: created owner-only (0700), an
 * existing one accepted only if it is a real directory of this user that nobody else can write,
 * symbolic links never followed, files replaced atomically (write a temporary file, rename) so a
 * reader never sees half a table, and reads bounded so a huge write cannot exhaust memory.
 */
final class ControlDirectory {
  /** The most a command can be; anything longer is rejected unread. */
  static final int MAX_COMMAND_BYTES = 1024;

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final Path path;
  private final boolean created;

  private ControlDirectory(Path path, boolean created) {
    this.path = path;
    this.created = created;
  }

  /** Creates the directory (0700), or checks that an existing one is safe to use. */
  static ControlDirectory open(Path dir) throws ControlDirectoryException {
    boolean created;
    try {
      Files.createDirectory(dir, OWNER_ONLY_DIR);
      created = true;
    } catch (FileAlreadyExistsException e) {
      created = false;
    } catch (NoSuchFileException e) {
      throw new ControlDirectoryException("control directory " + dir + " cannot be created: its"
          + " parent does not exist; create the parent or choose another control=DIR");
    } catch (UnsupportedOperationException e) {
      throw new ControlDirectoryException("control directory " + dir + " is on a file system"
          + " without POSIX permissions, so it cannot be made owner-only; choose another"
          + " control=DIR or control=off");
    } catch (IOException e) {
      throw new ControlDirectoryException("control directory " + dir + " cannot be created: "
          + e + "; choose another control=DIR or control=off");
    }
    checkSafe(dir);
    return new ControlDirectory(dir, created);
  }

  /** Refuses a link, a non-directory, another user's directory, or one others can write. */
  private static void checkSafe(Path dir) throws ControlDirectoryException {
    String fix = ": remove it or choose another control=DIR";
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dir, PosixFileAttributes.class, NOFOLLOW);
    } catch (IOException e) {
      throw new ControlDirectoryException("control directory " + dir + " cannot be read: " + e
          + fix);
    }
    if (attributes.isSymbolicLink()) {
      throw new ControlDirectoryException("control directory " + dir + " is a symbolic link,"
          + " and initcall4j never follows links there" + fix);
    }
    if (!attributes.isDirectory()) {
      throw new ControlDirectoryException("control directory " + dir + " exists and is not a"
          + " directory" + fix);
    }
    UserPrincipal me = currentUser(dir);
    if (!attributes.owner().equals(me)) {
      throw new ControlDirectoryException("control directory " + dir + " belongs to "
          + attributes.owner().getName() + ", not to " + me.getName()
          + " who runs this JVM" + fix);
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new ControlDirectoryException("control directory " + dir + " is writable by others ("
          + PosixFilePermissions.toString(permissions) + "): chmod 700 it, remove it or choose"
          + " another control=DIR");
    }
  }

  private static UserPrincipal currentUser(Path dir) throws ControlDirectoryException {
    String name = System.getProperty("user.name");
    try {
      return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
    } catch (IOException e) {
      throw new ControlDirectoryException("cannot look up the user '" + name + "' to check the"
          + " owner of control directory " + dir + ": " + e);
    }
  }

  Path path() {
    return path;
  }

  /** True when this JVM created the directory (then it removes it at exit). */
  boolean created() {
    return created;
  }

  /**
   * Replaces a file atomically: readers see the old or the new content, never a mix. The new file
   * comes back open, so that a write into it can be found even after it is replaced in turn.
   *
   * @param permissions e.g. {@code rw-------}
   * @param existing false when the name was free: then a file someone created there meanwhile
   *     is left alone
   * @return the file written, or null when it was not published (the name was taken meanwhile)
   */
  Written replace(String name, String content, String permissions, boolean existing)
      throws IOException {
    Path target = path.resolve(name);
    Path temporary = path.resolve("." + name + ".tmp");
    Files.deleteIfExists(temporary);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    // created here (O_EXCL, no link followed), so the kept channel is surely on our own file
    FileChannel out = FileChannel.open(temporary,
        Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE, NOFOLLOW),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      // Who the file is, taken before the rename (which keeps inode, size and time): taken after,
      // it would claim as ours a command an operator wrote in between, and that write would be
      // lost.
      FileIdentity written = identity("." + name + ".tmp");
      if (existing) {
        moveOver(temporary, target);
      } else if (!publishAsNew(temporary, target)) {
        out.close();
        return null;
      }
      return new Written(written, KnownInode.holding(out,
          written == null ? null : written.fileKey(), bytes));
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void moveOver(Path temporary, Path target) throws IOException {
    // rename(2) replaces whatever the target is, a link included, without following it
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Gives the file a free name: link(2) fails on an existing name, where rename(2) would replace,
   * say, the file of an operator's {@code rm} then {@code echo 1 >}, and the write about to land
   * in it.
   *
   * @return false when the name was taken meanwhile; that file is left to the watcher
   */
  private static boolean publishAsNew(Path temporary, Path target) throws IOException {
    try {
      Files.createLink(target, temporary);
    } catch (FileAlreadyExistsException e) {
      Files.delete(temporary);
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      moveOver(temporary, target); // no hard links on this file system
      return true;
    }
    Files.delete(temporary);
    return true;
  }

  /** A file just written: who it is, and the file itself, still open. */
  record Written(FileIdentity identity, KnownInode inode) {}

  /** Who a file is now (inode, size, time), or null when it is missing. */
  FileIdentity identity(String name) {
    try {
      BasicFileAttributes a = Files.readAttributes(path.resolve(name), BasicFileAttributes.class,
          NOFOLLOW);
      return new FileIdentity(a.fileKey(), a.size(), a.lastModifiedTime(), a.isRegularFile());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Reads what an operator wrote, refusing links, special files and anything over
   * {@link #MAX_COMMAND_BYTES} without reading it all.
   */
  byte[] readCommand(String name) throws RejectedInputException, IOException {
    try (KnownInode file = openRegular(name)) {
      return file.newWrite();
    }
  }

  /** Opens a regular file for reading, refusing links and special files. */
  KnownInode openRegular(String name) throws RejectedInputException, IOException {
    Path file = path.resolve(name);
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
        NOFOLLOW);
    if (!attributes.isRegularFile()) {
      throw new RejectedInputException(name + " is not a regular file (a link, pipe or"
          + " directory); remove it, initcall4j recreates it");
    }
    return new KnownInode(FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW),
        attributes.fileKey());
  }

  static String tooLarge(long size) {
    return "a write of " + size + " bytes is too large (at most " + MAX_COMMAND_BYTES
        + "); it was not read";
  }

  /** Deletes the named files, and the directory itself when this JVM created it. */
  void remove(Iterable<String> names) {
    try {
      for (String name : names) {
        Files.deleteIfExists(path.resolve(name));
        Files.deleteIfExists(path.resolve("." + name + ".tmp"));
      }
      if (created) {
        // whatever else an operator left there goes too: the directory was this JVM's own
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(path)) {
          for (Path leftover : rest) {
            if (!Files.isDirectory(leftover, NOFOLLOW)) {
              Files.deleteIfExists(leftover);
            }
          }
        }
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("initcall4j: could not remove control directory " + path + ": " + e);
    }
  }

  /** Enough of a file's identity to tell our own last write from someone else's. */
  record FileIdentity(Object fileKey, long size, FileTime modified, boolean regular) {}
}
