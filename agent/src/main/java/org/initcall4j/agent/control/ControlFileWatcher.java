package org.initcall4j.agent.control;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.initcall4j.agent.graph.EditDistance;
import org.initcall4j.agent.runtime.FlushResult;
import org.initcall4j.agent.runtime.InitcallRecord;
import org.initcall4j.agent.runtime.InitcallRuntime;
import org.initcall4j.agent.runtime.OperatorFlush;

/**
 * Waits for writes to the control directory (inotify on Linux, through {@link WatchService}: no
 * polling) and acts on them on the control thread: a command in {@code deferred_initcalls} runs a
 * flush, anything else is rejected and nothing runs. While files replaced by fresh views are kept
 * ({@link ReplacedViews}), the wait is bounded by their next check.
 */
final class ControlFileWatcher {
  private final ControlFiles files;
  private final InitcallRuntime runtime;
  private final WatchService watcher;
  private final Set<String> reportedStrangers = new LinkedHashSet<>();
  /** Set at exit, before the directory goes: its removal then is no news. */
  private volatile boolean closed;

  ControlFileWatcher(ControlFiles files, InitcallRuntime runtime) throws IOException {
    this.files = files;
    this.runtime = runtime;
    Path dir = files.directory().path();
    this.watcher = dir.getFileSystem().newWatchService();
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY);
  }

  /** Handles writes until the watcher is closed (at exit) or the directory disappears. */
  void run() {
    try {
      for (;;) {
        long wait = files.nanosToNextCheck();
        WatchKey key = wait < 0 ? watcher.take() : watcher.poll(wait, TimeUnit.NANOSECONDS);
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
        for (ReplacedViews.Caught caught : files.writesInReplacedViews()) {
          if (caught.rejection() != null) {
            files.reject(ControlFiles.DEFERRED, caught.rejection());
          } else {
            act(new ControlFiles.Write(null, caught.bytes()));
          }
        }
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

  void close() {
    closed = true;
    try {
      watcher.close();
    } catch (IOException e) {
      // exiting anyway
    }
  }

  private void handle(String name) {
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
    act(write);
  }

  /** Runs the command written to deferred_initcalls, or rejects it. */
  private void act(ControlFiles.Write write) {
    String name = ControlFiles.DEFERRED;
    ControlCommand command;
    try {
      command = ControlCommand.parse(write.bytes(), n -> runtime.find(n) != null,
          this::closestName);
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
    System.err.println(requested);
    try {
      // on a non-daemon thread, as main would run it: this one is a daemon
      FlushResult result = OperatorFlush.runAndWait(runtime,
          command.all() ? null : command.name(), "initcall4j-control-flush");
      if (!result.allSucceeded()) {
        files.lastError(requested + ": " + result.summary());
      }
    } catch (RuntimeException e) {
      files.reject(ControlFiles.DEFERRED, "flush " + what + " failed: " + e);
    }
    files.changed();
  }

  private String closestName(String wanted) {
    List<String> names = new ArrayList<>();
    for (InitcallRecord record : runtime.records()) {
      names.add(record.name());
    }
    return EditDistance.closest(wanted, names);
  }
}
