package org.initcall4j.agent.profile;

import static org.initcall4j.agent.classfile.ClassFileScan.u2;
import static org.initcall4j.agent.classfile.ClassFileScan.u4;
import org.initcall4j.agent.classfile.ClassFileScan;

/**
 * The fast path of the rewrite: adds timing to a static initializer by copying the class file
 * and patching bytes, without ASM: 17 constants appended to the constant pool, the
 * {@code <clinit>} Code attribute replaced ({@link ClinitCodePatch}), everything else copied as
 * is into one array of the final size. Returns null for the classes it does not handle, which
 * then take the ASM path.
 *
 * <p>It runs for every class with a static initializer while the application starts, so it is
 * written for that: each loop in a small method of its own (the JIT compiles small methods
 * quickly, where one large method cost hundreds of milliseconds of compiler time on a class-heavy
 * runtime), the constants that never change copied from a template, and the class's name taken
 * from its own constant pool rather than written again.
 */
final class ClinitPatcher {
  /** A static initializer too large to time (the caller warns). */
  static final byte[] TOO_LARGE = new byte[0];
  /**
   * Nothing to time: no {@code <clinit>} method although the name is in the constant pool (e.g.
   * a compiler), or one that only returns.
   */
  static final byte[] NO_CLINIT = new byte[0];

  /** The String constant of the class's name, then the {@link #FIXED} ones. */
  private static final int ADDED_CONSTANTS = 17;
  // where the constants the new code refers to are, counted from the first one added
  static final int CLASS_NAME = 0;
  static final int ENTER = 6;
  static final int EXIT = 10;
  static final int EXIT_FAILED = 13;
  static final int THROWABLE = 15;
  static final int STACK_MAP_TABLE = 16;

  private static final byte[] CLINIT = ClassFileScan.ascii("<clinit>");
  private static final byte[] NO_ARGS_VOID = ClassFileScan.ascii("()V");
  private static final byte[] CODE = ClassFileScan.ascii("Code");

  /**
   * The constants after the class name's String, as they are written for a class whose pool
   * has {@code count} 0: each reference in it ({@link #FIXED_REFERENCES}) is shifted by the real
   * count.
   */
  private static final byte[] FIXED;
  private static final int[] FIXED_REFERENCES;

  static {
    // references are written as offsets from the class name's String, shifted per class
    ByteSink out = new ByteSink(160);
    int[] references = new int[14];
    int n = 0;
    out.utf8Entry(ClinitTimingMethod.RECORDER); // 1
    n = entry(out, 7, references, n, 1, -1); // 2: Class ProfileRecorder
    out.utf8Entry("enter"); // 3
    out.utf8Entry("(Ljava/lang/String;)V"); // 4
    n = entry(out, 12, references, n, 3, 4); // 5
    n = entry(out, 10, references, n, 2, 5); // 6: Methodref enter
    out.utf8Entry("exit"); // 7
    out.utf8Entry("()V"); // 8
    n = entry(out, 12, references, n, 7, 8); // 9
    n = entry(out, 10, references, n, 2, 9); // 10: Methodref exit
    out.utf8Entry("exitFailed"); // 11
    n = entry(out, 12, references, n, 11, 8); // 12
    n = entry(out, 10, references, n, 2, 12); // 13: Methodref exitFailed
    out.utf8Entry("java/lang/Throwable"); // 14
    n = entry(out, 7, references, n, 14, -1); // 15: Class Throwable, for the handler's frame
    out.utf8Entry("StackMapTable"); // 16
    FIXED = out.toByteArray();
    FIXED_REFERENCES = references;
  }

  /** A constant of one or two references (second -1 for one); returns the references' count. */
  private static int entry(ByteSink out, int tag, int[] references, int n, int first,
      int second) {
    out.u1(tag);
    references[n++] = out.size();
    out.u2(first);
    if (second >= 0) {
      references[n++] = out.size();
      out.u2(second);
    }
    return n;
  }

  private ClinitPatcher() {}

  /**
   * The class with its static initializer timed; {@link #NO_CLINIT}, {@link #TOO_LARGE}, or null
   * for a class the ASM path must take.
   */
  static byte[] patch(byte[] b) {
    try {
      return patchChecked(b);
    } catch (IndexOutOfBoundsException truncated) {
      return null;
    }
  }

