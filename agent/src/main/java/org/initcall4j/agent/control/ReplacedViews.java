package org.initcall4j.agent.control;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The files a fresh view of {@code deferred_initcalls} was renamed over, watched for a grace
 * period through their hidden names. A shell's {@code echo 1 > deferred_initcalls} opens the file,
 * then writes: when the rename falls in between, the write lands in the replaced file, which the
 * public name no longer reaches. Each one is checked again on every wake-up of the control thread
 * (Linux reports a write to it as a change of the name, so that comes at once) and at the fixed
 * times below in case none comes; a change since the agent last marked it is an operator's write
 * ({@link KnownInode}). After the last check its hidden name is removed. Not thread-safe; {@link
 * ControlFiles} guards it with its lock.
 */
final class ReplacedViews {
  /** Checks after the rename: a writer stalled past the last one between open and write loses. */
  static final long[] CHECKS_NANOS = {TimeUnit.MILLISECONDS.toNanos(50),
      TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(5)};
  /** At most this many are watched; a burst of renames checks and drops the oldest early. */
  static final int MAX_KEPT = 16;

  /**
   * What a check found in a replaced file (its key: device and inode): a command's bytes, or why
   * it was rejected.
   */
  record Caught(Object fileKey, byte[] bytes, String rejection) {}

  private record Kept(KnownInode inode, long replacedNanos) {}

  private final ArrayDeque<Kept> kept = new ArrayDeque<>();
  /** Found when the oldest was closed early, handed out by the next {@link #check}. */
  private final List<Caught> caughtEarly = new ArrayList<>();

  /** Keeps a file that a rename has just replaced. */
  void add(KnownInode inode, long nowNanos) {
    if (kept.size() == MAX_KEPT) {
      Kept oldest = kept.removeFirst();
      checkOne(oldest.inode(), caughtEarly);
      oldest.inode().close();
    }
    kept.addLast(new Kept(inode, nowNanos));
  }

  /** Checks every kept file and drops those past their last check; returns what was written. */
  List<Caught> check(long nowNanos) {
    List<Caught> caught = new ArrayList<>(caughtEarly);
    caughtEarly.clear();
    long last = CHECKS_NANOS[CHECKS_NANOS.length - 1];
    for (Iterator<Kept> it = kept.iterator(); it.hasNext();) {
      Kept one = it.next();
      boolean open = checkOne(one.inode(), caught);
      if (!open || nowNanos - one.replacedNanos() >= last) {
        one.inode().close();
        it.remove();
      }
    }
    return caught;
  }

  /** False when the file cannot be reached any more (removed at exit, say). */
  private static boolean checkOne(KnownInode inode, List<Caught> caught) {
    try {
      byte[] bytes = inode.newWrite();
      if (bytes != null) {
        caught.add(new Caught(inode.key(), bytes, null));
      }
      return true;
    } catch (RejectedInputException e) {
      caught.add(new Caught(inode.key(), null, e.getMessage()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Nanoseconds until the next timed check is due (0: now), or -1 when nothing is kept. */
  long nanosToNextCheck(long nowNanos) {
    if (!caughtEarly.isEmpty()) {
      return 0;
    }
    long next = -1;
    for (Kept one : kept) {
      long age = nowNanos - one.replacedNanos();
      for (long at : CHECKS_NANOS) {
        if (at > age) {
          next = next < 0 ? at - age : Math.min(next, at - age);
          break;
        }
      }
      if (age >= CHECKS_NANOS[CHECKS_NANOS.length - 1]) {
        return 0; // past its last check but not yet checked after it
      }
    }
    return next;
  }

  /** Number of files watched. */
  int size() {
    return kept.size();
  }

  /** Drops them all (at exit). */
  void close() {
    for (Kept one : kept) {
      one.inode().close();
    }
    kept.clear();
  }
}
