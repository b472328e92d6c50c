package org.initcall4j.agent.config;

/**
 * The config check's verdict on deferring a class's static initializer or an entry point, for
 * profile mode and the advisor: whether an entry {@code deferred=true} for it would be accepted.
 */
public final class DeferralCheck {
  private DeferralCheck() {}

  /**
   * Why deferring the static initializer of {@code className} (a class of {@code loader}) is
   * refused, or null when the config check accepts it. Reads the class file; loads no class.
   */
  public static String refusal(String className, ClassLoader loader) {
    return TargetCheck.deferralRefusal(className, loader);
  }

  /**
   * Why deferring the entry point {@code className#methodName()} (no parameters, of a class of
   * {@code loader}) is refused, or null when the config check accepts it. Reads the class file;
   * loads no class.
   */
  public static String methodRefusal(String className, String methodName, ClassLoader loader) {
    return TargetCheck.deferredMethodRefusal(className, methodName, loader);
  }
}
