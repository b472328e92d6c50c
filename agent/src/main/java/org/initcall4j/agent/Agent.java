package org.initcall4j.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.security.CodeSource;
import org.initcall4j.agent.index.IndexFormat;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * Holds the one runtime of this JVM and decides, cheaply, whether there is anything to start.
 * A JVM whose class path has no initcall index, started with no option that asks for work, gets
 * an idle agent: a few classes and one resource lookup, and its (empty) runtime is made only if
 * something asks for it ({@link AgentStart} does the wiring).
 */
public final class Agent {
  private static volatile InitcallRuntime runtime;
  /** Guarded by Agent.class: set when the agent started idle. */
  private static AgentOptions idleOptions;
  private static Instrumentation idleInstrumentation;

  private Agent() {}

  /** The running initcall runtime, or null when the agent has not started. */
  public static InitcallRuntime runtime() {
    InitcallRuntime current = runtime;
    return current != null ? current : idleRuntime();
  }

  /** Whether the agent started in this JVM, idle or not. */
  static synchronized boolean isRunning() {
    return runtime != null || idleOptions != null;
  }

  private static synchronized InitcallRuntime idleRuntime() {
    if (runtime == null && idleOptions != null) {
      AgentStart.start(idleOptions, idleInstrumentation, true);
    }
    return runtime;
  }

  static synchronized void start(String optionText, Instrumentation instrumentation,
      boolean atBoot) {
    if (isRunning()) {
      throw new IllegalStateException("initcall4j agent is already running in this JVM");
    }
    AgentOptions options = AgentOptions.parse(optionText);
    // flags that change nothing when there are no initcalls; any other option means work
    if (atBoot && options.onlyFlagsAmong("debug", "fatal", "async", "timeout.skip")
        && !anyIndex()) {
      idleOptions = options;
      idleInstrumentation = instrumentation;
      System.setProperty(Premain.RUNNING_PROPERTY, "-javaagent");
      offerMBeanOnRequest();
      return;
    }
    AgentStart.start(options, instrumentation, atBoot);
  }

  /** Whether the class path has any initcall index, read or not (one resource lookup). */
  private static boolean anyIndex() {
    try {
      return ClassLoader.getSystemClassLoader().getResources(IndexFormat.RESOURCE)
          .hasMoreElements();
    } catch (IOException e) {
      return true; // the full start reads the index and reports this
    }
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
