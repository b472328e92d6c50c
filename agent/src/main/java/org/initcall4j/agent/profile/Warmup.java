package org.initcall4j.agent.profile;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Runs the whole rewrite once, in premain, on a tiny generated class, so the classes the
 * transformer and the recorder need are loaded before the first application class is: loading
 * them from inside a transformer, while another class is being defined, is a known source of
 * {@code ClassCircularityError}.
 */
final class Warmup {
  private static final String NAME = "org/initcall4j/agent/profile/WarmupSample";

  private Warmup() {}

  static void run(ProfileTransformer transformer) {
    ProfileRecorder.snapshot();
    if (transformer.rewrite(NAME, sampleClass()) == null) {
      throw new IllegalStateException("profile mode self-check failed: the sample class was"
          + " not rewritten");
    }
  }

  /** {@code final class WarmupSample { static int x; static { x = 1; } }} as Java 17 bytes. */
  private static byte[] sampleClass() {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null,
        "java/lang/Object", null);
    writer.visitField(Opcodes.ACC_STATIC, "x", "I", null, null).visitEnd();
    MethodVisitor clinit = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.visitCode();
    clinit.visitInsn(Opcodes.ICONST_1);
    clinit.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "x", "I");
    clinit.visitInsn(Opcodes.RETURN);
    clinit.visitMaxs(1, 0);
    clinit.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }
}
