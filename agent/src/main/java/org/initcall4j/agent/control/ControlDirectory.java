package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The control directory on disk, handled as untrusted ground: created owner-only (0700), an
 * existing one accepted only if it is a real directory of this user that nobody else can write,
 * symbolic links never followed, files replaced atomically (write a temporary file, rename) so a
 * reader never sees half a table, and reads bounded so a huge write cannot exhaust memory.
 */
final class ControlDirectory {
  /** The most a command can be; anything longer is rejected unread. */
  static final int MAX_COMMAND_BYTES = 1024;

  /**
   * The modification time of a {@code deferred_initcalls} file nobody wrote since the agent last
   * looked. A write to a file, truncation included, sets its modification time to the current
   * time (POSIX {@code write}, {@code ftruncate}, {@code open} with {@code O_TRUNC}), which is
   * never this instant: so a file whose time is not this one has been written, whatever it holds
   * and however coarse the clock. Neither content nor size can tell: {@code usb} is both the view
   * (when usb is the one deferred initcall left) and the command, the same command twice is the
   * same text, and two writes within one tick of the file system clock (4 ms here) leave the same
   * time, so only a time no write can leave marks "not written".
   */
  static final FileTime UNWRITTEN = FileTime.fromMillis(0);

  /** Temporary files ({@code .initcalls.tmp}) and hidden names ({@code .deferred_initcalls.7}). */
  private static final Pattern HIDDEN = Pattern.compile("\\.[a-z_]+\\.(tmp|[0-9]+)");

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final Path path;
  private final boolean created;
  private final AtomicLong hiddenNames = new AtomicLong();
  private volatile boolean noHardLinksSaid;

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
   * Replaces a read-only view atomically: readers see the old or the new content, never a mix.
   *
   * @param permissions e.g. {@code r--------}
   * @param existing false when the name was free: then a file someone created there meanwhile
   *     is left alone
   * @return who the file written is, or null when it was not published (the name was taken)
   */
  FileIdentity replace(String name, String content, String permissions, boolean existing)
      throws IOException {
    Path temporary = writeTemporary(name, content, permissions);
    // Who the file is, taken before the rename (which keeps inode, size and time): taken after,
    // it would claim as ours a write made in between.
    FileIdentity written = identity(temporary.getFileName().toString());
    return publish(temporary, name, existing) ? written : null;
  }

