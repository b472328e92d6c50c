package org.initcall4j.agent.transform;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * Rewrites only the classes a config names. Every other class is rejected on one hash lookup of
 * its name before anything is parsed; a class being redefined, one loaded by another loader than
 * the application's, or one that fails to rewrite is left exactly as it was (logged once).
 */
final class InitcallTransformer implements ClassFileTransformer {
  private final Map<String, ClassPlan> plans;
  private final HookContext context;

  InitcallTransformer(Map<String, ClassPlan> plans, HookContext context) {
    this.plans = plans;
    this.context = context;
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
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
      plan.markRewritten();
      return rewritten;
    } catch (Throwable t) {
      context.warnOnce("cannot rewrite " + name + ", left as it was (its initcalls run as"
          + " plain code, not deferred or guarded): " + t);
      return null;
    }
  }
}
