package org.initcall4j.agent.transform;

import org.initcall4j.agent.hooks.InitcallHooks;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Inserts {@code InitcallHooks.ensureInitialized(id)} before a {@code getstatic} or
 * {@code putstatic} of a deferred class's field: no branch, so no frame; one more stack slot
 * when the stack already holds the value to store.
 */
final class FieldAccessGuard extends MethodVisitor {
  private final FieldGuardVisitor owner;
  private boolean guardedStore;

  FieldAccessGuard(MethodVisitor next, FieldGuardVisitor owner) {
    super(Opcodes.ASM9, next);
    this.owner = owner;
  }

  @Override
  public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
    if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC) {
      int id = owner.guardFor(fieldOwner, name);
      if (id >= 0) {
        EntryHook.pushInt(mv, id);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, InitcallHooks.INTERNAL_NAME,
            "ensureInitialized", "(I)V", false);
        guardedStore |= opcode == Opcodes.PUTSTATIC;
      }
    }
    super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
  }

  /** A get needs no more stack (the field's value takes the id's slot); a store may need one. */
  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(guardedStore ? maxStack + 1 : maxStack, maxLocals);
  }
}
