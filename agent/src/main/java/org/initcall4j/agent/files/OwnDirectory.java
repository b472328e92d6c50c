package org.initcall4j.agent.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A directory the agent writes into, checked and then held open, so that every file operation
 * happens in the directory that was checked, whatever its path leads to later. The rules: a real
 * directory (not a symbolic link) of the user running the JVM that nobody else can write, so no
 * other user can plant a link or a file in it. Where the platform has a {@link
 * SecureDirectoryStream} (Linux, macOS), files are reached relative to the open directory
 * ({@code openat}, {@code renameat}, {@code unlinkat}), never through the path again; elsewhere
 * each operation first checks that the path still leads to the directory that was checked. Links
 * inside it are never followed. Thread-safe as far as the file system is.
 */
public final class OwnDirectory implements Closeable {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /**
   * What the directory is for, to name it in errors, and what to do about an unsafe one.
   *
   * @param what e.g. {@code control directory}
   * @param fix e.g. {@code use a directory of your own that only you can write, or another
   *     control=DIR}
   */
  public record Place(String what, String fix) {
    UnsafeDirectoryException unsafe(Path dir, String problem) {
      return new UnsafeDirectoryException(what + " " + dir + " " + problem + "; " + fix);
    }
  }

  private final Path path;
  private final Place place;
  private final Object fileKey;
  /** Null where the platform has none: then every operation checks the path first. */
  private final SecureDirectoryStream<Path> handle;

  private OwnDirectory(Path path, Place place, Object fileKey,
      SecureDirectoryStream<Path> handle) {
    this.path = path;
    this.place = place;
    this.fileKey = fileKey;
    this.handle = handle;
  }

  /**
   * Checks an existing directory and opens it.
   *
   * @throws UnsafeDirectoryException naming the directory, what is wrong and the fix
   */
  public static OwnDirectory open(Path dir, Place place) throws UnsafeDirectoryException {
    return open(dir, place, null);
  }

  /**
   * Creates the directory with these permissions (its parents as usual) unless it exists, then
   * checks and opens it.
   *
   * @param permissions e.g. {@code rwxr-xr-x}; the umask may take more away
   */
  public static OwnDirectory create(Path dir, String permissions, Place place)
      throws UnsafeDirectoryException {
    Path absolute = dir.toAbsolutePath();
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw place.unsafe(absolute, "cannot be created (" + e + ")");
    }
    try {
      Files.createDirectory(absolute,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
    } catch (FileAlreadyExistsException e) {
      // checked below like any existing directory
    } catch (IOException | UnsupportedOperationException e) {
      throw place.unsafe(absolute, "cannot be created (" + e + ")");
    }
    return open(absolute, place, null);
  }

