package org.initcall4j.agent.control;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import org.initcall4j.agent.runtime.InitMemory;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Starts the operator's ways in (and frees the init memory once everything has run), after
 * boot and off the start-up path: one daemon thread ({@code initcall4j-control}) waits until
 * the application's start-up is over ({@code control.delay} after boot, or sooner when the
 * application calls {@code Initcalls.ready()} or an operator's tool asks for the MBean), then
 * creates the control directory, leaves the MBean to the first use of JMX ({@link JmxUseWatch}:
 * loading java.management costs tens of milliseconds) unless {@code jmx=on} asks for it at once,
 * and waits for writes to the directory. Measured on H2's shell, the directory, its views and
 * watcher cost tens of milliseconds of CPU (class loading, mostly) on a machine whose cores the
 * start-up needs; after the wait a short program pays nothing. When the application has nothing
 * to control, only what was asked for by name starts ({@code jmx=on}, {@code control=DIR}); the
 * MBean can still be had later, on an operator's request.
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
  /** Set when the start-up is over before the delay has passed: ready(), an operator asks. */
  private boolean startNow;
  /** True from start() until the control thread has opened the directory (or failed to). */
  private boolean directoryPending;

  /** How long an operator's request for the MBean waits for the directory it names. */
  private static final long DIRECTORY_WAIT_MILLIS = 10_000;

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
      // jmx=on asks for the MBean from the start, and the MBean names the directory
      long delayNanos = running.jmxAsked() ? 0 : running.delayMillis() * 1_000_000L;
      synchronized (plane) {
        plane.directoryPending = running.directoryOn();
      }
      Thread thread = new Thread(new ControlThread(plane, running, instrumentation,
          System.nanoTime() + delayNanos), "initcall4j-control");
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
      awaitDirectory(); // the MBean names it
      mbeanRegistered = registrar.register(controlled, scheduler, memory, directoryInUse,
          chosen.jmxReadOnly());
    }
  }

  /**
   * Has the control thread make the directory now, if it still waits for the start-up to end,
   * and waits (bounded) until it is made. Holds this plane's lock; {@code wait} lets the control
   * thread take it.
   */
  private synchronized void awaitDirectory() {
    startNow();
    long deadline = System.nanoTime() + DIRECTORY_WAIT_MILLIS * 1_000_000L;
    try {
      for (long left = DIRECTORY_WAIT_MILLIS; directoryPending && left > 0;
          left = (deadline - System.nanoTime()) / 1_000_000L) {
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (directoryPending) {
      System.err.println("initcall4j: the control directory was not made within "
          + DIRECTORY_WAIT_MILLIS / 1000 + " s; the MBean's ControlDirectory says off");
    }
  }

  /** The start-up is over: the control thread stops waiting for its delay. */
  private synchronized void startNow() {
    startNow = true;
    notifyAll();
  }

  /**
   * Waits until the delay after boot has passed or {@link #startNow} was called.
   *
   * @return false when interrupted
   */
  private synchronized boolean awaitStartupOver(long startNanos) {
    try {
      for (long left = startNanos - System.nanoTime(); !startNow && left > 0;
          left = startNanos - System.nanoTime()) {
        wait(Math.max(1, left / 1_000_000L));
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The directory is made, or will not be: an MBean waiting to name it can go on. */
  private synchronized void directoryDecided() {
    directoryPending = false;
    notifyAll();
  }

  /** A named class, not a lambda, like the control thread's. */
  private record RegisterMBean(ControlPlane plane) implements Runnable {
    @Override
    public void run() {
      plane.registerMBean();
    }
  }

  /** {@code Initcalls.ready()}: the application's primary job is up, its start-up over. */
  public void ready() {
    scheduler.ready();
    startNow();
  }

  /**
   * A named class, not a lambda: started from premain, where no lambda bootstrap may run.
   *
   * @param startNanos when the delay after boot ends ({@code System.nanoTime()})
   */
  private record ControlThread(ControlPlane plane, ControlOptions options,
      Instrumentation instrumentation, long startNanos) implements Runnable {
    @Override
    public void run() {
      ControlFileWatcher watcher = null;
      try {
        if (!plane.awaitStartupOver(startNanos)) {
          return;
        }
        // the directory first (cheap); writes made while JMX loads wait in the watcher's queue
        if (options.directoryOn()) {
          synchronized (plane) { // an MBean registered meanwhile must name it
            watcher = openDirectory(options, plane.controlled);
            if (watcher != null) {
              plane.directoryInUse = watcher.directory().toString(); // the usual name may be taken
            }
          }
        }
      } finally {
        plane.directoryDecided();
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
