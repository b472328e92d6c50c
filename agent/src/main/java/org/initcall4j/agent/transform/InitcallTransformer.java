package org.initcall4j.agent.transform;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import org.initcall4j.agent.runtime.ModuleAccess;

/**
 * Rewrites the classes a config names, and, when a deferred class has static fields others can
 * reach, guards those fields' accesses in the application's other classes
 * ({@link StaticFieldGuards}). Every other class is rejected on one hash lookup of its name (and,
 * with guards, one walk of its constant pool) before anything is parsed; a class being
 * redefined, a named class loaded by another loader than the application's, or one that fails to
 * rewrite is left exactly as it was (logged once). A rewritten class of a named module has its
 * package opened to the agent when a hook reflects into it ({@link #openIfReflected}).
 */
final class InitcallTransformer implements ClassFileTransformer {
  private final Map<String, ClassPlan> plans;
  /** Null when no deferred class has static fields other classes can reach. */
  private final StaticFieldGuards guards;
  private final HookContext context;
  /** Null in-process (tests, benchmarks): then a named module's package cannot be opened. */
  private final Instrumentation instrumentation;

  InitcallTransformer(Map<String, ClassPlan> plans, StaticFieldGuards guards,
      HookContext context, Instrumentation instrumentation) {
    this.plans = plans;
    this.guards = guards;
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
      return guards == null ? null : guardFieldAccesses(loader, className, classfileBuffer);
    }
    String name = className.replace('/', '.');
    if (loader != context.loader()) {
      context.warnOnce(name + " is loaded by " + loader + ", not by the application class loader"
          + " the config was checked against: left as it was, its initcalls are not hooked");
      return null;
    }
    try {
      byte[] rewritten = ClassRewriter.rewrite(classfileBuffer, plan, guards);
      if (module != null && module.isNamed()) {
        openIfReflected(module, name, plan);
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
   * A class with no initcall of its own: guarded where it reads or writes a deferred class's
   * static field. Most classes are passed over on their loader or one walk of their constant
   * pool.
   */
  private byte[] guardFieldAccesses(ClassLoader loader, String className, byte[] classFile) {
    boolean[] methods = guards.covers(loader) ? guards.methodsToGuard(classFile) : null;
    if (methods == null) {
      return null;
    }
    try {
      return guards.rewrite(classFile, methods);
    } catch (Throwable t) {
      context.warnOnce("cannot guard the deferred classes' static fields in "
          + className.replace('/', '.') + ", left as it was (its accesses may read them before"
          + " their initializer ran): " + t);
      return null;
    }
  }

  /**
   * Deferred hooks call the class's own private code by reflection at the flush, which needs its
   * package open to the agent. The calls inserted into the class need no grant: the JVM lets a
   * module whose class an agent changed read the class path's unnamed module (see
   * {@link ModuleAccess}).
   */
  private void openIfReflected(Module module, String className, ClassPlan plan) {
    if (plan.reflectsIntoClass()) {
      ModuleAccess.openToAgent(instrumentation, module, packageOf(className));
    }
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }
}
