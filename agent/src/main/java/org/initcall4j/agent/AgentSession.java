package org.initcall4j.agent;

import java.lang.instrument.Instrumentation;
import java.security.CodeSource;
import org.initcall4j.agent.control.ControlPlane;
import org.initcall4j.agent.index.IndexLoader;
import org.initcall4j.agent.launch.LaunchTarget;
import org.initcall4j.agent.profile.ProfileMode;
import org.initcall4j.agent.ready.ReadyMoment;
import org.initcall4j.agent.ready.ReadyWatch;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * The agent in this JVM, one per JVM: its options and everything it started from them (the
 * initcall runtime, profile mode, the control plane). Premain, an attach, the api and an
 * operator's request all reach the agent through {@link #current()}; nothing else keeps agent
 * state in static fields, except the hooks that rewritten application code calls.
 *
 * <p>It also decides, cheaply, where the application's classes come from and whether there is
 * anything to start. The application's class loader is the one that defines its main class:
 * the system class loader on a plain class path or module path, the launcher's own loader behind
 * a launcher ({@link LaunchTarget}), found when the main class is defined. A loader that sees no
 * initcall index, started with no option that asks for work, gets an idle agent: a few classes
 * and one resource lookup, and its (empty) runtime is made only if something asks for it
 * ({@link AgentStart} does the wiring).
 */
public final class AgentSession {
  /** The session of this JVM, or null before the agent started; guarded by the class. */
  private static AgentSession current;

  private final AgentOptions options;
  private final Instrumentation instrumentation;
  private final long startNanos = System.nanoTime();
  private volatile InitcallRuntime runtime;
  // all guarded by this
  private ProfileMode profile;
  private ControlPlane control;
  private ClassLoader idleLoader; // set when the agent started idle
  private ReadyMoment ready; // made when first needed

  private AgentSession(AgentOptions options, Instrumentation instrumentation) {
    this.options = options;
    this.instrumentation = instrumentation;
  }

  /** The agent of this JVM, or null when it has not started. */
  static synchronized AgentSession current() {
    return current;
  }

  /** Whether the agent started in this JVM, idle or not. */
  static synchronized boolean isRunning() {
    return current != null;
  }

  /**
   * Starts the agent: {@code premain} ({@code atBoot}) or an attach.
   *
   * @throws IllegalArgumentException for bad options
   * @throws IllegalStateException when the agent already runs here
   * @throws AgentStartupException for a bad index, config or graph, or a fatal boot
   */
  static synchronized void start(String optionText, Instrumentation instrumentation,
      boolean atBoot) {
    if (current != null) {
      throw new IllegalStateException("initcall4j agent is already running in this JVM");
    }
    AgentOptions options = AgentOptions.parse(optionText);
    options.prepareReportDirectory();
    AgentSession session = new AgentSession(options, instrumentation);
    if (options.ready() != null) {
      ReadyWatch.start(session.readyMoment());
    }
    String launchedMain = LaunchTarget.applicationMainClass(options.mainClass());
    if (atBoot && launchedMain != null) {
      current = session;
      session.watchLauncher(launchedMain);
      return;
    }
    ClassLoader loader = atBoot || launchedMain == null ? ClassLoader.getSystemClassLoader()
        : loaderOfLoaded(instrumentation, launchedMain);
    current = session; // before boot: initcalls may call the api
    try {
      synchronized (session) {
        if (!atBoot || !session.startIdleIfNothingToRun(loader)) {
          AgentStart.start(session, loader, atBoot, false);
        }
      }
    } catch (RuntimeException | Error e) {
      current = null; // an attach that failed may be tried again
      throw e;
    }
  }

  AgentOptions options() {
    return options;
  }

  Instrumentation instrumentation() {
    return instrumentation;
  }

  /** The running initcall runtime; an idle agent makes its (empty) one now. Null before start. */
  InitcallRuntime runtime() {
    InitcallRuntime made = runtime;
    if (made != null) {
      return made;
    }
    synchronized (this) {
      if (runtime == null && idleLoader != null) {
        AgentStart.start(this, idleLoader, true, true);
      }
      return runtime;
    }
  }

  /** {@code Initcalls.ready()}: the application's primary job is up. */
  void ready() {
    readyMoment().mark("Initcalls.ready()");
  }

