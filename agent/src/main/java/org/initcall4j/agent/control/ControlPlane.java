package org.initcall4j.agent.control;

import java.io.IOException;
import org.initcall4j.agent.jmx.InitcallsMBeanRegistration;
import org.initcall4j.agent.runtime.InitMemory;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Starts the operator's ways in (and frees the init memory once everything has run), after
 * boot and off the start-up path: one daemon thread ({@code initcall4j-control}) creates the
 * control directory and registers the MBean (loading java.management costs tens of
 * milliseconds, so never in premain), then waits for writes to the directory. Nothing starts
 * when the application has nothing to control.
 */
public final class ControlPlane {
  private static volatile FlushScheduler scheduler;

  private ControlPlane() {}

  /**
   * Starts the control plane for a runtime whose boot is over (or that was attached).
   *
   * @param wanted false when there is nothing to control: then no thread, no directory, no MBean
   */
  public static void start(ControlOptions options, InitcallRuntime runtime, boolean wanted) {
    if (!wanted) {
      return;
    }
    InitMemory memory = new InitMemory(runtime);
    runtime.addListener(memory);
    FlushScheduler flush = new FlushScheduler(options.flushPolicy(), runtime);
    scheduler = flush;
    flush.afterBoot();
    if (!options.directoryOn() && !options.jmxOn()) {
      return;
    }
    Thread thread = new Thread(new ControlThread(options, runtime, flush, memory),
        "initcall4j-control");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code Initcalls.ready()}: the application's primary job is up. */
  public static void ready() {
    FlushScheduler flush = scheduler;
    if (flush != null) {
      flush.ready();
    }
  }

  /** The flush policy in force, or null when the control plane did not start. */
  public static FlushScheduler scheduler() {
    return scheduler;
  }

  /** A named class, not a lambda: started from premain, where no lambda bootstrap may run. */
  private record ControlThread(ControlOptions options, InitcallRuntime runtime,
      FlushScheduler flush, InitMemory memory) implements Runnable {
    @Override
    public void run() {
      // the directory first (cheap); writes made while JMX loads wait in the watcher's queue
      ControlFileWatcher watcher = options.directoryOn() ? openDirectory(options, runtime) : null;
      if (options.jmxOn()) {
        InitcallsMBeanRegistration.register(runtime, flush, memory,
            watcher == null ? "off" : options.directoryOrDefault().toString());
      }
      if (watcher != null) {
        watcher.run();
      }
    }
  }

  /** The directory and its watcher, or null (with the reason on stderr) when it is unsafe. */
  private static ControlFileWatcher openDirectory(ControlOptions options,
      InitcallRuntime runtime) {
    // the exit hook comes first, and the directory is made under its lock: a short-lived
    // application's exit waits for the making to end, then removes what was made
    CleanupAtExit cleanup = new CleanupAtExit();
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(cleanup, "initcall4j-control-cleanup"));
    } catch (IllegalStateException e) {
      return null; // already exiting
    }
    ControlFiles files;
    ControlFileWatcher watcher;
    synchronized (cleanup) {
      if (cleanup.exiting) {
        return null;
      }
      try {
        ControlDirectory directory = ControlDirectory.open(options.directoryOrDefault());
        if (!directory.created()) {
          directory.remove(ControlFiles.NAMES); // views a killed JVM left there are stale
        }
        files = new ControlFiles(directory, runtime);
      } catch (ControlDirectoryException e) {
        System.err.println("initcall4j: " + e.getMessage() + "; the control directory is off,"
            + " the application runs on");
        return null;
      }
      try {
        // watch before the files appear: a write right after they do must not be missed
        watcher = new ControlFileWatcher(files, runtime);
      } catch (IOException e) {
        System.err.println("initcall4j: control directory " + options.directoryOrDefault()
            + " cannot be watched: " + e + "; the control directory is off");
        files.remove();
        return null;
      }
      cleanup.files = files;
      cleanup.watcher = watcher;
    }
    runtime.addListener(files);
    files.changed();
    return watcher;
  }

  /** Removes the directory at exit, after any making of it in progress has ended. */
  private static final class CleanupAtExit implements Runnable {
    ControlFiles files;
    ControlFileWatcher watcher;
    boolean exiting;

    @Override
    public synchronized void run() {
      exiting = true;
      if (watcher != null) {
        watcher.close();
      }
      if (files != null) {
        files.remove();
      }
    }
  }
}
