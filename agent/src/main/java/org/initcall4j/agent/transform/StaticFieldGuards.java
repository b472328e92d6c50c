package org.initcall4j.agent.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initcall4j.agent.classfile.ClassFileScan;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The deferred classes whose static fields other classes can reach, and which classes must guard
 * their accesses. The JVM initializes a class before a {@code getstatic} or {@code putstatic} of
 * its field; a deferred class's initialization is empty, so each such access in another class
 * gets the class's guard in front of it ({@link FieldAccessGuard}), which runs the deferred
 * initializer first. A class of the application's loader (or of one below it) is parsed only
 * when its constant pool refers to one of those fields by name, and then only the methods whose
 * code may use that reference; every other class costs one walk of its pool.
 *
 * <p>A class that extends a guarded class is guarded under its own name too, from the moment it
 * loads, for the superclass's fields it does not hide with its own: {@code getstatic Sub.FIELD}
 * reads the superclass's field.
 */
final class StaticFieldGuards {
  private final ClassLoader appLoader;
  /** Copy-on-write: read on every class load, written when a guarded class's subclass loads. */
  private volatile Owners owners = new Owners(new String[0], new byte[0][], new int[0],
      new String[0][], new byte[0][][], 0L);

  StaticFieldGuards(ClassLoader appLoader) {
    this.appLoader = appLoader;
  }

  /** Guards {@code fields}, static fields of deferred class {@code internalName}, by hook id. */
  synchronized void add(String internalName, int id, List<String> fields) {
    Owners now = owners;
    int n = now.names.length;
    String[] names = Arrays.copyOf(now.names, n + 1);
    byte[][] bytes = Arrays.copyOf(now.bytes, n + 1);
    int[] ids = Arrays.copyOf(now.ids, n + 1);
    String[][] fieldNames = Arrays.copyOf(now.fields, n + 1);
    byte[][][] fieldBytes = Arrays.copyOf(now.fieldBytes, n + 1);
    names[n] = internalName;
    bytes[n] = ClassFileScan.ascii(internalName);
    ids[n] = id;
    fieldNames[n] = fields.toArray(new String[0]);
    fieldBytes[n] = new byte[fields.size()][];
    for (int i = 0; i < fields.size(); i++) {
      fieldBytes[n][i] = ClassFileScan.ascii(fields.get(i));
    }
    owners = new Owners(names, bytes, ids, fieldNames, fieldBytes,
        now.lengths | lengthBit(bytes[n].length));
  }

  /**
   * Registers a subclass of a guarded class under the superclass's hook, for the superclass's
   * guarded fields it does not declare itself; false when {@code superName} is not guarded.
   */
  boolean addSubclass(String internalName, String superName, List<String> ownStaticFields) {
    Owners now = owners;
    List<String> inherited = new ArrayList<>();
    int id = -1;
    for (int parent = 0; parent < now.names.length; parent++) {
      if (!now.names[parent].equals(superName)) {
        continue;
      }
      for (String field : now.fields[parent]) {
        if (!ownStaticFields.contains(field)) {
          inherited.add(field);
        }
      }
      id = now.ids[parent]; // a name is listed once per hook, and a class has one superclass
    }
    if (inherited.isEmpty() || isListed(now, internalName, id)) {
      return false; // a deferred subclass is listed under its own hook as well, for its own fields
    }
    add(internalName, id, inherited);
    return true;
  }

