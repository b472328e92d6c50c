package org.initcall4j.agent.transform;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.initcall4j.agent.runtime.InitcallRuntime;

/**
 * What every hook shares: the runtime, the application loader, one-time warnings, and how many
 * calls a deferred entry point may park.
 */
final class HookContext {
  private final ClassLoader loader;
  private final PrintStream warnings;
  private final int parkedMax;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile InitcallRuntime runtime;

  HookContext(ClassLoader loader, PrintStream warnings, int parkedMax) {
    this.loader = loader;
    this.warnings = warnings;
    this.parkedMax = parkedMax;
  }

  /** Option {@code parked.max}: the bound of each deferred entry point's queue. */
  int parkedMax() {
    return parkedMax;
  }

  ClassLoader loader() {
    return loader;
  }

  InitcallRuntime runtime() {
    return runtime;
  }

  void attach(InitcallRuntime started) {
    runtime = started;
  }

  /** Prints a warning the first time its text is seen. */
  void warnOnce(String message) {
    if (warned.add(message)) {
      warnings.println("initcall4j: " + message);
    }
  }
}
