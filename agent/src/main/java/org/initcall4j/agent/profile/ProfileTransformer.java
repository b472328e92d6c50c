package org.initcall4j.agent.profile;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;

/**
 * Adds timing to the static initializer of every selected class as it is first loaded. Rejects
 * before parsing, cheapest check first: hidden and redefined classes, the JDK's loaders, the name,
 * loaders that cannot see the recorder, then a constant-pool scan for {@code <clinit>}. Returns
 * null for every class it leaves alone, and never lets a failure reach class loading.
 */
public final class ProfileTransformer implements ClassFileTransformer {
  private final ClassSelection selection;
  private final ProfileLog log;
  private final ClassLoader recorderLoader = ProfileRecorder.class.getClassLoader();
  private final AtomicInteger timedClasses = new AtomicInteger();

  ProfileTransformer(ClassSelection selection, ProfileLog log) {
    this.selection = selection;
    this.log = log;
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

  /** The class with its static initializer timed, or null when it has none or cannot be timed. */
  byte[] rewrite(String className, byte[] bytes) {
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
    byte[] patched = ClinitPatcher.patch(bytes, className);
    if (patched == ClinitPatcher.NO_CLINIT) {
      return null;
    }
    if (patched == ClinitPatcher.TOO_LARGE) {
      log.tooLarge(className);
      return null;
    }
    if (patched != null) {
      timedClasses.incrementAndGet();
      return patched;
    }
    return rewriteWithAsm(className, bytes);
  }

  /** The general path, for static initializers the byte patch does not handle. */
  byte[] rewriteWithAsm(String className, byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new NoTypeLookupClassWriter(reader);
    ClinitTimingAdapter adapter = new ClinitTimingAdapter(writer, className);
    reader.accept(adapter, 0);
    if (!adapter.rewritten()) {
      return null;
    }
    try {
      byte[] timed = writer.toByteArray();
      timedClasses.incrementAndGet();
      return timed;
    } catch (MethodTooLargeException | ClassTooLargeException e) {
      log.tooLarge(className);
      return null;
    }
  }

  /** How many classes got timing so far. */
  int timedClasses() {
    return timedClasses.get();
  }

  /**
   * A writer that never loads classes to merge types: the rewrite adds no frame that needs it,
   * so a call means something unexpected, and the class is left alone instead.
   */
  private static final class NoTypeLookupClassWriter extends ClassWriter {
    NoTypeLookupClassWriter(ClassReader reader) {
      super(reader, 0);
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
      throw new IllegalStateException("type merge of " + type1 + " and " + type2
          + " would need class loading");
    }
  }
}
