package org.initcall4j.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry points the JVM calls. Kept tiny: everything else happens in {@link AgentSession}, and nothing is
 * loaded that the options do not ask for.
 */
public final class Premain {
  /**
   * The internal agent argument by which an operator's tool ({@code Cli}) asks a JVM already
   * running the agent for its MBean: it loads the agent jar again with this argument.
   */
  public static final String MBEAN_ON_REQUEST = "initcall4j-internal:register-mbean";

  /**
   * The system property naming (as a URL) the jar of the agent running in this JVM, set when its
   * MBean may be asked for: an operator's tool reads it to know where to send the request.
   */
  public static final String JAR_PROPERTY = "initcall4j.agent.jar";

  /**
   * Set once the agent runs in this JVM ({@code -javaagent} or {@code attach}), so that an
   * operator's tool refuses a second attach before loading anything.
   */
  public static final String RUNNING_PROPERTY = "initcall4j.agent.running";

  /** Why the last dynamic attach did not start the agent, for the attaching tool to print. */
  public static final String ATTACH_ERROR_PROPERTY = "initcall4j.agent.attachError";

  private Premain() {}

  /** {@code -javaagent}: runs before the application's main class is loaded. */
  public static void premain(String options, Instrumentation instrumentation) {
    try {
      AgentSession.start(options, instrumentation, true);
    } catch (RuntimeException e) {
      // caught broadly and told apart here: a catch clause naming the agent's own exception
      // would load it with this class, on every start-up, for a path that is rarely taken
      if (!(e instanceof IllegalArgumentException) && !isStartupFailure(e)) {
        throw e;
      }
      stopBeforeMain(e);
    }
  }

  /** Bad options, index, config or a fatal boot: says why and stops before the application. */
  static void stopBeforeMain(RuntimeException e) {
    System.err.println("initcall4j: " + e.getMessage());
    System.err.println("initcall4j: stopping the JVM before main");
    System.err.flush();
    // Stop before main, as the user asked for checked start-up; exit runs shutdown hooks.
    Runtime.getRuntime().exit(1);
  }

  /**
   * Dynamic attach: never stops the target JVM; errors go back to the attaching tool. With
   * {@link #MBEAN_ON_REQUEST}, the agent already running here registers its MBean instead.
   */
  public static void agentmain(String options, Instrumentation instrumentation) {
    if (MBEAN_ON_REQUEST.equals(options)) {
      AgentSession session = AgentSession.current();
      if (session == null) {
        throw new IllegalStateException("initcall4j: the agent has not started in this JVM, so"
            + " there is no MBean to register; start it with -javaagent:initcall-agent.jar");
      }
      session.registerMBeanOnRequest();
      return;
    }
    System.clearProperty(ATTACH_ERROR_PROPERTY);
    try {
      AgentSession.start(options, instrumentation, false);
    } catch (RuntimeException e) {
      if (!(e instanceof IllegalArgumentException) && !(e instanceof IllegalStateException)
          && !isStartupFailure(e)) {
        throw e;
      }
      // one line here and the reason for the tool, not the JDK's stack trace of a failed agent
      System.err.println("initcall4j: not attached: " + e.getMessage());
      System.setProperty(ATTACH_ERROR_PROPERTY, String.valueOf(e.getMessage()));
    }
  }

  private static boolean isStartupFailure(RuntimeException e) {
    return e instanceof AgentStartupException;
  }
}