  /**
   * When the application is ready, seen by the API or option {@code ready}'s watch; made on
   * first use, so that an agent that is never told loads none of it. The control plane hears of
   * it once it exists (the flush policy, the MBean's ready time).
   */
  synchronized ReadyMoment readyMoment() {
    if (ready == null) {
      ready = new ReadyMoment(startNanos, options.ready());
      ready.onReady(new TellControlPlane(this));
    }
    return ready;
  }

  /** A named class, not a lambda: made in premain, where no lambda bootstrap may run. */
  private record TellControlPlane(AgentSession session) implements Runnable {
    @Override
    public void run() {
      ControlPlane plane;
      synchronized (session) {
        plane = session.control;
      }
      if (plane != null) {
        plane.ready();
      }
    }
  }

  /**
   * An operator's tool asks for the MBean ({@link Premain#MBEAN_ON_REQUEST}): registered now,
   * on the caller's thread, if it is not there yet.
   *
   * @throws IllegalStateException when there is no runtime yet, or with jmx=off
   */
  void registerMBeanOnRequest() {
    runtime(); // an agent that started idle makes its runtime (and control plane) now
    ControlPlane plane;
    synchronized (this) {
      plane = control;
    }
    if (plane == null) {
      throw new IllegalStateException("initcall4j: the agent has not started its runtime in"
          + " this JVM yet (it waits for the application's main class), so there is no MBean"
          + " to register; ask again once the application has started");
    }
    plane.registerMBeanOnRequest();
  }

  /** Profile mode, started once if the options ask for it; null when they do not. */
  synchronized ProfileMode startProfile() {
    if (profile == null && options.profile() != null) {
      profile = ProfileMode.install(options.profile(), instrumentation, readyMoment());
    }
    return profile;
  }

  /** The runtime is visible (to the API, to initcalls) before its boot runs. */
  void publish(InitcallRuntime started, boolean atBoot) {
    runtime = started;
    System.setProperty(Premain.RUNNING_PROPERTY, atBoot ? "-javaagent" : "attach");
  }

  /** The control plane of the published runtime, started by {@link AgentStart}. */
  void controlPlaneStarted(ControlPlane plane) {
    boolean readyAlready;
    synchronized (this) {
      control = plane;
      readyAlready = ready != null && ready.seen();
    }
    if (readyAlready) { // seen during boot, before there was a plane to tell
      plane.ready();
    }
  }

  /** Profile mode if it was started, else null. */
  synchronized ProfileMode profile() {
    return profile;
  }

  /**
   * Behind a launcher, or at boot: starts idle on {@code loader} (in profile mode, if asked
   * for) when the options ask for nothing that matters without initcalls and the loader sees no
   * index (and says why if an index seems lost).
   *
   * @return whether it started idle
   */
  synchronized boolean startIdleIfNothingToRun(ClassLoader loader) {
    if (!options.askNothingWithoutInitcalls() || IndexLoader.anyIndex(loader)) {
      return false;
    }
    startProfile(); // an idle agent in profile mode if asked for
    String hint = IndexLoader.missingIndexHint(loader);
    if (hint != null) {
      System.err.println(hint);
    }
    idleLoader = loader;
    System.setProperty(Premain.RUNNING_PROPERTY, "-javaagent");
    offerMBeanOnRequest();
    return true;
  }

  /**
   * The application's loader does not exist yet: watch for its main class. Profile mode starts
   * now, so that the launcher's and the libraries' static initializers are timed too.
   */
  private synchronized void watchLauncher(String mainClass) {
    startProfile();
    System.setProperty(Premain.RUNNING_PROPERTY, "-javaagent");
    BehindLauncher.watch(this, mainClass);
  }

  /** For an attach behind a launcher: the loader of the application's main class. */
  private static ClassLoader loaderOfLoaded(Instrumentation instrumentation, String mainClass) {
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getName().equals(mainClass)) {
        return type.getClassLoader();
      }
    }
    throw new IllegalStateException("the application's main class " + mainClass + " (the"
        + " manifest's Start-Class or option 'main') is not loaded yet; attach once the"
        + " application has started");
  }

  /**
   * Says where this agent's jar is, so that an operator's tool finding no MBean can load it
   * again to ask for one ({@link Premain#MBEAN_ON_REQUEST}). One system property: nothing loads.
   */
  static void offerMBeanOnRequest() {
    CodeSource source = AgentSession.class.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      System.setProperty(Premain.JAR_PROPERTY, source.getLocation().toExternalForm());
    }
  }
}