  /**
   * {@link #open(Path, Place)}, running {@code afterCheck} between the check of the path and its
   * opening: tests plant a link there to show it is caught.
   */
  static OwnDirectory open(Path dir, Place place, Runnable afterCheck)
      throws UnsafeDirectoryException {
    Path path = dir.toAbsolutePath();
    PosixFileAttributes checked;
    try {
      checked = Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW);
    } catch (UnsupportedOperationException e) {
      throw place.unsafe(path, "is on a file system without POSIX permissions, so its owner"
          + " and mode cannot be checked");
    } catch (IOException e) {
      throw place.unsafe(path, "cannot be read (" + e + ")");
    }
    check(path, place, checked);
    if (afterCheck != null) {
      afterCheck.run();
    }
    SecureDirectoryStream<Path> handle = openHandle(path, place);
    OwnDirectory directory = new OwnDirectory(path, place, checked.fileKey(), handle);
    try {
      if (handle != null) {
        // open(2) follows a link swapped in after the check: the directory opened must be the
        // one checked, and still be safe
        PosixFileAttributes opened =
            handle.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
        if (!Objects.equals(opened.fileKey(), checked.fileKey())) {
          throw replaced(path, place);
        }
        check(path, place, opened);
      } else if (!directory.stillAt()) {
        throw replaced(path, place);
      }
    } catch (IOException e) {
      directory.close();
      throw place.unsafe(path, "cannot be read (" + e + ")");
    } catch (UnsafeDirectoryException e) {
      directory.close();
      throw e;
    }
    return directory;
  }

  private static SecureDirectoryStream<Path> openHandle(Path path, Place place)
      throws UnsafeDirectoryException {
    DirectoryStream<Path> stream;
    try {
      stream = Files.newDirectoryStream(path);
    } catch (IOException e) {
      throw place.unsafe(path, "cannot be opened (" + e + ")");
    }
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return secure;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // only listed, never read
    }
    return null;
  }

  private static UnsafeDirectoryException replaced(Path path, Place place) {
    return place.unsafe(path, "was replaced (by a link or another directory) while it was being"
        + " opened");
  }

  /** Refuses a link, a non-directory, another user's directory, or one others can write. */
  private static void check(Path path, Place place, PosixFileAttributes attributes)
      throws UnsafeDirectoryException {
    if (attributes.isSymbolicLink()) {
      throw place.unsafe(path, "is a symbolic link, and initcall4j never follows links there");
    }
    if (!attributes.isDirectory()) {
      throw place.unsafe(path, "exists and is not a directory");
    }
    UserPrincipal me = currentUser(path, place);
    if (!attributes.owner().equals(me)) {
      throw place.unsafe(path, "belongs to " + attributes.owner().getName() + ", not to "
          + me.getName() + " who runs this JVM");
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw place.unsafe(path, "is writable by others ("
          + PosixFilePermissions.toString(permissions) + "), who could plant links in it");
    }
  }

  private static UserPrincipal currentUser(Path path, Place place)
      throws UnsafeDirectoryException {
    String name = System.getProperty("user.name");
    try {
      return path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
    } catch (IOException e) {
      // a user without a name (a container's uid without a passwd entry: user.name is "?");
      // on Linux this process's own directory in /proc belongs to it
      try {
        return Files.getOwner(path.getFileSystem().getPath("/proc/self"));
      } catch (IOException | UnsupportedOperationException notLinux) {
        throw place.unsafe(path, "cannot be checked: the user '" + name + "' who runs this JVM"
            + " cannot be looked up (" + e + ")");
      }
    }
  }

  public Path path() {
    return path;
  }

  /**
   * True when the path still leads, without a link, to the directory that was opened: false once
   * it was moved away, removed, or swapped for a link or another directory.
   */
  public boolean stillAt() {
    try {
      BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
      return now.isDirectory() && Objects.equals(now.fileKey(), fileKey);
    } catch (IOException e) {
      return false;
    }
  }

  /** A file's attributes; a link is not followed. */
  public BasicFileAttributes attributes(String name) throws IOException {
    if (handle != null) {
      return handle.getFileAttributeView(relative(name), BasicFileAttributeView.class, NOFOLLOW)
          .readAttributes();
    }
    return Files.readAttributes(checkedPath(name), BasicFileAttributes.class, NOFOLLOW);
  }

  /** Opens a file in the directory; a link is never followed. */
  public SeekableByteChannel newChannel(String name, Set<? extends OpenOption> options,
      FileAttribute<?>... attributes) throws IOException {
    Set<OpenOption> noFollow = new HashSet<>(options);
    noFollow.add(NOFOLLOW);
    if (handle != null) {
      return handle.newByteChannel(relative(name), noFollow, attributes);
    }
    return Files.newByteChannel(checkedPath(name), noFollow, attributes);
  }

  /** Renames a file in the directory atomically, replacing whatever the target is (not followed). */
  public void move(String from, String to) throws IOException {
    if (handle != null) {
      handle.move(relative(from), handle, relative(to));
      return;
    }
    Files.move(checkedPath(from), checkedPath(to), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Gives a file a second name ({@code link(2)}, which never follows a link). There is no
   * {@code linkat} in the JDK, so this one goes by path, after checking that the path still
   * leads to this directory; if it were swapped right after, the link could only be made where
   * a file of the existing name is found, and nothing would be overwritten.
   */
  public void createLink(String link, String existing) throws IOException {
    Files.createLink(checkedPath(link), checkedPath(existing));
  }

  /** Deletes a file (never a directory); false when there was none. */
  public boolean deleteIfExists(String name) throws IOException {
    try {
      if (handle != null) {
        handle.deleteFile(relative(name));
      } else {
        Files.delete(checkedPath(name));
      }
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Sets a file's modification time; its access time stays. A link is not followed. */
  public void setModifiedTime(String name, FileTime time) throws IOException {
    BasicFileAttributeView view = handle != null
        ? handle.getFileAttributeView(relative(name), BasicFileAttributeView.class, NOFOLLOW)
        : Files.getFileAttributeView(checkedPath(name), BasicFileAttributeView.class, NOFOLLOW);
    view.setTimes(time, null, null);
  }

  /** The names in the directory now. */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = handle != null
        ? handle.newDirectoryStream(relative("."), NOFOLLOW)
        : Files.newDirectoryStream(checkedPath("."))) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    return names;
  }

  /**
   * Replaces the file with this content atomically: written to a fresh temporary file (created
   * here, never over anything, no link followed), then renamed over the name, which replaces a
   * link there instead of writing through it. Readers see the old file or the new one.
   *
   * @param permissions e.g. {@code rw-r--r--}; the umask may take more away
   */
  public void writeAtomically(String name, String content, String permissions)
      throws IOException {
    String temporary = "." + name + "." + Long.toUnsignedString(
        ThreadLocalRandom.current().nextLong(), 36) + ".tmp";
    try (SeekableByteChannel out = newChannel(temporary,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)))) {
      ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary);
      throw e;
    }
    try {
      move(temporary, name);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  private void deleteQuietly(String name) {
    try {
      deleteIfExists(name);
    } catch (IOException | RuntimeException e) {
      // the error that made it stray is the one to report
    }
  }

  /**
   * Removes the directory itself when it is empty and its path still leads to it.
   *
   * @return false when it was left: not empty, or no longer at its path
   */
  public boolean removeIfEmpty() {
    if (!stillAt()) {
      return false;
    }
    try {
      // rmdir(2) never follows a link and never removes a directory with anything in it
      Files.delete(path);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A name inside the directory, as a relative path; anything else is a bug here. */
  private Path relative(String name) {
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
        || name.equals("..")) {
      throw new IllegalArgumentException("not a file name in " + path + ": '" + name + "'");
    }
    return path.getFileSystem().getPath(name);
  }

  /** Without a handle: the path of a file, once the directory is seen still at its path. */
  private Path checkedPath(String name) throws IOException {
    Path file = path.resolve(relative(name));
    if (!stillAt()) {
      throw new IOException(place.what() + " " + path + " is no longer the directory initcall4j"
          + " checked (moved, or replaced by a link or another directory); nothing was done"
          + " there");
    }
    return file;
  }

  @Override
  public void close() {
    if (handle != null) {
      try {
        handle.close();
      } catch (IOException e) {
        // nothing was written through the handle itself
      }
    }
  }
}
