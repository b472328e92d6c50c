package org.initcall4j.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * The access the agent needs to the classes of a named module, granted through
 * {@link Instrumentation#redefineModule}. The agent jar is on the class path, so all of the
 * agent (runtime, config hooks, profile recorder) is in one module: the unnamed module of the
 * system class loader, which a named module neither reads nor opens its packages to. Calling an
 * initcall's non-public method needs its package opened to that module; code the agent inserts
 * into a module's classes needs the module to read it. Each grant is made once, when first
 * needed; the class is loaded only when a class of a named module is met.
 *
 * <p>What is opened or read is the class path's unnamed module, not the agent alone: the JVM
 * cannot tell the agent's classes from the rest of the class path.
 */
public final class ModuleAccess {
  private static final Module AGENT = ModuleAccess.class.getModule();

  private ModuleAccess() {}

  /** Opens a package of {@code module} to the agent's module, unless it already is. */
  public static void openToAgent(Instrumentation instrumentation, Module module, String pkg) {
    if (!module.isOpen(pkg, AGENT)) {
      redefine(instrumentation, module, Set.of(), Map.of(pkg, Set.of(AGENT)),
          "open package " + pkg + " of module " + module.getName() + " to the agent",
          "--add-opens " + module.getName() + "/" + pkg + "=ALL-UNNAMED");
    }
  }

  /** Makes {@code module} read the agent's module, unless it already does. */
  public static void readAgent(Instrumentation instrumentation, Module module) {
    if (!module.canRead(AGENT)) {
      redefine(instrumentation, module, Set.of(AGENT), Map.of(),
          "let module " + module.getName() + " read the agent's module (the class path's)",
          "--add-reads " + module.getName() + "=ALL-UNNAMED");
    }
  }

  private static void redefine(Instrumentation instrumentation, Module module, Set<Module> reads,
      Map<String, Set<Module>> opens, String what, String fix) {
    if (instrumentation == null) {
      throw new IllegalStateException("cannot " + what + ": no Instrumentation (the agent was"
          + " not started by the JVM); start the JVM with " + fix);
    }
    try {
      instrumentation.redefineModule(module, reads, Map.of(), opens, Set.of(), Map.of());
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot " + what + ": " + e + "; start the JVM with "
          + fix, e);
    }
  }
}
