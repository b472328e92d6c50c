package org.initcall4j.agent.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * One file (inode) that was {@code deferred_initcalls}, kept open, with what it is known to hold:
 * the view written into it, or the last write read from it. A write through a descriptor an
 * operator opened earlier lands in the inode, not the name, so it is found here even after a
 * rename has given the name to a fresh view. Every write is reported once: the content it brings
 * becomes the known content. Not thread-safe; {@link ControlFiles} guards it with its lock.
 */
final class KnownInode implements Closeable {
  private final FileChannel channel;
  private final Object fileKey;
  /** -1 until something was read. */
  private long knownSize = -1;
  /** Null when nothing was read yet, or when it was too large to read (then only the size). */
  private byte[] known;

  KnownInode(FileChannel channel, Object fileKey) {
    this.channel = channel;
    this.fileKey = fileKey;
  }

  /** An inode holding the content this JVM has just written into it. */
  static KnownInode holding(FileChannel channel, Object fileKey, byte[] content) {
    KnownInode inode = new KnownInode(channel, fileKey);
    inode.known = content;
    inode.knownSize = content.length;
    return inode;
  }

  /** Which file this is (device and inode), to tell whether a name still points to it. */
  Object fileKey() {
    return fileKey;
  }

  /**
   * What was written since the content was last known, or null when it still holds exactly that.
   * Reads are positional (pread) and bounded by {@link ControlDirectory#MAX_COMMAND_BYTES}.
   *
   * @throws RejectedInputException when the new content is too large to read
   */
  byte[] newWrite() throws RejectedInputException, IOException {
    long size = channel.size();
    boolean unchanged = known != null ? size == knownSize && holds(known)
        // a write rejected as too large that is still being written is still that one write
        : knownSize > ControlDirectory.MAX_COMMAND_BYTES && size >= knownSize;
    if (unchanged) {
      return null;
    }
    knownSize = size;
    known = null;
    if (size > ControlDirectory.MAX_COMMAND_BYTES) {
      throw new RejectedInputException(ControlDirectory.tooLarge(size));
    }
    ByteBuffer buffer = ByteBuffer.allocate(ControlDirectory.MAX_COMMAND_BYTES + 1);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // the file may grow while it is read: stop one byte past the limit
    }
    if (!buffer.hasRemaining()) {
      knownSize = buffer.position();
      throw new RejectedInputException(ControlDirectory.tooLarge(buffer.position()));
    }
    known = Arrays.copyOf(buffer.array(), buffer.position());
    knownSize = known.length;
    return known.clone();
  }

  /** True when the content is exactly these bytes (the size was checked already). */
  private boolean holds(byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(content.length);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read it all
    }
    return !buffer.hasRemaining() && Arrays.equals(buffer.array(), content);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written through it: nothing to lose
    }
  }
}
