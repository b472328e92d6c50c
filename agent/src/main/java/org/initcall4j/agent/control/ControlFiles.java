package org.initcall4j.agent.control;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.initcall4j.agent.control.ControlDirectory.FileIdentity;
import org.initcall4j.agent.runtime.InitcallListener;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * The files of the control directory. Read views are rewritten after every change of state, by
 * whichever thread made it (a rename costs tens of microseconds; bursts are coalesced). The
 * identity of each file as last written here is kept, so that a write by someone else is told
 * apart from our own, and an unread command in {@code deferred_initcalls} is never overwritten.
 *
 * <p>{@code deferred_initcalls} is the one file an operator writes, and its writes are known by
 * the file's change, not its content ({@link KnownInode}): a command may be the very text of the
 * view, or the command before it again. Each file a fresh view replaced is watched for a while
 * too ({@link ReplacedViews}): a write whose {@code open()} came just before the rename lands
 * there. Reading a write marks the file under the lock, so a write seen through the name and in
 * the replaced file is acted on once.
 */
final class ControlFiles implements InitcallListener {
  static final String DEFERRED = "deferred_initcalls";
  static final String TABLE = "initcalls";
  static final String LAST_ERROR = "last_error";
  static final List<String> NAMES = List.of(DEFERRED, TABLE, LAST_ERROR);

  private final ControlDirectory directory;
  private final InitcallRuntime runtime;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean dirty = new AtomicBoolean();
  /** Guarded by lock: the read-only views as last written here, or as last found rejected. */
  private final Map<String, FileIdentity> ours = new HashMap<>();
  /** Guarded by lock: what each read-only view held when we last wrote it. */
  private final Map<String, String> contents = new HashMap<>();
  /** Guarded by lock: the file now named deferred_initcalls, as far as this JVM knows. */
  private KnownInode deferredFile;
  /** Guarded by lock: the view deferredFile holds, or null once a write was read from it. */
  private String deferredView;
  /** Guarded by lock: a link, pipe or directory put in its place, rejected, to be replaced. */
  private Object rejectedKey;
  /** Guarded by lock. */
  private final ReplacedViews replaced = new ReplacedViews();
  /** Guarded by lock. */
  private String lastError = "";
  /** Guarded by lock: set at exit, after which nothing is written. */
  private boolean removed;

  ControlFiles(ControlDirectory directory, InitcallRuntime runtime) {
    this.directory = directory;
    this.runtime = runtime;
  }

  ControlDirectory directory() {
    return directory;
  }

  @Override
  public void started(InitcallRecord record) {
    changed();
  }

  @Override
  public void finished(InitcallRecord record) {
    changed();
  }

  @Override
  public void skipped(InitcallRecord record) {
    changed();
  }

  /** State changed: rewrite the views now, or let the thread that is writing them do it again. */
  void changed() {
    dirty.set(true);
    drain();
  }

