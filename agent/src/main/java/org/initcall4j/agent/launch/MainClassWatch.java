package org.initcall4j.agent.launch;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import org.initcall4j.agent.hooks.LaunchListener;
import org.initcall4j.agent.hooks.MainEntry;

/**
 * Waits for the application's main class behind a launcher: every other class is passed over on
 * one string comparison, and once the main class is defined the watch removes itself. The loader
 * that defines the main class is the application's; its {@code main} is rewritten to call
 * {@link MainEntry#beforeMain} first, so the boot initcalls run before the application starts,
 * on that loader, with the main class fully initialized.
 */
public final class MainClassWatch implements ClassFileTransformer {
  private final Instrumentation instrumentation;
  private final String internalName;
  private final LaunchListener listener;
  private volatile boolean seen;

  private MainClassWatch(Instrumentation instrumentation, String mainClass,
      LaunchListener listener) {
    this.instrumentation = instrumentation;
    this.internalName = mainClass.replace('.', '/');
    this.listener = listener;
  }

  /**
   * Watches for {@code mainClass} (a binary name) from now on; a JVM that ends without loading
   * it says so, since then no initcall ran.
   */
  public static void install(Instrumentation instrumentation, String mainClass,
      LaunchListener listener) {
    MainEntry.listen(listener);
    MainClassWatch watch = new MainClassWatch(instrumentation, mainClass, listener);
    instrumentation.addTransformer(watch);
    Runtime.getRuntime().addShutdownHook(new Thread(new NeverSeen(watch, mainClass),
        "initcall4j-launch-check"));
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (seen || classBeingRedefined != null || !internalName.equals(className)) {
      return null;
    }
    synchronized (this) {
      if (seen) {
        return null;
      }
      seen = true;
    }
    instrumentation.removeTransformer(this);
    if (!listener.mainClassDefined(loader)) {
      return null;
    }
    byte[] rewritten = listener.rewriteMainClass(loader, className, protectionDomain,
        classfileBuffer);
    byte[] bytes = rewritten == null ? classfileBuffer : rewritten;
    try {
      return MainEntryRewriter.rewrite(bytes);
    } catch (RuntimeException | LinkageError e) {
      System.err.println("initcall4j: cannot hook main of " + className.replace('/', '.')
          + ", so no boot initcall runs: " + e);
      return bytes == classfileBuffer ? null : bytes;
    }
  }

  /** A plain class, not a lambda: no invokedynamic bootstrap in premain. */
  private static final class NeverSeen implements Runnable {
    private final MainClassWatch watch;
    private final String mainClass;

    NeverSeen(MainClassWatch watch, String mainClass) {
      this.watch = watch;
      this.mainClass = mainClass;
    }

    @Override
    public void run() {
      if (!watch.seen) {
        System.err.println("initcall4j: the application's main class " + mainClass + " (option"
            + " 'main', or the manifest's Start-Class) was never loaded, so no initcall ran;"
            + " name the class whose main the launcher calls");
      }
    }
  }
}
