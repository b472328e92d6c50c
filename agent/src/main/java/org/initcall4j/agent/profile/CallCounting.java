package org.initcall4j.agent.profile;

import org.initcall4j.agent.classfile.ClassFileScan;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Option {@code profile.calls}: counts the calls of every method that could be a deferred entry
 * point ({@code void}, no parameters, with code, not a constructor, static initializer,
 * synthetic method or bridge: {@link #counts}) and times its first call ({@link CallRecorder}).
 * A class is first checked without parsing: a walk over its constant pool and the headers of
 * its methods (no code is read) finds whether it has such a method; the name {@code ()V} alone
 * would not tell, as nearly every class has a constructor or calls one with it. A class that
 * has one is rewritten by ASM in one pass; its other methods are copied as they are, and no
 * frame is computed (so no class is loaded).
 */
final class CallCounting {
  private static final byte[] NO_ARGUMENTS_VOID = ClassFileScan.ascii("()V");
  private static final int NO_CODE_OR_MADE = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE
      | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE;

  private final ProfileLog log;

  CallCounting(ProfileLog log) {
    this.log = log;
  }

  /** Whether a method of these flags, name and descriptor is counted. */
  static boolean counts(int access, String name, String descriptor) {
    return (access & NO_CODE_OR_MADE) == 0 && name.charAt(0) != '<'
        && descriptor.equals("()V");
  }

  /**
   * The class with its counted methods' calls recorded, or null when it has none (or cannot be
   * read, which the caller has said already).
   */
  byte[] rewrite(String className, byte[] bytes) {
    if (ClassFileScan.majorVersion(bytes) > ClassFileScan.NEWEST_MAJOR || !hasCounted(bytes)) {
      return null;
    }
    try {
      return new Adapter(new ClassReader(bytes), className).rewrite();
    } catch (MethodTooLargeException | ClassTooLargeException e) {
      log.callsNotCounted(className, "a method would pass the 64 KB limit");
      return null;
    }
  }

  /**
   * Whether the class file has a method {@link #counts} accepts, read from the method headers
   * after the constant pool; false for a class file cut short (the JVM says what is wrong).
   */
  static boolean hasCounted(byte[] b) {
    if (ClassFileScan.scan(b) == ClassFileScan.MALFORMED) {
      return false;
    }
    int[] cp = ClassFileScan.offsets(b);
    if (cp == null) {
      return false;
    }
    int at = cp[0] + 6; // access, this, super
    if (at + 2 > b.length) {
      return false;
    }
    at += 2 + 2 * ClassFileScan.u2(b, at); // interfaces
    at = skipMembers(b, at); // fields
    if (at < 0 || at + 2 > b.length) {
      return false;
    }
    int methods = ClassFileScan.u2(b, at);
    at += 2;
    for (int i = 0; i < methods; i++) {
      if (at + 8 > b.length) {
        return false;
      }
      int access = ClassFileScan.u2(b, at);
      int name = ClassFileScan.u2(b, at + 2);
      if ((access & NO_CODE_OR_MADE) == 0
          && ClassFileScan.utf8Is(b, cp, ClassFileScan.u2(b, at + 4), NO_ARGUMENTS_VOID)
          && name > 0 && name < cp.length && cp[name] != 0 && b[cp[name]] == 1
          && cp[name] + 3 < b.length && b[cp[name] + 3] != '<') {
        return true;
      }
      at = skipAttributes(b, at + 6);
      if (at < 0) {
        return false;
      }
    }
    return false;
  }

  /** Past a fields or methods table starting at its count; -1 when cut short. */
  private static int skipMembers(byte[] b, int at) {
    if (at + 2 > b.length) {
      return -1;
    }
    int count = ClassFileScan.u2(b, at);
    at += 2;
    for (int i = 0; i < count && at >= 0; i++) {
      at = at + 8 > b.length ? -1 : skipAttributes(b, at + 6);
    }
    return at;
  }

  /** Past an attributes table starting at its count; -1 when cut short. */
  private static int skipAttributes(byte[] b, int at) {
    if (at + 2 > b.length) {
      return -1;
    }
    int count = ClassFileScan.u2(b, at);
    at += 2;
    for (int i = 0; i < count; i++) {
      if (at + 6 > b.length) {
        return -1;
      }
      long next = at + 6L + (ClassFileScan.u4(b, at + 2) & 0xFFFFFFFFL);
      if (next > b.length) {
        return -1;
      }
      at = (int) next;
    }
    return at;
  }

  /** Hands each counted method to {@link CallTimingMethod}, every other straight to the writer. */
  private static final class Adapter extends TimingAdapter {
    private final String internalName;

    Adapter(ClassReader reader, String internalName) {
      super(reader);
      this.internalName = internalName;
    }

    @Override
    MethodVisitor timed(MethodVisitor next, int access, String name, String descriptor,
        boolean frames) {
      if (!counts(access, name, descriptor)) {
        return null;
      }
      int id = CallRecorder.register(internalName, name);
      return id < 0 ? null : new CallTimingMethod(next, id, frames);
    }
  }
}
