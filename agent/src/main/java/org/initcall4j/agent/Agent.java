package org.initcall4j.agent;

import java.lang.instrument.Instrumentation;
import java.security.CodeSource;
import org.initcall4j.agent.index.IndexLoader;
import org.initcall4j.agent.launch.LaunchTarget;
import org.initcall4j.agent.profile.ProfileMode;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Holds the one runtime of this JVM and decides, cheaply, where the application's classes come
 * from and whether there is anything to start. The application's class loader is the one that
 * defines its main class: the system class loader on a plain class path or module path, the
 * launcher's own loader behind a launcher ({@link LaunchTarget}), found when the main class is
 * defined. A loader that sees no initcall index, started with no option that asks for work, gets
 * an idle agent: a few classes and one resource lookup, and its (empty) runtime is made only if
 * something asks for it ({@link AgentStart} does the wiring).
 */
public final class Agent {
  private static volatile InitcallRuntime runtime;
  // all guarded by Agent.class: set when the agent started idle, or waits for a launcher
  private static AgentOptions idleOptions;
  private static Instrumentation idleInstrumentation;
  private static ClassLoader idleLoader;
  private static boolean watchingLauncher;

  private Agent() {}

  /** The running initcall runtime, or null when the agent has not started. */
  public static InitcallRuntime runtime() {
    InitcallRuntime current = runtime;
    return current != null ? current : idleRuntime();
  }

  /** Whether the agent started in this JVM, idle or not. */
  static synchronized boolean isRunning() {
    return runtime != null || idleOptions != null || watchingLauncher;
  }

  private static synchronized InitcallRuntime idleRuntime() {
    if (runtime == null && idleOptions != null) {
      AgentStart.start(idleOptions, idleInstrumentation, idleLoader, true, true);
    }
    return runtime;
  }

  static synchronized void start(String optionText, Instrumentation instrumentation,
      boolean atBoot) {
    if (isRunning()) {
      throw new IllegalStateException("initcall4j agent is already running in this JVM");
    }
    AgentOptions options = AgentOptions.parse(optionText);
    String launchedMain = LaunchTarget.applicationMainClass(options.value("main"));
    if (atBoot && launchedMain != null) {
      startBehindLauncher(options, instrumentation, launchedMain);
      return;
    }
    ClassLoader loader = atBoot || launchedMain == null ? ClassLoader.getSystemClassLoader()
        : loaderOfLoaded(instrumentation, launchedMain);
    if (atBoot && nothingAskedFor(options) && !IndexLoader.anyIndex(loader)) {
      startIdle(options, instrumentation, loader);
      return;
    }
    AgentStart.start(options, instrumentation, loader, atBoot, false);
  }

  /** Only flags that change nothing when there are no initcalls; any other option means work. */
  private static boolean nothingAskedFor(AgentOptions options) {
    return options.onlyFlagsAmong("debug", "fatal", "async", "timeout.skip", "main", "exit.wait",
        "exit.parked", "parked.max", "control.delay"); // with no index nothing is deferred:
    // nothing to exit with, and no control plane starts
  }

  /** Nothing to run on this loader: an idle agent, and a word if an index seems lost. */
  private static void startIdle(AgentOptions options, Instrumentation instrumentation,
      ClassLoader loader) {
    String hint = IndexLoader.missingIndexHint(loader);
    if (hint != null) {
      System.err.println(hint);
    }
    idleOptions = options;
    idleInstrumentation = instrumentation;
    idleLoader = loader;
    System.setProperty(Premain.RUNNING_PROPERTY, "-javaagent");
    offerMBeanOnRequest();
  }

  /**
   * The application's loader does not exist yet: watch for its main class. Profile mode starts
   * now, so that the launcher's and the libraries' static initializers are timed too.
   */
  private static void startBehindLauncher(AgentOptions options, Instrumentation instrumentation,
      String mainClass) {
    if (options.anyStartingWith("profile")) {
      ProfileMode.install(options, instrumentation);
    }
    watchingLauncher = true;
    System.setProperty(Premain.RUNNING_PROPERTY, "-javaagent");
    BehindLauncher.watch(options, instrumentation, mainClass);
  }

  /** Behind a launcher, once the main class is defined: the loader is known now. */
  static void stopWatching() {
    watchingLauncher = false;
  }

  /** Behind a launcher: whether to start idle on the application's loader (it was told why). */
  static boolean startIdleIfNothingToRun(AgentOptions options, Instrumentation instrumentation,
      ClassLoader loader) {
    if (nothingAskedFor(options) && !IndexLoader.anyIndex(loader)) {
      startIdle(options, instrumentation, loader);
      return true;
    }
    return false;
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

  /** The runtime is visible (to the API, to initcalls) before its boot runs. */
  static void publish(InitcallRuntime started, boolean atBoot) {
    runtime = started;
    System.setProperty(Premain.RUNNING_PROPERTY, atBoot ? "-javaagent" : "attach");
  }

  /**
   * Says where this agent's jar is, so that an operator's tool finding no MBean can load it
   * again to ask for one ({@link Premain#MBEAN_ON_REQUEST}). One system property: nothing loads.
   */
  static void offerMBeanOnRequest() {
    CodeSource source = Agent.class.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      System.setProperty(Premain.JAR_PROPERTY, source.getLocation().toExternalForm());
    }
  }
}
