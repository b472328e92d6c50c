package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.runtime.FlushRequest;
import org.initcall4j.agent.runtime.FlushResult;
import org.initcall4j.agent.runtime.FlushTrigger;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.text.EditDistance;

/**
 * Waits for writes to the control directory (inotify on Linux, through {@link WatchService}: no
 * polling) and acts on them on the control thread: a command in {@code deferred_initcalls} runs a
 * flush, anything else is rejected and nothing runs. Text without a newline is acted on once it
 * has stopped changing ({@link SettlingWrites}). While files replaced by fresh views are kept
 * ({@link ReplacedViews}) or text is settling, the wait is bounded by the next check.
 */
final class ControlFileWatcher {
  private final ControlFiles files;
  private final InitcallRuntime runtime;
  private final WatchService watcher;
  private final Set<String> reportedStrangers = new LinkedHashSet<>();
  private final SettlingWrites settling;
  /** Set at exit, before the directory goes: its removal then is no news. */
  private volatile boolean closed;

  ControlFileWatcher(ControlFiles files, InitcallRuntime runtime) throws IOException {
    this(files, runtime, SettlingWrites.SETTLE_NANOS);
  }

  /** @param settleNanos how long text without a newline must stay unchanged to be acted on */
  ControlFileWatcher(ControlFiles files, InitcallRuntime runtime, long settleNanos)
      throws IOException {
    this.files = files;
    this.runtime = runtime;
    this.settling = new SettlingWrites(settleNanos);
    Path dir = files.directory().path();
    this.watcher = dir.getFileSystem().newWatchService();
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY);
    // inotify watches what the path leads to now: it must still be the directory opened
    if (!files.directory().stillAt()) {
      watcher.close();
      throw new IOException(dir + " was replaced (by a link or another directory) while it was"
          + " being watched");
    }
  }

  /** The control directory's path. */
  Path directory() {
    return files.directory().path();
  }

  /** Handles writes until the watcher is closed (at exit) or the directory disappears. */
  void run() {
    try {
      for (;;) {
        WatchKey key = await(files.nanosToNextCheck(),
            settling.nanosToNextSettled(System.nanoTime()));
        if (key != null) {
          Set<String> touched = new LinkedHashSet<>();
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
              touched.add(ControlFiles.DEFERRED);
            } else {
              touched.add(event.context().toString());
            }
          }
          for (String name : touched) {
            handle(name);
          }
        }
        // after the events: a rename they report may just have replaced a file
        checkReplacedViews();
        actOnSettled(System.nanoTime());
        if (key != null && !key.reset()) {
          if (closed) {
            return;
          }
          System.err.println("initcall4j: control: " + files.directory().path()
              + " was removed; the control directory is off from now on");
          return;
        }
      }
    } catch (ClosedWatchServiceException e) {
      // closed at exit
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for an event, or until the sooner of two deadlines (each -1: none). */
  private WatchKey await(long checkNanos, long settleNanos) throws InterruptedException {
    long wait = checkNanos < 0 ? settleNanos
        : settleNanos < 0 ? checkNanos : Math.min(checkNanos, settleNanos);
    return wait < 0 ? watcher.take() : watcher.poll(wait, TimeUnit.NANOSECONDS);
  }

  /** Acts on what was written into files fresh views replaced; package-private for tests. */
  void checkReplacedViews() {
    for (ReplacedViews.Caught caught : files.writesInReplacedViews()) {
      if (caught.rejection() != null) {
        files.reject(ControlFiles.DEFERRED, caught.rejection());
      } else {
        arrived(caught.fileKey(), new ControlFiles.Write(null, caught.bytes()));
      }
    }
  }

  /**
   * Acts on the text without a newline that has not changed for the settle time. The files are
   * looked at first, so that a piece whose event is still on its way replaces the text it
   * completes instead of letting that be taken for the whole. Package-private so that tests can
   * drive the steps in the order they choose.
   */
  void actOnSettled(long nowNanos) {
    if (settling.nanosToNextSettled(nowNanos) != 0) {
      return;
    }
    handle(ControlFiles.DEFERRED);
    checkReplacedViews();
    for (ControlFiles.Write write : settling.settled(nowNanos)) {
      act(write);
    }
  }

  void close() {
    closed = true;
    try {
      watcher.close();
    } catch (IOException e) {
      // exiting anyway
    }
  }

  /** Handles a change to one file; package-private so that tests can drive it step by step. */
  void handle(String name) {
    if (ControlDirectory.isOwnHidden(name)) {
      return; // our own temporary files and hidden names; writes into those files are checked
    }
    if (!ControlFiles.NAMES.contains(name)) {
      if (reportedStrangers.add(name)) {
        files.reject(name, "unknown file; commands go to " + ControlFiles.DEFERRED + " ("
            + ControlCommand.USAGE + ")");
      }
      return;
    }
    ControlFiles.Write write;
    try {
      write = files.newWrite(name);
    } catch (RejectedInputException e) {
      files.reject(name, e.getMessage());
      return;
    } catch (IOException e) {
      return; // gone again before it could be read: nothing to act on
    }
    if (write == null) {
      return;
    }
    if (!name.equals(ControlFiles.DEFERRED)) {
      files.reject(name, name + " is read-only; " + ControlCommand.USAGE + " to "
          + ControlFiles.DEFERRED);
      files.consumed(name, write);
      return;
    }
    arrived(write.identity().fileKey(), write);
  }

  /** A write read from the file with that key: acted on now, or held until it settles. */
  private void arrived(Object fileKey, ControlFiles.Write write) {
    ControlFiles.Write now = settling.offer(fileKey, write, System.nanoTime());
    if (now != null) {
      act(now);
    }
  }

  /** Runs the command written to deferred_initcalls, or rejects it. */
  private void act(ControlFiles.Write write) {
    String name = ControlFiles.DEFERRED;
    ControlCommand command;
    try {
      command = ControlCommand.parse(write.bytes(), runtime::knows, this::closestName);
    } catch (RejectedInputException e) {
      // the error first, then the view: a reader who sees the view back also sees the error
      files.reject(name, e.getMessage());
      files.consumed(name, write);
      return;
    }
    if (command == null) {
      return; // truncated, not written yet: the write that follows brings another event
    }
    files.consumed(name, write);
    run(command);
  }

  /** Runs the flush; one that did not all succeed is said in last_error, each problem named. */
  private void run(ControlCommand command) {
    String what = command.all() ? "all" : command.name();
    String requested = "initcall4j: control: flush " + what + " requested in "
        + files.directory().path().resolve(ControlFiles.DEFERRED);
    try {
      FlushResult result = FlushRequest.run(runtime, FlushTrigger.CONTROL_FILE,
          command.all() ? null : command.name(), requested);
      if (!result.allSucceeded()) {
        files.lastError(requested + ": " + result.summary());
      }
    } catch (RuntimeException e) {
      files.reject(ControlFiles.DEFERRED, "flush " + what + " failed: " + e);
    }
    files.changed();
  }

  private String closestName(String wanted) {
    return EditDistance.closest(wanted, runtime.names());
  }
}
