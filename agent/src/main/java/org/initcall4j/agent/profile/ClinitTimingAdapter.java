package org.initcall4j.agent.profile;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Passes a class through unchanged except its static initializer, which gets timing calls
 * ({@link ClinitTimingMethod}). Every other method is handed straight to the writer, so ASM
 * copies its bytes without decoding them.
 */
final class ClinitTimingAdapter extends ClassVisitor {
  private final String internalName;
  private boolean frames;
  private boolean rewritten;

  ClinitTimingAdapter(ClassVisitor writer, String internalName) {
    super(Opcodes.ASM9, writer);
    this.internalName = internalName;
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    // Stack map frames exist from class file version 50 (Java 6); older code must not have them.
    frames = (version & 0xFFFF) >= Opcodes.V1_6;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    if (!name.equals("<clinit>") || next == null) {
      return next;
    }
    rewritten = true;
    return new ClinitTimingMethod(next, internalName, frames);
  }

  /** Whether the class had a static initializer to time. */
  boolean rewritten() {
    return rewritten;
  }
}
