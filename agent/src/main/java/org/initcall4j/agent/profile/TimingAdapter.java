package org.initcall4j.agent.profile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Passes a class through unchanged except the methods a subclass times. Every other method is
 * handed straight to the writer, so ASM copies its bytes without decoding them.
 */
abstract class TimingAdapter extends ClassVisitor {
  private final ClassReader reader;
  private boolean frames;
  private boolean rewritten;

  TimingAdapter(ClassReader reader) {
    super(Opcodes.ASM9, new NoTypeLookupClassWriter(reader));
    this.reader = reader;
  }

  /**
   * The class with its methods timed, or null when none is.
   *
   * @throws org.objectweb.asm.MethodTooLargeException when the calls push a method past 64 KB
   * @throws org.objectweb.asm.ClassTooLargeException likewise for the constant pool
   */
  final byte[] rewrite() {
    reader.accept(this, 0);
    return rewritten ? ((ClassWriter) cv).toByteArray() : null;
  }

  /**
   * The visitor that times this method, writing to {@code next}, or null to leave it as it is.
   *
   * @param frames whether the class file has stack map frames
   */
  abstract MethodVisitor timed(MethodVisitor next, int access, String name, String descriptor,
      boolean frames);

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
    MethodVisitor timed = next == null ? null : timed(next, access, name, descriptor, frames);
    if (timed == null) {
      return next;
    }
    rewritten = true;
    return timed;
  }
}
