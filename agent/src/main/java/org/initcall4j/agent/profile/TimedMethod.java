package org.initcall4j.agent.profile;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Wraps a method's body (of a {@code void} method) as {@code enter; try { body } catch (any) {
 * failed; throw; }}, with {@code exit} before every {@code return}; what those three are, a
 * subclass writes.
 *
 * <p>No frame is computed from types: the only new jump target is the handler at the end, whose
 * frame is known without looking at the code (it may declare no locals, as it uses none, and its
 * stack holds the throwable). The {@code exit} calls sit outside the protected ranges, so a
 * failing {@code exit} can never pop a second frame.
 */
abstract class TimedMethod extends MethodVisitor {
  private final boolean frames;
  private final List<Label> rangeEdges = new ArrayList<>();
  private Label rangeStart;
  private boolean codeInRange;

  /** @param frames whether the class file has stack map frames (version 50 on) */
  TimedMethod(MethodVisitor next, boolean frames) {
    super(Opcodes.ASM9, next);
    this.frames = frames;
  }

  /** Writes the call at the start, through {@link #mv}. */
  abstract void enter();

  /** Writes the call before a {@code return}, through {@link #mv}. */
  abstract void exit();

  /** Writes the call in the handler, with the throwable on the stack, through {@link #mv}. */
  abstract void failed();

  /** Stack slots the calls need above what the code already has there. */
  abstract int extraStack();

  @Override
  public void visitCode() {
    super.visitCode();
    enter();
    openRange();
  }

  private void openRange() {
    rangeStart = new Label();
    super.visitLabel(rangeStart);
    codeInRange = false;
  }

  /** Ends the current protected range at the current position, unless it is empty. */
  private void closeRange() {
    if (!codeInRange) {
      return;
    }
    Label end = new Label();
    super.visitLabel(end);
    rangeEdges.add(rangeStart);
    rangeEdges.add(end);
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode == Opcodes.RETURN) {
      closeRange();
      exit();
      super.visitInsn(opcode);
      openRange();
      return;
    }
    codeInRange = true;
    super.visitInsn(opcode);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    closeRange();
    if (!rangeEdges.isEmpty()) {
      Label handler = new Label();
      // Appended after the method's own handlers, so those still see their exceptions first.
      for (int i = 0; i < rangeEdges.size(); i += 2) {
        super.visitTryCatchBlock(rangeEdges.get(i), rangeEdges.get(i + 1), handler, null);
      }
      super.visitLabel(handler);
      if (frames) {
        super.visitFrame(Opcodes.F_FULL, 0, new Object[0], 1,
            new Object[] {"java/lang/Throwable"});
      }
      failed();
      super.visitInsn(Opcodes.ATHROW);
    }
    super.visitMaxs(Math.max(maxStack + extraStack(), 1 + extraStack()), maxLocals);
  }

  // Every other instruction counts as code inside the current protected range.

  @Override
  public void visitIntInsn(int opcode, int operand) {
    codeInRange = true;
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    codeInRange = true;
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    codeInRange = true;
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    codeInRange = true;
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
      boolean isInterface) {
    codeInRange = true;
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor,
      org.objectweb.asm.Handle bootstrap, Object... arguments) {
    codeInRange = true;
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    codeInRange = true;
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    codeInRange = true;
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    codeInRange = true;
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    codeInRange = true;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    codeInRange = true;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    codeInRange = true;
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }
}