  private static byte[] patchChecked(byte[] b) {
    int count = u2(b, 8);
    if (count + ADDED_CONSTANTS > 0xFFFF) {
      return null;
    }
    int[] cp = ClassFileScan.offsets(b);
    if (cp == null) {
      return null;
    }
    int poolEnd = cp[0];
    int ownName = classNameUtf8(b, cp, u2(b, poolEnd + 2));
    if (ownName < 0) {
      return null;
    }
    int code = clinitCode(b, cp, skipFields(b, poolEnd + 6));
    if (code == NO_METHOD) {
      return NO_CLINIT;
    }
    if (code < 0) {
      return null; // no Code: abstract or native, odd: ASM
    }
    if (u4(b, code + 10) == 1 && (b[code + 14] & 0xFF) == 0xB1) {
      // an empty initializer (a lone return; Clojure writes one per function class) has
      // nothing to blame, and timing it would cost an ASM pass: left as it is
      return NO_CLINIT;
    }
    ByteSink newCode = new ClinitCodePatch(b, cp, u2(b, 6), count).patch(code);
    if (newCode == ClinitCodePatch.TOO_LARGE) {
      return TOO_LARGE;
    }
    return newCode == null ? null : assemble(b, poolEnd, ownName, code, newCode);
  }

  /** The new class file, written once into an array of its final size. */
  private static byte[] assemble(byte[] b, int poolEnd, int ownName, int code,
      ByteSink newCode) {
    int count = u2(b, 8);
    int codeEnd = code + 6 + u4(b, code + 2);
    byte[] out = new byte[b.length + 3 + FIXED.length + newCode.size() - (codeEnd - code)];
    System.arraycopy(b, 0, out, 0, poolEnd);
    put2(out, 8, count + ADDED_CONSTANTS);
    out[poolEnd] = 8; // String: the class's own name, what enter() gets
    put2(out, poolEnd + 1, ownName);
    int at = poolEnd + 3;
    System.arraycopy(FIXED, 0, out, at, FIXED.length);
    for (int reference : FIXED_REFERENCES) {
      put2(out, at + reference, u2(FIXED, reference) + count);
    }
    at += FIXED.length;
    System.arraycopy(b, poolEnd, out, at, code - poolEnd);
    at = newCode.copyTo(out, at + code - poolEnd);
    System.arraycopy(b, codeEnd, out, at, b.length - codeEnd);
    return out;
  }

  /** The UTF-8 constant naming the class (this_class), or -1. */
  private static int classNameUtf8(byte[] b, int[] cp, int thisClass) {
    if (thisClass <= 0 || thisClass >= cp.length || cp[thisClass] == 0 || b[cp[thisClass]] != 7) {
      return -1;
    }
    return u2(b, cp[thisClass] + 1);
  }

  /** Skips interfaces and fields; returns where the methods start. */
  private static int skipFields(byte[] b, int at) {
    at += 2 + 2 * u2(b, at);
    int members = u2(b, at);
    at += 2;
    for (int m = 0; m < members; m++) {
      at = skipAttributes(b, at + 6);
    }
    return at;
  }

  private static int skipAttributes(byte[] b, int at) {
    int attributes = u2(b, at);
    at += 2;
    for (int k = 0; k < attributes; k++) {
      at += 6 + u4(b, at + 2);
    }
    return at;
  }

  private static final int NO_METHOD = -1;
  private static final int NO_CODE = -2;

  /**
   * Where {@code <clinit>}'s Code attribute starts; {@link #NO_METHOD} when there is no such
   * method, {@link #NO_CODE} when it has no code.
   */
  private static int clinitCode(byte[] b, int[] cp, int at) {
    int methods = u2(b, at);
    at += 2;
    for (int m = 0; m < methods; m++) {
      if (ClassFileScan.utf8Is(b, cp, u2(b, at + 2), CLINIT)
          && ClassFileScan.utf8Is(b, cp, u2(b, at + 4), NO_ARGS_VOID)) {
        return codeAttribute(b, cp, at + 6);
      }
      at = skipAttributes(b, at + 6);
    }
    return NO_METHOD;
  }

  private static int codeAttribute(byte[] b, int[] cp, int at) {
    int attributes = u2(b, at);
    at += 2;
    for (int k = 0; k < attributes; k++) {
      if (ClassFileScan.utf8Is(b, cp, u2(b, at), CODE)) {
        return at;
      }
      at += 6 + u4(b, at + 2);
    }
    return NO_CODE;
  }

  private static void put2(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 8);
    b[at + 1] = (byte) value;
  }
}
