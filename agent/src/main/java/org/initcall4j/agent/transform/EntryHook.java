package org.initcall4j.agent.transform;

import java.util.ArrayList;
import java.util.List;
import org.initcall4j.agent.hooks.InitcallHooks;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Inserts at the entry of an initcall method:
 * <pre>
 * if (InitcallHooks.enter(id, this-or-null, new Object[] {arguments...})) return;
 * body: [frame = the method's initial frame] nop; [InitcallHooks.ensureInitialized(guard)]
 * </pre>
 * The one frame is the method's implicit initial frame, known from its descriptor alone; the
 * {@code nop} keeps it apart from any frame the original code has at its first instruction.
 */
final class EntryHook extends MethodVisitor {
  private final int id;
  private final int guard;
  private final String owner;
  private final boolean isStatic;
  private final String descriptor;
  private final boolean frames;

  EntryHook(MethodVisitor next, int id, int guard, String owner, int access, String descriptor,
      boolean frames) {
    super(Opcodes.ASM9, next);
    this.id = id;
    this.guard = guard;
    this.owner = owner;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.descriptor = descriptor;
    this.frames = frames;
  }

  @Override
  public void visitCode() {
    super.visitCode();
    pushInt(mv, id);
    if (isStatic) {
      mv.visitInsn(Opcodes.ACONST_NULL);
    } else {
      mv.visitVarInsn(Opcodes.ALOAD, 0);
    }
    pushArguments();
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, InitcallHooks.INTERNAL_NAME, "enter",
        "(ILjava/lang/Object;[Ljava/lang/Object;)Z", false);
    Label body = new Label();
    mv.visitJumpInsn(Opcodes.IFEQ, body);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitLabel(body);
    if (frames) {
      Object[] locals = initialLocals();
      mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
    }
    mv.visitInsn(Opcodes.NOP);
    if (guard >= 0) {
      pushInt(mv, guard);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, InitcallHooks.INTERNAL_NAME, "ensureInitialized",
          "(I)V", false);
    }
  }

  private void pushArguments() {
    Type[] arguments = Type.getArgumentTypes(descriptor);
    if (arguments.length == 0) {
      mv.visitInsn(Opcodes.ACONST_NULL);
      return;
    }
    pushInt(mv, arguments.length);
    mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < arguments.length; i++) {
      Type argument = arguments[i];
      mv.visitInsn(Opcodes.DUP);
      pushInt(mv, i);
      mv.visitVarInsn(argument.getOpcode(Opcodes.ILOAD), slot);
      box(argument);
      mv.visitInsn(Opcodes.AASTORE);
      slot += argument.getSize();
    }
  }

  private void box(Type type) {
    String wrapper = switch (type.getSort()) {
      case Type.BOOLEAN -> "java/lang/Boolean";
      case Type.BYTE -> "java/lang/Byte";
      case Type.CHAR -> "java/lang/Character";
      case Type.SHORT -> "java/lang/Short";
      case Type.INT -> "java/lang/Integer";
      case Type.LONG -> "java/lang/Long";
      case Type.FLOAT -> "java/lang/Float";
      case Type.DOUBLE -> "java/lang/Double";
      default -> null;
    };
    if (wrapper != null) {
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
          "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
    }
  }

  /** The verifier's initial frame: {@code this} (if any) and the parameters, in ASM's form. */
  private Object[] initialLocals() {
    List<Object> locals = new ArrayList<>();
    if (!isStatic) {
      locals.add(owner);
    }
    for (Type argument : Type.getArgumentTypes(descriptor)) {
      locals.add(switch (argument.getSort()) {
        case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
        case Type.LONG -> Opcodes.LONG;
        case Type.FLOAT -> Opcodes.FLOAT;
        case Type.DOUBLE -> Opcodes.DOUBLE;
        case Type.ARRAY -> argument.getDescriptor();
        default -> argument.getInternalName();
      });
    }
    return locals.toArray();
  }

  static void pushInt(MethodVisitor mv, int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value <= Short.MAX_VALUE) {
      mv.visitIntInsn(value <= Byte.MAX_VALUE ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }
}
