package org.initcall4j.agent.transform;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import org.initcall4j.agent.ModuleAccess;

/**
 * Rewrites only the classes a config names. Every other class is rejected on one hash lookup of
 * its name before anything is parsed; a class being redefined, one loaded by another loader than
 * the application's, or one that fails to rewrite is left exactly as it was (logged once). A
 * rewritten class of a named module is given the access its hooks need (see
 * {@link #grantAccess}).
 */
final class InitcallTransformer implements ClassFileTransformer {
  private final Map<String, ClassPlan> plans;
  private final HookContext context;
  /** Null in-process (tests, benchmarks): classes of named modules are then left as they were. */
  private final Instrumentation instrumentation;

  InitcallTransformer(Map<String, ClassPlan> plans, HookContext context,
      Instrumentation instrumentation) {
    this.plans = plans;
    this.context = context;
    this.instrumentation = instrumentation;
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    return transform(null, loader, className, classBeingRedefined, protectionDomain,
        classfileBuffer);
  }

  /** The JVM calls this one; {@code module} is null when called as a class-path class. */
  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (className == null || classBeingRedefined != null) {
      return null; // hidden classes have no name; adding or moving <clinit> needs a first load
    }
    ClassPlan plan = plans.get(className);
    if (plan == null) {
      return null;
    }
    String name = className.replace('/', '.');
    if (loader != context.loader()) {
      context.warnOnce(name + " is loaded by " + loader + ", not by the application class loader"
          + " the config was checked against: left as it was, its initcalls are not hooked");
      return null;
    }
    try {
      byte[] rewritten = ClassRewriter.rewrite(classfileBuffer, plan);
      if (module != null && module.isNamed()) {
        grantAccess(module, name, plan);
      }
      plan.markRewritten();
      return rewritten;
    } catch (Throwable t) {
      context.warnOnce("cannot rewrite " + name + ", left as it was (its initcalls run as"
          + " plain code, not deferred or guarded): " + t);
      return null;
    }
  }

  /**
   * The inserted code calls {@link InitcallHooks}, on the class path, which a named module does
   * not read; and deferred hooks call the class's own (private) code by reflection at the flush,
   * which needs its package open to the agent.
   */
  private void grantAccess(Module module, String className, ClassPlan plan) {
    ModuleAccess.readAgent(instrumentation, module);
    if (plan.reflectsIntoClass()) {
      ModuleAccess.openToAgent(instrumentation, module, packageOf(className));
    }
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }
}
