package org.initcall4j.benchmarks.startup;

import java.lang.instrument.Instrumentation;

/** The floor for any agent: a -javaagent whose premain does nothing. Packed alone into a jar. */
public final class NoopAgent {
  private NoopAgent() {}

  public static void premain(String options, Instrumentation instrumentation) {
    // nothing: what is measured is the JVM's cost of loading an agent at all
  }
}
