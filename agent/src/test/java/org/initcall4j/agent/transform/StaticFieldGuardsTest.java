package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Which classes and methods the field guards parse, read from real class files. */
class StaticFieldGuardsTest {

  /** Stands for a deferred class: a guarded static table, an unguarded one, an instance field. */
  static class Holder {
    public static int[] table = {1, 2};
    public static int plain = 3;
    public int size = 4;

    static int count() {
      return 5;
    }
  }

  /** Reads the guarded table in one method only. */
  static final class Reader {
    private Reader() {}

    static int readsTable() {
      return Holder.table[0];
    }

    static int callsAMethod() {
      return Holder.count();
    }

    static int readsPlain() {
      return Holder.plain;
    }
  }

  /** Names Holder, calls it and reads its instance field, but no guarded static field. */
  static final class Caller {
    private Caller() {}

    static int use(Holder holder) {
      return Holder.count() + holder.size + Holder.plain;
    }
  }

  /** Inherits the guarded table. */
  static final class Sub extends Holder {
    public static int own = 6;
  }

  private static final String HOLDER = Type.of(Holder.class);

  private static StaticFieldGuards guards() {
    StaticFieldGuards guards = new StaticFieldGuards(StaticFieldGuardsTest.class.getClassLoader());
    guards.add(HOLDER, 7, List.of("table"));
    return guards;
  }

  @Test
  void onlyTheMethodsThatUseAGuardedFieldAreParsed() throws IOException {
    byte[] reader = classFile(Reader.class);
    boolean[] methods = guards().methodsToGuard(reader);

    assertNotNull(methods);
    List<String> names = methodNames(reader);
    List<String> parsed = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (methods[i]) {
        parsed.add(names.get(i));
      }
    }
    assertEquals(List.of("readsTable"), parsed, "methods in class-file order: " + names);
  }

  @Test
  void aClassWithoutAReferenceToAGuardedFieldIsPassedOver() throws IOException {
    assertNull(guards().methodsToGuard(classFile(Caller.class)));
    assertNull(guards().methodsToGuard(classFile(StaticFieldGuardsTest.class)));
  }

  @Test
  void aSubclassIsParsedWholeAndGuardedUnderItsOwnNameForWhatItInherits() throws IOException {
    StaticFieldGuards guards = guards();
    byte[] sub = classFile(Sub.class);

    assertSame(StaticFieldGuards.EVERY_METHOD, guards.methodsToGuard(sub));
    guards.rewrite(sub, StaticFieldGuards.EVERY_METHOD);
    String name = Type.of(Sub.class);
    assertEquals(7, guards.guardFor(name, "table"), "inherited: Holder's hook");
    assertEquals(-1, guards.guardFor(name, "own"), "its own field: not guarded");
    assertEquals(-1, guards.guardFor(HOLDER, "plain"), "not a shared field");
  }

  @Test
  void aDeferredSubclassOfADeferredClassIsGuardedByEachHookForItsFields() throws IOException {
    StaticFieldGuards guards = guards();
    String name = Type.of(Sub.class);
    guards.add(name, 8, List.of("own"));

    guards.rewrite(classFile(Sub.class), StaticFieldGuards.EVERY_METHOD);
    assertEquals(7, guards.guardFor(name, "table"), "inherited: Holder's hook");
    assertEquals(8, guards.guardFor(name, "own"), "its own: its own hook");
  }

  @Test
  void theRewriteCallsTheHookBeforeTheGuardedReadOnly() throws IOException {
    byte[] reader = classFile(Reader.class);
    StaticFieldGuards guards = guards();
    byte[] rewritten = guards.rewrite(reader, guards.methodsToGuard(reader));

    assertNotNull(rewritten);
    List<String> hooked = new ArrayList<>();
    new ClassReader(rewritten).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String method, String desc,
              boolean isInterface) {
            if (owner.equals(org.initcall4j.agent.hooks.InitcallHooks.INTERNAL_NAME)) {
              hooked.add(name + ":" + method);
            }
          }
        };
      }
    }, 0);
    assertEquals(List.of("readsTable:ensureInitialized"), hooked);
    // the other methods were copied as compiled
    assertTrue(rewritten.length > reader.length);
  }

  private static List<String> methodNames(byte[] classFile) {
    List<String> names = new ArrayList<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        names.add(name);
        return null;
      }
    }, ClassReader.SKIP_CODE);
    return names;
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(
        "/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Internal names. */
  private static final class Type {
    static String of(Class<?> type) {
      return type.getName().replace('.', '/');
    }
  }
}
