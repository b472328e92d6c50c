package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.initcall4j.agent.files.OwnDirectory;
import org.initcall4j.agent.files.UnsafeDirectoryException;

/**
 * The control directory on disk, handled as untrusted ground: created owner-only (0700), an
 * existing one accepted only if it is a real directory of this user that nobody else can write,
 * and then held open ({@link OwnDirectory}), so that every file is reached in the directory that
 * was checked even if its path is later swapped for a link; symbolic links never followed, files
 * replaced atomically (write a temporary file, rename) so a reader never sees half a table, reads
 * bounded so a huge write cannot exhaust memory, and at exit only the agent's own files removed.
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


  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final OwnDirectory.Place PLACE = new OwnDirectory.Place("control directory",
      "use a directory of your own that only you can write (mkdir -m 700), or another"
      + " control=DIR");

  private final OwnDirectory own;
  private final Path path;
  private final boolean created;
  private final AtomicLong hiddenNames = new AtomicLong();
  private volatile boolean noHardLinksSaid;

  private ControlDirectory(OwnDirectory own, boolean created) {
    this.own = own;
    this.path = own.path();
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
    return checked(dir, created);
  }

  /**
   * Creates a directory of a fresh, unpredictable name ({@code prefix} and a random number) in
   * parent, owner-only: where the usual name is taken, nobody can have taken this one first.
   */
  static ControlDirectory openFresh(Path parent, String prefix)
      throws ControlDirectoryException {
    Path dir;
    try {
      dir = Files.createTempDirectory(parent, prefix, OWNER_ONLY_DIR); // SecureRandom name
    } catch (IOException | UnsupportedOperationException e) {
      throw new ControlDirectoryException("no control directory can be created in " + parent
          + ": " + e + "; choose a control=DIR or control=off");
    }
    return checked(dir, true);
  }

  private static ControlDirectory checked(Path dir, boolean created)
      throws ControlDirectoryException {
    try {
      return new ControlDirectory(OwnDirectory.open(dir, PLACE), created);
    } catch (UnsafeDirectoryException e) {
      throw new ControlDirectoryException(e.getMessage());
    }
  }

  /** False once the path no longer leads to the directory opened (moved, or swapped). */
  boolean stillAt() {
    return own.stillAt();
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
    String temporary = writeTemporary(name, content, permissions);
    // Who the file is, taken before the rename (which keeps inode, size and time): taken after,
    // it would claim as ours a write made in between.
    FileIdentity written = identity(temporary);
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
    String temporary = writeTemporary(name, content, "rw-------");
    String hidden = null;
    try {
      markUnwritten(temporary); // after its last write
      Object fileKey = attributes(temporary).fileKey();
      hidden = linkHidden(name, temporary);
      if (!publish(temporary, name, existing)) {
        forget(hidden);
        return null;
      }
      return new KnownInode(this, hidden != null ? hidden : name, fileKey, hidden != null);
    } catch (IOException | RuntimeException e) {
      forget(hidden);
      own.deleteIfExists(temporary);
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
    String hidden = linkHidden(name, name);
    if (hidden != null && !Objects.equals(attributes(hidden).fileKey(), found.fileKey())) {
      forget(hidden);
      throw new NoSuchFileException(path.resolve(name).toString(), null,
          "replaced while it was being linked; its own event follows");
    }
    return new KnownInode(this, hidden != null ? hidden : name, found.fileKey(), hidden != null);
  }

  /** Writes the content to a fresh temporary file, created here (O_EXCL, no link followed). */
  private String writeTemporary(String name, String content, String permissions)
      throws IOException {
    String temporary = "." + name + ".tmp";
    own.deleteIfExists(temporary);
    try (SeekableByteChannel out = own.newChannel(temporary,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)))) {
      ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
    return temporary;
  }

  /** Gives the temporary file the name; false (temporary file gone) when a free name was taken. */
  private boolean publish(String temporary, String name, boolean existing) throws IOException {
    if (existing) {
      own.move(temporary, name); // rename(2) replaces whatever is there, a link included
      return true;
    }
    return publishAsNew(temporary, name);
  }

  /**
   * Gives the file a free name: link(2) fails on an existing name, where rename(2) would replace,
   * say, the file of an operator's {@code rm} then {@code echo 1 >}, and the write about to land
   * in it.
   *
   * @return false when the name was taken meanwhile; that file is left to the watcher
   */
  private boolean publishAsNew(String temporary, String name) throws IOException {
    try {
      own.createLink(name, temporary);
    } catch (FileAlreadyExistsException e) {
      own.deleteIfExists(temporary);
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      own.move(temporary, name); // no hard links on this file system
      return true;
    }
    own.deleteIfExists(temporary);
    return true;
  }

  /**
   * A second, hidden name for the file ({@code .deferred_initcalls.<n>}), or null when this file
   * system makes no hard links (said once): then a write that races a rename can be missed.
   */
  private String linkHidden(String name, String file) throws IOException {
    String hidden = "." + name + "." + hiddenNames.incrementAndGet();
    try {
      own.deleteIfExists(hidden); // left by a killed JVM whose count went this far
      own.createLink(hidden, file);
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
    // .[a-z_]+.(tmp|[0-9]+), by hand: the watcher asks for every event, and a Pattern would
    // bring the regex classes into the control plane
    int dot = fileName.lastIndexOf('.');
    if (dot < 2 || fileName.charAt(0) != '.' || dot == fileName.length() - 1) {
      return false;
    }
    for (int i = 1; i < dot; i++) {
      char c = fileName.charAt(i);
      if ((c < 'a' || c > 'z') && c != '_') {
        return false;
      }
    }
    String suffix = fileName.substring(dot + 1);
    if (suffix.equals("tmp")) {
      return true;
    }
    for (int i = 0; i < suffix.length(); i++) {
      if (suffix.charAt(i) < '0' || suffix.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Drops a hidden name (null: none); the file goes when nobody holds it open. */
  void forget(String hidden) {
    if (hidden == null) {
      return;
    }
    try {
      own.deleteIfExists(hidden);
    } catch (IOException | ClosedDirectoryStreamException e) {
      // the directory is going away, or someone removed it first
    }
  }

  /**
   * Marks the file as not written since the agent last looked: its modification time becomes
   * {@link #UNWRITTEN}. The access time stays (tools that clean temporary directories read it).
   */
  void markUnwritten(String name) throws IOException {
    own.setModifiedTime(name, UNWRITTEN);
  }

  /** The file's attributes, links not followed. */
  BasicFileAttributes attributes(String name) throws IOException {
    return own.attributes(name);
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
    try (SeekableByteChannel in = own.newChannel(name, Set.of(StandardOpenOption.READ))) {
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

  /**
   * Deletes the agent's own files left by a JVM that was killed (its views, temporary files and
   * hidden names) from a directory this JVM did not create; nothing else is touched.
   */
  void removeStale(List<String> names) {
    try {
      removeOwnFiles(names);
    } catch (IOException e) {
      System.err.println("initcall4j: control: cannot remove stale files from " + path + ": " + e);
    }
  }

  /**
   * At exit: deletes the named files and the agent's hidden ones, in the directory it opened
   * (wherever that is now), and the directory itself when this JVM created it, it is empty and
   * it is still at its path. Nothing else is deleted: a file the agent did not make stays, and so
   * does the directory that holds it, and if the path was moved or swapped for a link, nothing at
   * the path is touched.
   */
  void remove(List<String> names) {
    boolean stillAt = own.stillAt(); // before: a file deleted cannot change the answer
    try {
      removeOwnFiles(names);
    } catch (IOException e) {
      System.err.println("initcall4j: could not remove control directory " + path + ": " + e);
    }
    if (!stillAt) {
      System.err.println("initcall4j: control directory " + path + " was moved or replaced"
          + " (by a link or another directory) while this JVM ran: its files were removed from"
          + " the directory initcall4j had opened, and nothing at " + path + " was touched");
    } else if (created && !own.removeIfEmpty()) {
      String others = others(names);
      if (!others.isEmpty()) {
        System.err.println("initcall4j: control directory " + path + " is left in place: it"
            + " holds files initcall4j did not make (" + others + ")");
      }
    }
    own.close();
  }

  private void removeOwnFiles(List<String> names) throws IOException {
    for (String name : names) {
      own.deleteIfExists(name);
    }
    for (String name : own.names()) {
      if (isOwnHidden(name)) {
        own.deleteIfExists(name);
      }
    }
  }

  /** What else is in the directory, for the message, or why it cannot be listed. */
  private String others(List<String> names) {
    try {
      List<String> left = new ArrayList<>(own.names());
      left.removeAll(names);
      return String.join(", ", left);
    } catch (IOException e) {
      return "it cannot be listed: " + e;
    }
  }

  /**
   * Enough of a file's identity to tell our own last write from someone else's. Equality is
   * written out: a record's generated {@code equals} is linked through invokedynamic on first
   * use, which spins method handles for tens of milliseconds of CPU beside the application's
   * start-up (measured on H2's shell, it was half the control thread's CPU).
   */
  record FileIdentity(Object fileKey, long size, FileTime modified, boolean regular) {
    @Override
    public boolean equals(Object other) {
      return other instanceof FileIdentity that && size == that.size && regular == that.regular
          && Objects.equals(fileKey, that.fileKey) && Objects.equals(modified, that.modified);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(fileKey) * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
      return "file " + fileKey + ", " + size + " bytes, modified " + modified;
    }
  }
}
