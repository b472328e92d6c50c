package org.initcall4j.agent.control;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Holds a write to {@code deferred_initcalls} that has no newline until it has stopped changing.
 * A writer may send one command in pieces ({@code printf 1} then {@code printf 'x\n'} on one
 * descriptor): acting on the first piece would flush everything where {@code 1x} was meant, or
 * flush {@code usb} where {@code usbhub} was meant. Text that holds a newline is acted on at once
 * (one line ended, or several, which no later piece can turn into a command); text without one
 * waits until no further write to the same file has come for {@link #SETTLE_NANOS}, and a later
 * write replaces it (the file holds the whole text, so it is read again whole). Files are told
 * apart by their key (device and inode), so a piece that lands in a file a fresh view has
 * replaced still meets the one before it. Not thread-safe: the control thread alone uses it.
 */
final class SettlingWrites {
  /** How long text without a newline must stay unchanged before it counts as a command. */
  static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private record Held(ControlFiles.Write write, long sinceNanos) {}

  private final long settleNanos;
  /** By file key, oldest first. */
  private final Map<Object, Held> held = new LinkedHashMap<>();

  SettlingWrites(long settleNanos) {
    this.settleNanos = settleNanos;
  }

  /**
   * A write just read from the file with that key.
   *
   * @return the write to act on now, or null when it is held until it has settled
   */
  ControlFiles.Write offer(Object fileKey, ControlFiles.Write write, long nowNanos) {
    held.remove(fileKey); // superseded: the file now holds this text
    if (hasNewline(write.bytes())) {
      return write;
    }
    held.put(fileKey, new Held(write, nowNanos));
    return null;
  }

  private static boolean hasNewline(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\n') {
        return true;
      }
    }
    return bytes.length == 0; // nothing to wait for: an empty file is no command anyway
  }

  /** The held writes unchanged for the settle time, oldest first; they are no longer held. */
  List<ControlFiles.Write> settled(long nowNanos) {
    List<ControlFiles.Write> settled = new ArrayList<>();
    for (Iterator<Held> it = held.values().iterator(); it.hasNext();) {
      Held one = it.next();
      if (nowNanos - one.sinceNanos() >= settleNanos) {
        settled.add(one.write());
        it.remove();
      }
    }
    return settled;
  }

  /** Nanoseconds until the next held write settles (0: now), or -1 when none is held. */
  long nanosToNextSettled(long nowNanos) {
    long next = -1;
    for (Held one : held.values()) {
      long left = Math.max(0, settleNanos - (nowNanos - one.sinceNanos()));
      next = next < 0 ? left : Math.min(next, left);
    }
    return next;
  }
}
