package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * One file (inode) that is or was {@code deferred_initcalls}, watched for writes. A write is known
 * by the file's change, never by its content: the agent marks the file {@link
 * ControlDirectory#UNWRITTEN} when it publishes it and again each time it reads a write from it,
 * and any later write sets the file's modification time to the current time. The file is reached
 * through a hidden name of its own, so that a write through a descriptor an operator opened
 * earlier is still found after a rename has given the public name to a fresh view. Not
 * thread-safe; {@link ControlFiles} guards it with its lock.
 */
final class KnownInode implements AutoCloseable {
  private final ControlDirectory directory;
  /** The hidden name, or the public one on a file system without hard links. */
  private final String name;
  private final Object fileKey;
  private final boolean hidden;
  /** Size of a write rejected as too large (-1: none), so that more of it is not rejected again. */
  private long tooLargeSize = -1;

  KnownInode(ControlDirectory directory, String name, Object fileKey, boolean hidden) {
    this.directory = directory;
    this.name = name;
    this.fileKey = fileKey;
    this.hidden = hidden;
  }

  /** The file's key (device and inode). */
  Object key() {
    return fileKey;
  }

  /** True when this is the file with that key (device and inode). */
  boolean is(Object key) {
    return Objects.equals(fileKey, key);
  }

  /**
   * What was written since the agent last looked, or null when nothing was: still marked, or
   * only truncated so far (a shell's {@code >} truncates, then writes, which is a change again).
   * Marks the file before reading it: a write that lands after the mark changes the time again
   * and is found by the next look; one that landed before is in what is read now.
   *
   * @throws RejectedInputException when the write is too large to read
   * @throws IOException when the file can no longer be reached (its name was removed or reused)
   */
  byte[] newWrite() throws RejectedInputException, IOException {
    BasicFileAttributes now = directory.attributes(name);
    if (!is(now.fileKey())) {
      throw new NoSuchFileException(name, null, "no longer the file watched");
    }
    if (ControlDirectory.UNWRITTEN.equals(now.lastModifiedTime()) || now.size() == 0) {
      return null;
    }
    directory.markUnwritten(name);
    long size = now.size();
    byte[] bytes = size > ControlDirectory.MAX_COMMAND_BYTES ? null
        : directory.readAtMostOneTooMany(name);
    if (bytes != null && bytes.length <= ControlDirectory.MAX_COMMAND_BYTES) {
      tooLargeSize = -1;
      return bytes;
    }
    size = Math.max(size, bytes == null ? 0 : bytes.length);
    // a large write comes in several parts, each a change: it is rejected once
    boolean more = tooLargeSize >= 0 && size >= tooLargeSize;
    tooLargeSize = size;
    if (more) {
      return null;
    }
    throw new RejectedInputException(ControlDirectory.tooLarge(size));
  }

  /** Stops watching: the hidden name goes, and the file with it once nobody has it open. */
  @Override
  public void close() {
    if (hidden) {
      directory.forget(name);
    }
  }
}
