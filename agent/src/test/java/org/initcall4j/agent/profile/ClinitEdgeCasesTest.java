package org.initcall4j.agent.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.initcall4j.agent.classfile.ClassFileScan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Class files javac does not write: very old, too new, near the 64 KB limit, broken. */
class ClinitEdgeCasesTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final ProfileTransformer transformer = new ProfileTransformer(
      new ClassSelection(List.of(), List.of()),
      new ProfileLog(new PrintStream(logged, true, StandardCharsets.UTF_8)));

  private String log() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} with a handler of its own: {1}")
  @CsvSource({"48, true", "48, false", "50, false", "51, true", "51, false"})
  void classFilesOfOldVersionsAreTimedAndStillVerify(int version, boolean handler)
      throws Exception {
    byte[] old = loopingClinit(version, "edge/Old", handler);
    byte[] timed = transformer.rewrite("edge/Old", old);
    assertNotNull(timed);
    assertEquals(!handler, ClinitPatcher.patch(old) != null,
        "one return at the end takes the byte patch, two take ASM");

    int before = ProfileRecorder.snapshot().size();
    Class<?> loaded = new ClassBytes.Loader(Map.of("edge/Old", timed)).loadClass("edge.Old");
    assertEquals(45, loaded.getField("SUM").getInt(null), "sum of 0..9");
    List<ClinitTiming> after = ProfileRecorder.snapshot();
    assertEquals("edge.Old", after.get(after.size() - 1).className());
    assertEquals(before + 1, after.size());
  }

  /** Clojure and other compilers write {@code static {}} as a lone return: nothing to time. */
  @Test
  void anEmptyStaticInitializerIsLeftAlone() throws Exception {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "edge/Empty", null,
        "java/lang/Object", null);
    MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "<clinit>",
        "()V", null, null);
    mv.visitCode();
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    writer.visitEnd();
    byte[] empty = writer.toByteArray();

    assertNull(transformer.rewrite("edge/Empty", empty), "not rewritten, by either path");
    assertEquals(ClinitPatcher.NO_CLINIT, ClinitPatcher.patch(empty));
    assertEquals("", log());
  }

  /**
   * The byte patch names the class by its own constant, whatever characters it has: a name
   * outside ASCII (stored in modified UTF-8) takes the byte patch and is reported as the JVM
   * spells it.
   */
  @Test
  void aClassNameOutsideAsciiTakesTheBytePatchAndIsReportedAsIs() throws Exception {
    String name = "edge/Gr\u00fc\u00dfe\u65e5\u672c";
    byte[] compiled = loopingClinit(Opcodes.V17, name, false);
    byte[] timed = ClinitPatcher.patch(compiled);
    assertNotNull(timed, "the byte patch, not ASM");
    assertTrue(timed != ClinitPatcher.NO_CLINIT && timed != ClinitPatcher.TOO_LARGE);

    int before = ProfileRecorder.snapshot().size();
    Class<?> loaded = new ClassBytes.Loader(Map.of(name, timed)).loadClass(name.replace('/', '.'));
    assertEquals(45, loaded.getField("SUM").getInt(null), "sum of 0..9");
    List<ClinitTiming> after = ProfileRecorder.snapshot();
    assertEquals(before + 1, after.size());
    assertEquals(loaded.getName(), after.get(after.size() - 1).className());
    assertEquals("", log());
  }

  @Test
  void classFileNewerThanAsmReadsIsLeftAloneAndSaidOnce() {
    byte[] future = loopingClinit(Opcodes.V17, "edge/Future");
    future[6] = 0;
    future[7] = (byte) (ClassFileScan.NEWEST_MAJOR + 1);

    assertNull(transformer.rewrite("edge/Future", future));
    assertNull(transformer.rewrite("edge/Future2", future));
    assertTrue(log().contains("edge.Future has class file version 71, newer than this agent"
        + " reads (up to 70)"), log());
    assertEquals(1, log().lines().count(), "said once: " + log());
  }

  @Test
  void staticInitializerAtTheMethodSizeLimitIsSkippedWithAWarningNamingIt() throws Exception {
    // 65 527 bytes of code: legal as compiled, over the 65 535 limit once timing is added.
    byte[] huge = hugeClinit("edge/Huge", 32_761);
    new ClassBytes.Loader(Map.of("edge/Huge", huge)).loadClass("edge.Huge")
        .getField("X").getInt(null); // the input itself is valid

    assertTrue(transformer.rewrite("edge/Huge", huge) == null, "must be left alone");
    assertTrue(log().contains("static initializer of edge.Huge is too close to the 64 KB method"
        + " limit to add timing; not timed"), log());

    byte[] large = hugeClinit("edge/Large", 30_000);
    byte[] timed = transformer.rewrite("edge/Large", large);
    assertNotNull(timed, "a large initializer that still fits is timed");
    assertEquals(1, new ClassBytes.Loader(Map.of("edge/Large", timed)).loadClass("edge.Large")
        .getField("X").getInt(null));
  }

  @Test
  void truncatedOrCorruptClassFilesNeverThrow() {
    byte[] good = loopingClinit(Opcodes.V17, "edge/Cut");
    for (int length = 0; length < good.length; length += 7) {
      assertNull(transformer.transform(getClass().getClassLoader(), "edge/Cut", null, null,
          Arrays.copyOf(good, length)), "cut at " + length);
    }
    byte[] corrupt = good.clone();
    for (int i = 40; i < corrupt.length; i += 3) {
      corrupt[i] = (byte) 0xFF;
    }
    assertNull(transformer.transform(getClass().getClassLoader(), "edge/Cut", null, null,
        corrupt));
    assertEquals(1, log().lines().count(), "a failure is said, once: " + log());
  }

  /** {@code static int SUM; static { try { for (i = 0; i < 10; i++) SUM += i; } catch (..) } }. */
  private static byte[] loopingClinit(int version, String name) {
    return loopingClinit(version, name, true);
  }

  private static byte[] loopingClinit(int version, String name, boolean handler) {
    ClassWriter writer = new ClassWriter(version >= Opcodes.V1_6 ? ClassWriter.COMPUTE_FRAMES
        : ClassWriter.COMPUTE_MAXS);
    writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
        null);
    writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "SUM", "I", null, null);
    MethodVisitor mv = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    mv.visitCode();
    Label start = new Label();
    Label end = new Label();
    Label catcher = new Label();
    Label loop = new Label();
    Label done = new Label();
    if (handler) {
      mv.visitTryCatchBlock(start, end, catcher, "java/lang/RuntimeException");
    }
    mv.visitLabel(start);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, 0);
    mv.visitLabel(loop);
    mv.visitVarInsn(Opcodes.ILOAD, 0);
    mv.visitIntInsn(Opcodes.BIPUSH, 10);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    mv.visitFieldInsn(Opcodes.GETSTATIC, name, "SUM", "I");
    mv.visitVarInsn(Opcodes.ILOAD, 0);
    mv.visitInsn(Opcodes.IADD);
    mv.visitFieldInsn(Opcodes.PUTSTATIC, name, "SUM", "I");
    mv.visitIincInsn(0, 1);
    mv.visitJumpInsn(Opcodes.GOTO, loop);
    mv.visitLabel(done);
    mv.visitLabel(end);
    mv.visitInsn(Opcodes.RETURN);
    if (handler) {
      mv.visitLabel(catcher);
      mv.visitInsn(Opcodes.POP);
      mv.visitInsn(Opcodes.RETURN);
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** A static initializer of {@code pairs} ICONST_0/POP pairs, then {@code X = 1}. */
  private static byte[] hugeClinit(String name, int pairs) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null,
        "java/lang/Object", null);
    writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "X", "I", null, null);
    MethodVisitor mv = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    mv.visitCode();
    for (int i = 0; i < pairs; i++) {
      mv.visitInsn(Opcodes.ICONST_0);
      mv.visitInsn(Opcodes.POP);
    }
    mv.visitInsn(Opcodes.ICONST_1);
    mv.visitFieldInsn(Opcodes.PUTSTATIC, name, "X", "I");
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(1, 0);
    mv.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }
}
