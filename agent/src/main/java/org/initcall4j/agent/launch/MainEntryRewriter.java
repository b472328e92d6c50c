package org.initcall4j.agent.launch;

import org.initcall4j.agent.hooks.MainEntry;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts {@code MainEntry.beforeMain()} at the start of the main class's static {@code main}
 * methods. One call with an empty stack before and after: no frame changes,
 * so ASM computes none (that would load classes inside the transformer); maxima are recomputed.
 */
final class MainEntryRewriter extends ClassVisitor {
  private boolean hooked;

  private MainEntryRewriter(ClassVisitor next) {
    super(Opcodes.ASM9, next);
  }

  /**
   * The class file with its {@code main} hooked; the input array is not modified.
   *
   * @throws IllegalStateException when the class has no static {@code main} to hook
   */
  static byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    MainEntryRewriter rewriter = new MainEntryRewriter(writer);
    reader.accept(rewriter, 0);
    if (!rewriter.hooked) {
      throw new IllegalStateException(reader.getClassName().replace('/', '.') + " declares no"
          + " static main method");
    }
    return writer.toByteArray();
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    boolean isMain = name.equals("main") && (access & Opcodes.ACC_STATIC) != 0
        && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
        && (descriptor.equals("([Ljava/lang/String;)V") || descriptor.equals("()V"));
    if (!isMain) {
      return next;
    }
    hooked = true;
    return new MethodVisitor(Opcodes.ASM9, next) {
      @Override
      public void visitCode() {
        super.visitCode();
        super.visitMethodInsn(Opcodes.INVOKESTATIC, MainEntry.INTERNAL_NAME, MainEntry.METHOD,
            MainEntry.DESCRIPTOR, false);
      }
    };
  }
}
