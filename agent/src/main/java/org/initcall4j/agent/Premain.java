package org.initcall4j.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry points the JVM calls. Kept tiny: everything else happens in {@link Agent}, and nothing is
 * loaded that the options do not ask for.
 */
public final class Premain {
  private Premain() {}

  /** {@code -javaagent}: runs before the application's main class is loaded. */
  public static void premain(String options, Instrumentation instrumentation) {
    try {
      Agent.start(options, instrumentation, true);
    } catch (AgentStartupException | IllegalArgumentException e) {
      System.err.println("initcall4j: " + e.getMessage());
      System.err.println("initcall4j: stopping the JVM before main");
      System.err.flush();
      // Stop before main, as the user asked for checked start-up; exit runs shutdown hooks.
      Runtime.getRuntime().exit(1);
    }
  }

  /** Dynamic attach: never stops the target JVM; errors go back to the attaching tool. */
  public static void agentmain(String options, Instrumentation instrumentation) {
    Agent.start(options, instrumentation, false);
  }
}
