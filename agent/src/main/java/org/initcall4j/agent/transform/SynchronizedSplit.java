package org.initcall4j.agent.transform;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Splits a hooked synchronized method in two: its code goes, unchanged, to a private renamed
 * method; its annotations and parameters stay on the original name, whose new body (after the
 * hooks the wrapper visitor inserts) only calls the renamed one and returns what it returns.
 * The wrapper has no branch of its own, so it needs no frame.
 */
final class SynchronizedSplit extends MethodVisitor {
  private final MethodVisitor wrapper;
  private final String owner;
  private final boolean isStatic;
  private final String bodyName;
  private final String descriptor;

  SynchronizedSplit(MethodVisitor body, MethodVisitor wrapper, String owner, int access,
      String bodyName, String descriptor) {
    super(Opcodes.ASM9, body);
    this.wrapper = wrapper;
    this.owner = owner;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.bodyName = bodyName;
    this.descriptor = descriptor;
  }

  @Override
  public void visitParameter(String name, int access) {
    wrapper.visitParameter(name, access);
  }

  @Override
  public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
    return wrapper.visitAnnotation(annotationDescriptor, visible);
  }

  @Override
  public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath,
      String annotationDescriptor, boolean visible) {
    return wrapper.visitTypeAnnotation(typeRef, typePath, annotationDescriptor, visible);
  }

  @Override
  public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
    wrapper.visitAnnotableParameterCount(parameterCount, visible);
  }

  @Override
  public AnnotationVisitor visitParameterAnnotation(int parameter, String annotationDescriptor,
      boolean visible) {
    return wrapper.visitParameterAnnotation(parameter, annotationDescriptor, visible);
  }

  @Override
  public void visitEnd() {
    super.visitEnd();
    wrapper.visitCode(); // the hooks come here
    int slot = 0;
    if (!isStatic) {
      wrapper.visitVarInsn(Opcodes.ALOAD, 0);
      slot = 1;
    }
    for (Type argument : Type.getArgumentTypes(descriptor)) {
      wrapper.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
      slot += argument.getSize();
    }
    wrapper.visitMethodInsn(isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL, owner,
        bodyName, descriptor, false);
    wrapper.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
    wrapper.visitMaxs(0, 0);
    wrapper.visitEnd();
  }
}
