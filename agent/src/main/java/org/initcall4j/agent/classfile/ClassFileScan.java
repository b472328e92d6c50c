package org.initcall4j.agent.classfile;

/**
 * Reads just enough of a class file to decide whether it is worth parsing: its version, and
 * whether its constant pool holds the name {@code <clinit>}. A class with a static initializer
 * must have that UTF-8 constant, so a class without it is rejected without ASM. The walk stops at
 * the end of the constant pool; methods and code are never read.
 */
public final class ClassFileScan {
  /** The newest class file major version the shaded ASM reads (Java 26). */
  public static final int NEWEST_MAJOR = 70;

  /** The class has no {@code <clinit>}: leave it alone. */
  public static final int NO_CLINIT = 0;
  /** The class may have a {@code <clinit>}: parse it. */
  public static final int HAS_CLINIT = 1;
  /** A class file version newer than ASM reads: leave it alone. */
  public static final int TOO_NEW = 2;
  /** Not a class file ASM could read (bad magic, truncated, unknown constant tag). */
  public static final int MALFORMED = 3;

  private static final byte[] CLINIT = {'<', 'c', 'l', 'i', 'n', 'i', 't', '>'};

  private ClassFileScan() {}

  /** The major version of a class file (bytes 6-7), or -1 when too short to have one. */
  public static int majorVersion(byte[] bytes) {
    return bytes.length < 8 ? -1 : u2(bytes, 6);
  }

  /** One of {@link #NO_CLINIT}, {@link #HAS_CLINIT}, {@link #TOO_NEW}, {@link #MALFORMED}. */
  public static int scan(byte[] b) {
    if (b.length < 10 || u2(b, 0) != 0xCAFE || u2(b, 2) != 0xBABE) {
      return MALFORMED;
    }
    if (majorVersion(b) > NEWEST_MAJOR) {
      return TOO_NEW;
    }
    int count = u2(b, 8);
    int at = 10;
    for (int index = 1; index < count; index++) {
      int size = entrySize(b, at);
      if (size < 0) {
        return MALFORMED;
      }
      if (b[at] == 1 && size == 3 + CLINIT.length && isClinit(b, at + 3)) {
        return HAS_CLINIT;
      }
      at += size;
      if (b[at - size] == 5 || b[at - size] == 6) {
        index++; // Long and Double take two slots
      }
    }
    return at <= b.length ? NO_CLINIT : MALFORMED;
  }

  /**
   * Where each constant-pool entry starts, by index, with the pool's end at index 0 (which no
   * entry uses); null when the pool is cut off or has an unknown tag. A loop of its own, so the
   * JIT compiles it small.
   */
  public static int[] offsets(byte[] b) {
    int count = u2(b, 8);
    if (count < 1) {
      return null;
    }
    int[] cp = new int[count];
    int at = 10;
    for (int index = 1; index < count; index++) {
      int size = entrySize(b, at);
      if (size < 0) {
        return null;
      }
      cp[index] = at;
      if (b[at] == 5 || b[at] == 6) {
        index++; // Long and Double take two slots
      }
      at += size;
    }
    cp[0] = at;
    return cp;
  }

  /** Whether constant {@code index} is the UTF-8 string {@code ascii}. */
  public static boolean utf8Is(byte[] b, int[] cp, int index, byte[] ascii) {
    if (index <= 0 || index >= cp.length || cp[index] == 0 || b[cp[index]] != 1
        || u2(b, cp[index] + 1) != ascii.length) {
      return false;
    }
    int at = cp[index] + 3;
    for (int i = 0; i < ascii.length; i++) {
      if (b[at + i] != ascii[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The size in bytes of the constant-pool entry at {@code at}, or -1 when it is cut off or has
   * an unknown tag.
   */
  public static int entrySize(byte[] b, int at) {
    if (at >= b.length) {
      return -1;
    }
    int size = switch (b[at]) {
      case 1 -> at + 3 > b.length ? -1 : 3 + u2(b, at + 1); // Utf8: u2 length, bytes
      case 7, 8, 16, 19, 20 -> 3; // Class, String, MethodType, Module, Package
      case 15 -> 4; // MethodHandle
      case 3, 4, 9, 10, 11, 12, 17, 18 -> 5; // Integer, Float, refs, NameAndType, dynamic
      case 5, 6 -> 9; // Long, Double
      default -> -1;
    };
    return size < 0 || at + size > b.length ? -1 : size;
  }

  private static boolean isClinit(byte[] b, int at) {
    if (at + CLINIT.length > b.length) {
      return false;
    }
    for (int i = 0; i < CLINIT.length; i++) {
      if (b[at + i] != CLINIT[i]) {
        return false;
      }
    }
    return true;
  }

  public static int u2(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  public static int u4(byte[] b, int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }

  /** The bytes of an ASCII name, to compare constants with. */
  public static byte[] ascii(String name) {
    return name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
