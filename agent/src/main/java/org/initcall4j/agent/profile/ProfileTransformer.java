package org.initcall4j.agent.profile;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.initcall4j.agent.classfile.ClassFileScan;

/**
 * Adds timing to the static initializer of every selected class as it is first loaded, and with
 * option {@code profile.calls} counts the calls of its methods that could be deferred entry
 * points ({@link CallCounting}). Rejects before parsing, cheapest check first: hidden and
 * redefined classes, the JDK's loaders, the name, loaders that cannot see the recorder, then a
 * constant-pool scan for {@code <clinit>} (and for counted calls, one over the method headers).
 * Returns null for every class it leaves alone, and never lets a failure reach class loading.
 */
public final class ProfileTransformer implements ClassFileTransformer {
  private final ClassSelection selection;
  private final ProfileLog log;
  private final ClassLoader recorderLoader = ProfileRecorder.class.getClassLoader();
  /** Null unless option {@code profile.calls} is on: then ASM is loaded at all. */
  private final CallCounting calls;

  ProfileTransformer(ClassSelection selection, ProfileLog log) {
    this(selection, log, false);
  }

  ProfileTransformer(ClassSelection selection, ProfileLog log, boolean countCalls) {
    this.selection = selection;
    this.log = log;
    this.calls = countCalls ? new CallCounting(log) : null;
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    // A null name is a hidden or anonymous class; a redefinition may not add code paths.
    if (loader == null || className == null || classBeingRedefined != null
        || !selection.selects(className) || !seesRecorder(loader)) {
      return null;
    }
    try {
      return rewrite(className, classfileBuffer);
    } catch (Throwable failure) {
      log.failure(className, failure);
      return null;
    }
  }

  /** Whether classes of this loader can link to the recorder (the agent's loader is an ancestor). */
  private boolean seesRecorder(ClassLoader loader) {
    for (ClassLoader at = loader; at != null; at = at.getParent()) {
      if (at == recorderLoader) {
        return true;
      }
    }
    return false;
  }

  /**
   * The class with its static initializer timed and, with {@code profile.calls}, its calls
   * counted; null when there is nothing to do.
   */
  byte[] rewrite(String className, byte[] bytes) {
    byte[] timed = timeStaticInitializer(className, bytes);
    if (calls == null) {
      return timed;
    }
    byte[] counted;
    try {
      counted = calls.rewrite(className, timed != null ? timed : bytes);
    } catch (RuntimeException failure) {
      log.callsNotCounted(className, failure.toString()); // the static initializer stays timed
      return timed;
    }
    return counted != null ? counted : timed;
  }

  /** The class with its static initializer timed, or null when it has none or cannot be timed. */
  private byte[] timeStaticInitializer(String className, byte[] bytes) {
    switch (ClassFileScan.scan(bytes)) {
      case ClassFileScan.NO_CLINIT:
        return null;
      case ClassFileScan.TOO_NEW:
        log.tooNew(className, ClassFileScan.majorVersion(bytes));
        return null;
      case ClassFileScan.MALFORMED:
        // The JVM reports a broken class file itself, better than we could.
        return null;
      default:
        break;
    }
    byte[] patched = ClinitPatcher.patch(bytes);
    if (patched == ClinitPatcher.NO_CLINIT) {
      return null;
    }
    if (patched == ClinitPatcher.TOO_LARGE) {
      log.tooLarge(className);
      return null;
    }
    return patched != null ? patched : rewriteWithAsm(className, bytes);
  }

  /** The general path, for static initializers the byte patch does not handle. */
  byte[] rewriteWithAsm(String className, byte[] bytes) {
    return AsmClinitRewrite.rewrite(className, bytes, log);
  }
}