  /** Writes the views if a change is pending; a thread that held the lock must call this. */
  private void drain() {
    while (dirty.get() && lock.tryLock()) {
      try {
        while (dirty.getAndSet(false)) {
          writeViews();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Every unlock but drain's own ends here: a change signalled while this thread held the lock
   * found it taken and left the views to be written by the holder.
   */
  private void unlockAndDrain() {
    lock.unlock();
    drain();
  }

  private void writeViews() {
    if (removed) {
      return;
    }
    try {
      write(TABLE, ControlViews.table(runtime), "r--------");
      write(LAST_ERROR, lastError, "r--------");
      // last, so that all files exist once this one does
      writeDeferred(ControlViews.deferred(runtime));
    } catch (IOException e) {
      System.err.println("initcall4j: control: cannot update " + directory.path() + ": " + e);
    }
  }

  /** Replaces a read-only view unless it already holds this content (fewer renames). */
  private void write(String name, String content, String permissions) throws IOException {
    FileIdentity now = directory.identity(name);
    boolean isOurs = now != null && now.equals(ours.get(name));
    if (content.equals(contents.get(name)) && isOurs) {
      return;
    }
    FileIdentity written = directory.replace(name, content, permissions, now != null);
    if (written == null) {
      return; // created by someone else since it was found missing: a write, for the watcher
    }
    ours.put(name, written);
    contents.put(name, content);
  }

  /**
   * Replaces deferred_initcalls unless it holds this view already, and never while it holds a
   * write the watcher has not read yet (a file someone else put there, or one written since it
   * was marked).
   */
  private void writeDeferred(String content) throws IOException {
    FileIdentity now = directory.identity(DEFERRED);
    if (now != null) {
      boolean known = deferredFile != null && deferredFile.is(now.fileKey());
      if (!known && !Objects.equals(now.fileKey(), rejectedKey)) {
        return;
      }
      if (known && (!ControlDirectory.UNWRITTEN.equals(now.modified())
          || content.equals(deferredView))) {
        return;
      }
    }
    KnownInode written = directory.replaceWatched(DEFERRED, content, now != null);
    if (written == null) {
      return; // created by someone else since it was found missing: a write, for the watcher
    }
    keepAsDeferredFile(written);
    deferredView = content;
    rejectedKey = null;
  }

  /** The name now points to this file; the one it pointed to may still get a racing write. */
  private void keepAsDeferredFile(KnownInode file) {
    if (deferredFile != null) {
      replaced.add(deferredFile, System.nanoTime());
    }
    deferredFile = file;
  }

  /** True when the file is as we last wrote it, or gone (then we write it again). */
  private boolean isOurs(String name) {
    FileIdentity now = directory.identity(name);
    return now == null || now.equals(ours.get(name));
  }

  /**
   * A write someone else made to one of our files: what it holds and which file it was (null
   * when it was found in a file a view replaced).
   */
  record Write(FileIdentity identity, byte[] bytes) {}

  /**
   * What someone else wrote to the file, or null when it is still ours (our own rename or a
   * touch, say).
   *
   * @throws RejectedInputException when it cannot be read safely (too big, not a regular file)
   */
  Write newWrite(String name) throws RejectedInputException, IOException {
    lock.lock();
    try {
      if (removed) {
        return null;
      }
      if (name.equals(DEFERRED)) {
        return newDeferredWrite();
      }
      if (isOurs(name)) {
        return null;
      }
      FileIdentity identity = directory.identity(name);
      try {
        return new Write(identity, directory.readCommand(name));
      } catch (RejectedInputException e) {
        ours.put(name, identity);
        contents.remove(name);
        throw e;
      }
    } finally {
      unlockAndDrain();
    }
  }

  /**
   * What someone else wrote to deferred_initcalls since it was last marked, or to a file put in
   * its place (all of which is a write).
   */
  private Write newDeferredWrite() throws RejectedInputException, IOException {
    FileIdentity now = directory.identity(DEFERRED);
    if (now == null) {
      return null; // deleted: the next view brings it back
    }
    if (deferredFile == null || !deferredFile.is(now.fileKey())) {
      if (Objects.equals(now.fileKey(), rejectedKey)) {
        return null; // a link or pipe already rejected, about to be replaced
      }
      KnownInode found;
      try {
        found = directory.watch(DEFERRED);
      } catch (RejectedInputException e) {
        rejectedKey = now.fileKey();
        throw e;
      }
      keepAsDeferredFile(found);
      deferredView = null;
    }
    byte[] bytes;
    try {
      bytes = deferredFile.newWrite();
    } catch (RejectedInputException e) {
      deferredView = null; // marked: the view may replace it
      throw e;
    }
    if (bytes == null) {
      if (deferredView == null) {
        dirty.set(true); // a write read (or rejected) and marked since: the view may replace it
      }
      return null; // our own rename, a chmod, or a truncation whose write is still to come
    }
    deferredView = null;
    return new Write(now, bytes);
  }

  /**
   * Checks the files fresh views replaced: what was written into them since, to be acted on like
   * any write. Called on every wake-up of the control thread.
   */
  List<ReplacedViews.Caught> writesInReplacedViews() {
    lock.lock();
    try {
      return removed ? List.of() : replaced.check(System.nanoTime());
    } finally {
      unlockAndDrain();
    }
  }

  /** Nanoseconds until the replaced files are due for a timed check, or -1 when there are none. */
  long nanosToNextCheck() {
    lock.lock();
    try {
      return replaced.nanosToNextCheck(System.nanoTime());
    } finally {
      unlockAndDrain();
    }
  }

  /** How many replaced files are watched now. */
  int replacedKept() {
    lock.lock();
    try {
      return replaced.size();
    } finally {
      unlockAndDrain();
    }
  }

  /** The write was acted on: it may be replaced by the view again. */
  void consumed(String name, Write write) {
    if (write.identity() == null) {
      return; // found in a replaced file: the name holds a fresh view already
    }
    lock.lock();
    try {
      if (!name.equals(DEFERRED)) { // deferred_initcalls was marked when it was read
        ours.put(name, write.identity());
        contents.remove(name);
      }
      dirty.set(true);
    } finally {
      unlockAndDrain();
    }
  }

  /** Reports rejected input on one line, to stderr and to {@code last_error}. */
  void reject(String file, String reason) {
    String line = "initcall4j: control: rejected a write to " + directory.path().resolve(file)
        + ": " + reason;
    System.err.println(line);
    lastError(line);
  }

  /** Makes the line (one line) the content of {@code last_error}. */
  void lastError(String line) {
    lock.lock();
    try {
      lastError = line + "\n";
      dirty.set(true);
    } finally {
      unlockAndDrain();
    }
  }

  /** Deletes the files (and the directory, when this JVM made it). */
  void remove() {
    lock.lock();
    try {
      removed = true;
      if (deferredFile != null) {
        deferredFile.close();
        deferredFile = null;
      }
      replaced.close();
      directory.remove(NAMES);
    } finally {
      lock.unlock();
    }
  }
}