  private static boolean isListed(Owners now, String name, int id) {
    for (int i = 0; i < now.names.length; i++) {
      if (now.ids[i] == id && now.names[i].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The hook to call before an access to static field {@code field} named through class
   * {@code owner}, or -1 when the access needs none.
   */
  int guardFor(String owner, String field) {
    Owners now = owners;
    for (int i = 0; i < now.names.length; i++) {
      if (now.names[i].equals(owner)) {
        for (String guarded : now.fields[i]) {
          if (guarded.equals(field)) {
            return now.ids[i];
          }
        }
      }
    }
    return -1; // a constant, or a subclass's own field: its own initialization sets it
  }

  /** Whether classes of {@code loader} may reach the guarded classes: the app loader or below. */
  boolean covers(ClassLoader loader) {
    for (ClassLoader at = loader; at != null; at = at.getParent()) {
      if (at == appLoader) {
        return true;
      }
    }
    return false;
  }

  /** {@link #methodsToGuard}: every method of the class may need guards. */
  static final boolean[] EVERY_METHOD = new boolean[0];

  /**
   * Which methods of the class may access a guarded field: null when none can, so the class is
   * passed over (a class that only calls a deferred class's methods, or reads its instance
   * fields, has no field reference to a guarded field by its class and name); otherwise one
   * flag per method, in class-file order, so that the rewrite parses only the code of those
   * (ASM copies the others as they are); {@link #EVERY_METHOD} for a subclass of a guarded class,
   * which is parsed whole to be guarded under its own name. One walk of the pool, no parse.
   */
  boolean[] methodsToGuard(byte[] b) {
    Owners now = owners;
    if (b.length < 10 || now.names.length == 0) {
      return null;
    }
    int[] cp = ClassFileScan.offsets(b);
    if (cp == null || cp[0] + 6 > b.length) {
      return null; // not a class file the JVM would define either
    }
    if (namesGuardedClass(now, b, cp, ClassFileScan.u2(b, cp[0] + 4))) {
      return EVERY_METHOD;
    }
    boolean[] guardedRefs = null;
    for (int index = 1; index < cp.length; index++) {
      int at = cp[index];
      if (at == 0 || b[at] != 9) { // 9: CONSTANT_Fieldref
        continue;
      }
      if (isGuardedField(now, b, cp, ClassFileScan.u2(b, at + 1),
          ClassFileScan.u2(b, at + 3))) {
        if (guardedRefs == null) {
          guardedRefs = new boolean[cp.length];
        }
        guardedRefs[index] = true;
      }
    }
    return guardedRefs == null ? null : MethodCodeScan.methodsUsing(b, cp, guardedRefs);
  }

  /** Whether class constant {@code index} names a guarded class. */
  private static boolean namesGuardedClass(Owners now, byte[] b, int[] cp, int index) {
    int name = className(now, b, cp, index);
    if (name < 0) {
      return false;
    }
    int length = ClassFileScan.u2(b, cp[name] + 1);
    for (byte[] guarded : now.bytes) {
      if (equalsAt(b, cp[name] + 3, length, guarded)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The UTF-8 constant naming class constant {@code index}, or -1 when it is not a class, or
   * its name's length is none of the guarded names'.
   */
  private static int className(Owners now, byte[] b, int[] cp, int index) {
    if (!isTag(b, cp, index, 7)) {
      return -1; // no class (java/lang/Object's super), or malformed: the JVM rejects it
    }
    int name = ClassFileScan.u2(b, cp[index] + 1);
    if (!isTag(b, cp, name, 1)) {
      return -1;
    }
    return (now.lengths & lengthBit(ClassFileScan.u2(b, cp[name] + 1))) == 0 ? -1 : name;
  }

  /**
   * Whether a field reference to class constant {@code type} and name-and-type {@code field}
   * names a guarded field: of any entry of that class name (a deferred subclass of a deferred
   * class has one for its own fields and one for those it inherits).
   */
  private static boolean isGuardedField(Owners now, byte[] b, int[] cp, int type, int field) {
    int owner = className(now, b, cp, type);
    if (owner < 0 || !isTag(b, cp, field, 12)) {
      return false;
    }
    int name = ClassFileScan.u2(b, cp[field] + 1);
    if (!isTag(b, cp, name, 1)) {
      return false;
    }
    int ownerLength = ClassFileScan.u2(b, cp[owner] + 1);
    int length = ClassFileScan.u2(b, cp[name] + 1);
    for (int i = 0; i < now.bytes.length; i++) {
      if (equalsAt(b, cp[owner] + 3, ownerLength, now.bytes[i])) {
        for (byte[] guarded : now.fieldBytes[i]) {
          if (equalsAt(b, cp[name] + 3, length, guarded)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isTag(byte[] b, int[] cp, int index, int tag) {
    return index > 0 && index < cp.length && cp[index] != 0 && b[cp[index]] == tag;
  }

  private static boolean equalsAt(byte[] b, int at, int length, byte[] ascii) {
    return ascii.length == length && Arrays.equals(b, at, at + length, ascii, 0, length);
  }

  private static long lengthBit(int length) {
    return 1L << (length & 63);
  }

  /**
   * The class file with a guard before each access to a guarded class's static field, or null
   * when it has none (it may still have been registered as a subclass).
   *
   * @param methods from {@link #methodsToGuard}: the methods whose code is parsed
   */
  byte[] rewrite(byte[] classFile, boolean[] methods) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    FieldGuardVisitor visitor = new FieldGuardVisitor(writer, this, false,
        methods == EVERY_METHOD ? null : methods);
    reader.accept(visitor, 0);
    return visitor.guarded() ? writer.toByteArray() : null;
  }

  /** One consistent snapshot of the guarded classes and fields, by index. */
  private static final class Owners {
    final String[] names;
    /** The same names as bytes, to compare with a class file's constants. */
    final byte[][] bytes;
    final int[] ids;
    /** The guarded static fields of each, by name. */
    final String[][] fields;
    final byte[][][] fieldBytes;
    /** A bit per class name length modulo 64: most class constants are passed over on it. */
    final long lengths;

    Owners(String[] names, byte[][] bytes, int[] ids, String[][] fields, byte[][][] fieldBytes,
        long lengths) {
      this.names = names;
      this.bytes = bytes;
      this.ids = ids;
      this.fields = fields;
      this.fieldBytes = fieldBytes;
      this.lengths = lengths;
    }
  }
}
