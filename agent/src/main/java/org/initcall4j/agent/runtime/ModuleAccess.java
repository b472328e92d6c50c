package org.initcall4j.agent.runtime;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Opens a named module's package to the agent, through {@link Instrumentation#redefineModule},
 * so that the agent can call its non-public code by reflection (initcall methods, the moved
 * static initializers and parked calls of config initcalls). The agent jar is on the class
 * path, so all of the agent is in one module, the unnamed module of the system class loader,
 * and that is what the package is opened to: the JVM cannot tell the agent from the rest of the
 * class path. Loaded only when a class of a named module needs it.
 *
 * <p>Reads need no grant: code the agent inserts into a named module's classes calls the
 * agent's hooks and recorder, and the JVM itself makes the module of every class a transformer
 * changed read the unnamed modules of the boot and system class loaders (java.lang.instrument,
 * "Instrumenting code in modules"; {@code ModulePathIT} runs it on JDK 17 and 25).
 */
public final class ModuleAccess {
  private static final Module AGENT = ModuleAccess.class.getModule();

  private ModuleAccess() {}

  /** Opens a package of {@code module} to the agent's module, unless it already is. */
  public static void openToAgent(Instrumentation instrumentation, Module module, String pkg) {
    if (!module.isOpen(pkg, AGENT)) {
      String what = "open package " + pkg + " of module " + module.getName() + " to the agent";
      String fix = "--add-opens " + module.getName() + "/" + pkg + "=ALL-UNNAMED";
      if (instrumentation == null) {
        throw new IllegalStateException("cannot " + what + ": no Instrumentation (the agent was"
            + " not started by the JVM); start the JVM with " + fix);
      }
      try {
        instrumentation.redefineModule(module, Set.of(), Map.of(), Map.of(pkg, Set.of(AGENT)),
            Set.of(), Map.of());
      } catch (RuntimeException e) {
        throw new IllegalStateException("cannot " + what + ": " + e + "; start the JVM with "
            + fix, e);
      }
    }
  }
}