  /**
   * Replaces {@code deferred_initcalls} atomically with a view marked {@link #UNWRITTEN}, and
   * gives the new file a hidden name of its own, so that a write into it can still be found once
   * a later view has taken the public name (see {@link KnownInode}).
   *
   * @return the file written, or null when it was not published (the name was taken meanwhile)
   */
  KnownInode replaceWatched(String name, String content, boolean existing) throws IOException {
    Path temporary = writeTemporary(name, content, "rw-------");
    String hidden = null;
    try {
      markUnwritten(temporary.getFileName().toString()); // after its last write
      Object fileKey = attributes(temporary.getFileName().toString()).fileKey();
      hidden = linkHidden(name, temporary);
      if (!publish(temporary, name, existing)) {
        forget(hidden);
        return null;
      }
      return new KnownInode(this, hidden != null ? hidden : name, fileKey, hidden != null);
    } catch (IOException | RuntimeException e) {
      forget(hidden);
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  /**
   * Starts watching a file someone else put under the name (an operator's {@code rm} then
   * {@code echo 1 >}, or a {@code mv}): it gets a hidden name too, and, never marked, counts as
   * written.
   *
   * @throws RejectedInputException when it is not a regular file (a link, pipe or directory)
   * @throws IOException when it is gone, or was replaced again while it was being linked
   */
  KnownInode watch(String name) throws RejectedInputException, IOException {
    BasicFileAttributes found = attributes(name);
    if (!found.isRegularFile()) {
      throw notRegular(name);
    }
    // link(2) never follows a symbolic link: at worst it links one that replaced the file
    String hidden = linkHidden(name, path.resolve(name));
    if (hidden != null && !Objects.equals(attributes(hidden).fileKey(), found.fileKey())) {
      forget(hidden);
      throw new NoSuchFileException(path.resolve(name).toString(), null,
          "replaced while it was being linked; its own event follows");
    }
    return new KnownInode(this, hidden != null ? hidden : name, found.fileKey(), hidden != null);
  }

  /** Writes the content to a fresh temporary file, created here (O_EXCL, no link followed). */
  private Path writeTemporary(String name, String content, String permissions)
      throws IOException {
    Path temporary = path.resolve("." + name + ".tmp");
    Files.deleteIfExists(temporary);
    try (FileChannel out = FileChannel.open(temporary,
        Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)))) {
      ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
    return temporary;
  }

  /** Gives the temporary file the name; false (temporary file gone) when a free name was taken. */
  private boolean publish(Path temporary, String name, boolean existing) throws IOException {
    Path target = path.resolve(name);
    if (existing) {
      moveOver(temporary, target);
      return true;
    }
    return publishAsNew(temporary, target);
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

  /**
   * A second, hidden name for the file ({@code .deferred_initcalls.<n>}), or null when this file
   * system makes no hard links (said once): then a write that races a rename can be missed.
   */
  private String linkHidden(String name, Path file) throws IOException {
    String hidden = "." + name + "." + hiddenNames.incrementAndGet();
    Path link = path.resolve(hidden);
    try {
      Files.deleteIfExists(link); // left by a killed JVM whose count went this far
      Files.createLink(link, file);
      return hidden;
    } catch (NoSuchFileException e) {
      throw e; // the file is gone, not the hard links
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (!noHardLinksSaid) {
        noHardLinksSaid = true;
        System.err.println("initcall4j: control: cannot make hard links in " + path + " (" + e
            + "); a write that lands in deferred_initcalls just as the agent replaces it can be"
            + " missed; choose a control=DIR on a file system with hard links");
      }
      return null;
    }
  }

  /** True for the names of the agent's own hidden files: temporary files and hidden names. */
  static boolean isOwnHidden(String fileName) {
    return HIDDEN.matcher(fileName).matches();
  }

  /** Drops a hidden name (null: none); the file goes when nobody holds it open. */
  void forget(String hidden) {
    if (hidden == null) {
      return;
    }
    try {
      Files.deleteIfExists(path.resolve(hidden));
    } catch (IOException e) {
      // the directory is going away, or someone removed it first
    }
  }

  /**
   * Marks the file as not written since the agent last looked: its modification time becomes
   * {@link #UNWRITTEN}. The access time stays (tools that clean temporary directories read it).
   */
  void markUnwritten(String name) throws IOException {
    Files.getFileAttributeView(path.resolve(name), BasicFileAttributeView.class, NOFOLLOW)
        .setTimes(UNWRITTEN, null, null);
  }

  /** The file's attributes, links not followed. */
  BasicFileAttributes attributes(String name) throws IOException {
    return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, NOFOLLOW);
  }

  /** Who a file is now (inode, size, time), or null when it is missing. */
  FileIdentity identity(String name) {
    try {
      BasicFileAttributes a = attributes(name);
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
    BasicFileAttributes found = attributes(name);
    if (!found.isRegularFile()) {
      throw notRegular(name);
    }
    if (found.size() > MAX_COMMAND_BYTES) {
      throw new RejectedInputException(tooLarge(found.size()));
    }
    byte[] bytes = readAtMostOneTooMany(name);
    if (bytes.length > MAX_COMMAND_BYTES) {
      throw new RejectedInputException(tooLarge(bytes.length));
    }
    return bytes;
  }

  /**
   * The file's content up to one byte past {@link #MAX_COMMAND_BYTES} (it may grow while it is
   * read), links not followed.
   */
  byte[] readAtMostOneTooMany(String name) throws IOException {
    try (FileChannel in = FileChannel.open(path.resolve(name), StandardOpenOption.READ,
        NOFOLLOW)) {
      ByteBuffer buffer = ByteBuffer.allocate(MAX_COMMAND_BYTES + 1);
      while (buffer.hasRemaining() && in.read(buffer) > 0) {
        // read it all, or one byte too many
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  private static RejectedInputException notRegular(String name) {
    return new RejectedInputException(name + " is not a regular file (a link, pipe or"
        + " directory); remove it, initcall4j recreates it");
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
      }
      try (DirectoryStream<Path> hidden = Files.newDirectoryStream(path,
          entry -> isOwnHidden(entry.getFileName().toString()))) {
        for (Path own : hidden) {
          Files.deleteIfExists(own);
        }
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
