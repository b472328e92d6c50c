package org.initcall4j.agent.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Externalizable;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The serialVersionUID computed from a class file alone, against what
 * {@code ObjectStreamClass.lookup} gives the loaded class: the shapes the hash covers one by one,
 * then every Serializable class of H2 and of the JDK's {@code java.util}.
 */
class SerialVersionUidTest {

  @Test
  void sha1IsTheJdksForEveryLengthAroundTheBlockBoundaries() throws Exception {
    Random random = new Random(1);
    for (int length = 0; length < 300; length++) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(message), Sha1.digest(message),
          "length " + length);
    }
  }

  // The shapes, each a class the hash reads differently.
  static class NoMembers implements Serializable {}

  public static final class PublicFinal implements Serializable {}

  /** Its class file says public; Class.getModifiers(), from InnerClasses, says protected. */
  protected abstract static class ProtectedAbstract implements Serializable {}

  private static class PrivateNested implements Serializable {}

  static class Fields implements Serializable {
    public int a;
    protected volatile String b;
    transient long c;
    private transient Object d;
    private static Object e = new Object();
    static final int F = 3;
    private int[][] g;
    private final Long h = 1L;
  }

  static class WithStaticInitializer implements Serializable {
    private static final List<String> NAMES = new ArrayList<>(List.of("x"));
  }

  static class Constructors implements Serializable {
    Constructors() {}

    public Constructors(String a, int... b) {}

    protected Constructors(long[] a) {}

    private Constructors(Object a) {}
  }

  @SuppressWarnings("unused")
  abstract static class Methods implements Serializable, Comparable<Methods>, Cloneable {
    public synchronized void a(String s) {}

    protected static native int b(long[] x);

    abstract Object c(Methods m);

    final void d() {}

    private void e() {}

    strictfp double f() {
      return 0;
    }

    @Override
    public int compareTo(Methods o) {
      return 0; // with its bridge method compareTo(Object)
    }

    Callable<String> g() {
      return () -> "lambda"; // a private synthetic method
    }
  }

  static class Declared implements Serializable {
    private static final long serialVersionUID = 42L;
    static int sideEffect = 1;
  }

  static class DeclaredAsInt implements Serializable {
    static final int serialVersionUID = -5;
  }

  static class Ignored implements Serializable {
    private long serialVersionUID = 9; // not static: serialization computes the default
  }

  class Inner implements Serializable {
    int x; // and the outer instance, this$0
  }

  interface EmptyInterface extends Serializable {}

  interface InterfaceWithPrivateMethod extends Serializable {
    private void help() {}
  }

  public interface InterfaceWithMethods extends Serializable, Comparable<String> {
    void a();

    default void b() {}

    static void c() {}
  }

  static class Outer implements Serializable {
    private static final Object NESTED = new Object() {}; // an anonymous class in <clinit>
  }

  static class Ext implements Externalizable {
    public Ext() {}

    @Override
    public void writeExternal(ObjectOutput out) {}

    @Override
    public void readExternal(ObjectInput in) {}
  }

  record Point(int x, int y) implements Serializable {}

  record DeclaredPoint(int x) implements Serializable {
    private static final long serialVersionUID = 5L;
  }

  enum Color { RED, GREEN { @Override public String toString() {
    return "green";
  } } }

  @Test
  void everyShapeTheHashCoversGivesTheValueSerializationGives() throws Exception {
    List<Class<?>> shapes = List.of(NoMembers.class, PublicFinal.class, ProtectedAbstract.class,
        PrivateNested.class, Fields.class, WithStaticInitializer.class, Constructors.class,
        Methods.class, Declared.class, DeclaredAsInt.class, Ignored.class, Inner.class,
        EmptyInterface.class, InterfaceWithPrivateMethod.class, InterfaceWithMethods.class,
        Outer.class, Ext.class, Point.class, DeclaredPoint.class, Color.class,
        Color.GREEN.getClass());
    for (Class<?> shape : shapes) {
      assertEquals(expected(shape), SerialVersionUid.of(bytesOf(shape)).value(), shape.getName());
    }
  }

  /** What serialization gives, or 0 for a class it does not take (not Serializable). */
  private static long expected(Class<?> type) {
    ObjectStreamClass described = ObjectStreamClass.lookup(type);
    return described == null ? 0 : described.getSerialVersionUID();
  }

  @Test
  void aConstantIsKeptOnlyWhereTheClassDeclaresNoFieldOfThatNameAndIsNoRecordOrEnum()
      throws Exception {
    assertEquals(expected(Fields.class), SerialVersionUid.of(bytesOf(Fields.class)).toKeep());
    for (Class<?> type : List.of(Declared.class, Ignored.class, Point.class, Color.class)) {
      assertNull(SerialVersionUid.of(bytesOf(type)).toKeep(), type.getName());
    }
    assertNull(SerialVersionUid.of(computedUid()).value(), "set at run time: not known");
  }

  /** Strict methods keep ACC_STRICT in class files of any version, and so in the hash. */
  @Test
  void strictMethodsOfOldAndNewClassFiles() throws Exception {
    for (int version : new int[] {Opcodes.V1_2, Opcodes.V1_8, Opcodes.V17}) {
      ClassWriter writer = new ClassWriter(0);
      String name = "gen/Strict" + (version & 0xFFFF);
      writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null,
          "java/lang/Object", new String[] {"java/io/Serializable"});
      MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STRICT, "m",
          "()V", null, null);
      method.visitCode();
      method.visitInsn(Opcodes.RETURN);
      method.visitMaxs(0, 1);
      method.visitEnd();
      writer.visitEnd();
      byte[] bytes = writer.toByteArray();
      assertEquals(expected(define(name, bytes)), SerialVersionUid.of(bytes).value(), name);
    }
  }

  /** A real library: every Serializable class of H2 that links. */
  @Test
  void everySerializableClassOfH2() throws Exception {
    Path jar = Paths.get(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    int compared = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().endsWith(".class") && !entry.getName().contains("-")) {
          try (InputStream in = file.getInputStream(entry)) {
            compared += compare(entry.getName(), in.readAllBytes(), getClass().getClassLoader());
          }
        }
      }
    }
    assertTrue(compared > 50, "compared " + compared);
  }

  /** The JDK's own: java.util and its subpackages, nested and anonymous classes included. */
  @Test
  void everySerializableClassOfJavaUtil() throws Exception {
    int compared = 0;
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    Path root = jrt.getPath("/modules/java.base");
    try (Stream<Path> walk = Files.walk(root.resolve("java/util"))) {
      for (Path path : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
        compared += compare(root.relativize(path).toString(), Files.readAllBytes(path), null);
      }
    }
    assertTrue(compared > 200, "compared " + compared);
  }

  /** 1 when compared, 0 for a class that is not Serializable or does not link here. */
  private static int compare(String resource, byte[] bytes, ClassLoader loader) {
    String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    Class<?> type;
    long expected;
    try {
      type = Class.forName(name, false, loader);
      if (!Serializable.class.isAssignableFrom(type)) {
        return 0;
      }
      expected = expected(type);
    } catch (ClassNotFoundException | LinkageError e) {
      return 0; // an optional dependency of the library is missing
    }
    Long computed = SerialVersionUid.of(bytes).value();
    if (computed == null) {
      return 0; // declared, and set by its static initializer
    }
    assertEquals(expected, computed.longValue(), name);
    return 1;
  }

  private static byte[] bytesOf(Class<?> type) throws IOException {
    String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  /** A class whose serialVersionUID its static initializer sets. */
  private static byte[] computedUid() {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "gen/Computed", null, "java/lang/Object",
        new String[] {"java/io/Serializable"});
    writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
        "serialVersionUID", "J", null, null).visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static Class<?> define(String name, byte[] bytes) {
    return new ClassLoader(SerialVersionUidTest.class.getClassLoader()) {
      Class<?> define() {
        return defineClass(name.replace('/', '.'), bytes, 0, bytes.length);
      }
    }.define();
  }
}
