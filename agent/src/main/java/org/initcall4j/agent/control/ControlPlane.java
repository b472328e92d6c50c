package org.initcall4j.agent.control;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import org.initcall4j.agent.runtime.InitMemory;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Starts the operator's ways in (and frees the init memory once everything has run), after
 * boot and off the start-up path: one daemon thread ({@code initcall4j-control}) creates the
 * control directory, leaves the MBean to the first use of JMX ({@link JmxUseWatch}: loading
 * java.management costs tens of milliseconds) unless {@code jmx=on} asks for it at once, then
 * waits for writes to the directory. When the
 * application has nothing to control, only what was asked for by name starts ({@code jmx=on},
 * {@code control=DIR}); the MBean can still be had later, on an operator's request.
 */
public final class ControlPlane {
  private final ControlOptions chosen;
  private final InitcallRuntime controlled;
  private final FlushScheduler scheduler;
  private final MBeanRegistrar registrar;
  // guarded by this: what a later request for the MBean needs
  private InitMemory memory;
  private String directoryInUse = "off";
  private boolean mbeanRegistered;

  private ControlPlane(ControlOptions chosen, InitcallRuntime controlled,
      FlushScheduler scheduler, MBeanRegistrar registrar) {
    this.chosen = chosen;
    this.controlled = controlled;
    this.scheduler = scheduler;
    this.registrar = registrar;
  }

  /**
   * Starts the control plane for a runtime whose boot is over (or that was attached).
   *
   * @param somethingToControl false when there are no initcalls and no config: then only the
   *     parts named explicitly start, and with none named no thread, directory or MBean
   * @param instrumentation to watch for the first use of JMX, when the MBean waits for it; null
   *     in-process (benchmarks, tests): the MBean is registered at once
   * @param registrar registers the MBean when it is wanted (the JMX layer sits above this one)
   */
  public static ControlPlane start(ControlOptions options, InitcallRuntime runtime,
      boolean somethingToControl, Instrumentation instrumentation, MBeanRegistrar registrar) {
    // even when idle: Initcalls.ready() is remembered for a later MBean
    ControlPlane plane = new ControlPlane(options,
        runtime, new FlushScheduler(options.flushPolicy(), runtime), registrar);
    ControlOptions running = somethingToControl ? options : options.onlyWhatWasAskedFor();
    synchronized (plane) {
      if (!somethingToControl && !running.directoryOn() && !running.jmxOn()) {
        return plane;
      }
      plane.memory = new InitMemory(runtime);
      runtime.addListener(plane.memory);
    }
    plane.scheduler.afterBoot();
    if (running.directoryOn() || running.jmxOn()) {
      Thread thread = new Thread(new ControlThread(plane, running, instrumentation),
          "initcall4j-control");
      thread.setDaemon(true);
      thread.start();
    }
    return plane;
  }

  /**
   * Registers the MBean now, if it is not there yet: an operator's tool asks for it (see
   * {@code Premain.MBEAN_ON_REQUEST}) in a JVM whose control plane did not register it, such as
   * one in profile mode alone. Runs on the caller's thread and returns once it is registered.
   *
   * @throws IllegalStateException when the agent runs with jmx=off
   */
  public synchronized void registerMBeanOnRequest() {
    if (!chosen.jmxOn()) {
      throw new IllegalStateException("initcall4j: the agent runs with jmx=off here, so its"
          + " MBean stays out; use its control directory");
    }
    if (memory == null) { // none was needed: there are no initcalls, so it is freed at once
      memory = new InitMemory(controlled);
      controlled.addListener(memory);
      memory.tryFree();
    }
    registerMBean();
  }

  /** Registers the MBean once, whoever asks first (the control thread or an operator). */
  private synchronized void registerMBean() {
    if (!mbeanRegistered) {
      mbeanRegistered = registrar.register(controlled, scheduler, memory, directoryInUse,
          chosen.jmxReadOnly());
    }
  }

  /** A named class, not a lambda, like the control thread's. */
  private record RegisterMBean(ControlPlane plane) implements Runnable {
    @Override
    public void run() {
      plane.registerMBean();
    }
  }

  /** {@code Initcalls.ready()}: the application's primary job is up. */
  public void ready() {
    scheduler.ready();
  }

  /** The flush policy in force. */
  public FlushScheduler scheduler() {
    return scheduler;
  }

  /** A named class, not a lambda: started from premain, where no lambda bootstrap may run. */
  private record ControlThread(ControlPlane plane, ControlOptions options,
      Instrumentation instrumentation) implements Runnable {
    @Override
    public void run() {
      // the directory first (cheap); writes made while JMX loads wait in the watcher's queue
      ControlFileWatcher watcher = null;
      if (options.directoryOn()) {
        synchronized (plane) { // an MBean registered meanwhile must name it
          watcher = openDirectory(options, plane.controlled);
          if (watcher != null) {
            plane.directoryInUse = watcher.directory().toString(); // the usual name may be taken
          }
        }
      }
      if (options.jmxAsked() || (options.jmxOn() && instrumentation == null)) {
        plane.registerMBean(); // jmx=on: from the start
      } else if (options.jmxOn()) {
        JmxUseWatch.install(instrumentation, new RegisterMBean(plane));
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
        files = new ControlFiles(ControlLocation.open(options), runtime);
      } catch (ControlDirectoryException e) {
        System.err.println("initcall4j: " + e.getMessage() + "; the control directory is off,"
            + " the application runs on");
        return null;
      }
      try {
        // watch before the files appear: a write right after they do must not be missed
        watcher = new ControlFileWatcher(files, runtime);
      } catch (IOException e) {
        System.err.println("initcall4j: control directory " + files.directory().path()
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
