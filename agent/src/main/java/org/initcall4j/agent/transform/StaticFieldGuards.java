package org.initcall4j.agent.transform;

import java.util.Arrays;
import org.initcall4j.agent.classfile.ClassFileScan;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The deferred classes whose static fields other classes can reach, and which classes must guard
 * their accesses. The JVM initializes a class before a {@code getstatic} or {@code putstatic} of
 * its field; a deferred class's initialization is empty, so each such access in another class
 * gets the class's guard in front of it ({@link FieldAccessGuard}), which runs the deferred
 * initializer first. A class of the application's loader (or of one below it) is parsed only
 * when its constant pool names a guarded class; every other class costs one walk of its pool.
 *
 * <p>A class that extends a guarded class is guarded under its own name too, from the moment it
 * loads, for the static fields it does not declare itself: {@code getstatic Sub.FIELD} reads the
 * superclass's field.
 */
final class StaticFieldGuards {
  private final ClassLoader appLoader;
  /** Copy-on-write: read on every class load, written when a guarded class's subclass loads. */
  private volatile Owners owners = new Owners(new String[0], new byte[0][], new int[0],
      new String[0][], 0L);

  StaticFieldGuards(ClassLoader appLoader) {
    this.appLoader = appLoader;
  }

  /** Guards the static fields of deferred class {@code internalName} with hook {@code id}. */
  void add(String internalName, int id) {
    add(internalName, id, null);
  }

  boolean isEmpty() {
    return owners.names.length == 0;
  }

  /**
   * Registers a subclass of a guarded class under the superclass's hook, for the static fields
   * it does not declare itself; false when {@code superName} is not guarded.
   */
  boolean addSubclass(String internalName, String superName, String[] ownStaticFields) {
    int id = idOf(superName);
    if (id < 0 || indexOf(internalName) >= 0) {
      return false;
    }
    add(internalName, id, ownStaticFields);
    return true;
  }

  private synchronized void add(String internalName, int id, String[] ownStaticFields) {
    Owners now = owners;
    int n = now.names.length;
    byte[] ascii = ClassFileScan.ascii(internalName);
    String[] names = Arrays.copyOf(now.names, n + 1);
    byte[][] bytes = Arrays.copyOf(now.bytes, n + 1);
    int[] ids = Arrays.copyOf(now.ids, n + 1);
    String[][] own = Arrays.copyOf(now.ownStaticFields, n + 1);
    names[n] = internalName;
    bytes[n] = ascii;
    ids[n] = id;
    own[n] = ownStaticFields;
    owners = new Owners(names, bytes, ids, own, now.lengths | lengthBit(ascii.length));
  }

  /** The hook guarding class {@code owner}'s static fields, or -1. */
  int idOf(String owner) {
    int i = indexOf(owner);
    return i < 0 ? -1 : owners.ids[i];
  }

  /**
   * The hook to call before an access to static field {@code field} named through class
   * {@code owner}, or -1 when the access needs none.
   */
  int guardFor(String owner, String field) {
    Owners now = owners;
    int i = indexOf(now, owner);
    if (i < 0) {
      return -1;
    }
    String[] own = now.ownStaticFields[i];
    if (own != null) {
      for (String declared : own) {
        if (declared.equals(field)) {
          return -1; // the subclass's own field: its own initialization sets it
        }
      }
    }
    return now.ids[i];
  }

  private int indexOf(String owner) {
    return indexOf(owners, owner);
  }

  private static int indexOf(Owners now, String owner) {
    for (int i = 0; i < now.names.length; i++) {
      if (now.names[i].equals(owner)) {
        return i;
      }
    }
    return -1;
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

  /**
   * Whether the class file's constant pool holds a guarded class's name: a class that names none
   * cannot access their fields (a field reference names its class). No allocation, no parse.
   */
  boolean namesAny(byte[] b) {
    Owners now = owners;
    if (b.length < 10 || now.names.length == 0) {
      return false;
    }
    int count = ClassFileScan.u2(b, 8);
    int at = 10;
    for (int index = 1; index < count; index++) {
      int size = ClassFileScan.entrySize(b, at);
      if (size < 0) {
        return false; // not a class file the JVM would define either
      }
      if (b[at] == 1 && (now.lengths & lengthBit(size - 3)) != 0 && isAnyName(now, b, at + 3,
          size - 3)) {
        return true;
      }
      if (b[at] == 5 || b[at] == 6) {
        index++; // Long and Double take two slots
      }
      at += size;
    }
    return false;
  }

  private static boolean isAnyName(Owners now, byte[] b, int at, int length) {
    for (byte[] name : now.bytes) {
      if (name.length == length && Arrays.equals(b, at, at + length, name, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private static long lengthBit(int length) {
    return 1L << (length & 63);
  }

  /**
   * The class file with a guard before each access to a guarded class's static field, or null
   * when it has none (it may still have been registered as a subclass).
   */
  byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    FieldGuardVisitor visitor = new FieldGuardVisitor(writer, this, false);
    reader.accept(visitor, 0);
    return visitor.guarded() ? writer.toByteArray() : null;
  }

  /** One consistent snapshot of the guarded names, by index. */
  private static final class Owners {
    final String[] names;
    /** The same names as bytes, to compare with a class file's constants. */
    final byte[][] bytes;
    final int[] ids;
    /** For a subclass, the static fields it declares itself; null for a deferred class. */
    final String[][] ownStaticFields;
    /** A bit per name length modulo 64: most constants are passed over on it. */
    final long lengths;

    Owners(String[] names, byte[][] bytes, int[] ids, String[][] ownStaticFields, long lengths) {
      this.names = names;
      this.bytes = bytes;
      this.ids = ids;
      this.ownStaticFields = ownStaticFields;
      this.lengths = lengths;
    }
  }
}
