package org.initcall4j.agent.transform;

import org.initcall4j.agent.classfile.ClassFileScan;

/**
 * Finds, without parsing instructions, the methods whose code may use given constant-pool
 * entries in a {@code getstatic} or {@code putstatic}: it looks for either opcode followed by one
 * of the indexes. An operand that happens to look like one only makes a method parsed for
 * nothing; a real use is never missed.
 */
final class MethodCodeScan {
  private static final byte GETSTATIC = (byte) 0xB2;
  private static final byte PUTSTATIC = (byte) 0xB3;
  private static final byte[] CODE = ClassFileScan.ascii("Code");

  private MethodCodeScan() {}

  /**
   * One flag per method, in class-file order, or {@link StaticFieldGuards#EVERY_METHOD} when the
   * class file does not read as expected (then every method is parsed).
   *
   * @param cp constant-pool offsets ({@link ClassFileScan#offsets})
   * @param refs the constant-pool indexes to look for, as flags by index
   */
  static boolean[] methodsUsing(byte[] b, int[] cp, boolean[] refs) {
    int at = cp[0] + 6; // access flags, this class, super class
    if (at + 2 > b.length) {
      return StaticFieldGuards.EVERY_METHOD;
    }
    at += 2 + 2 * ClassFileScan.u2(b, at); // interfaces
    if (at + 2 > b.length) {
      return StaticFieldGuards.EVERY_METHOD;
    }
    int fields = ClassFileScan.u2(b, at);
    at += 2;
    for (int i = 0; i < fields; i++) {
      at = skipMember(b, at);
      if (at < 0) {
        return StaticFieldGuards.EVERY_METHOD;
      }
    }
    if (at + 2 > b.length) {
      return StaticFieldGuards.EVERY_METHOD;
    }
    boolean[] methods = new boolean[ClassFileScan.u2(b, at)];
    at += 2;
    for (int m = 0; m < methods.length; m++) {
      if (at + 8 > b.length) {
        return StaticFieldGuards.EVERY_METHOD;
      }
      int attributes = ClassFileScan.u2(b, at + 6);
      at += 8;
      for (int a = 0; a < attributes; a++) {
        if (at + 6 > b.length) {
          return StaticFieldGuards.EVERY_METHOD;
        }
        int length = ClassFileScan.u4(b, at + 2);
        int end = at + 6 + length;
        if (length < 0 || end > b.length) {
          return StaticFieldGuards.EVERY_METHOD;
        }
        if (ClassFileScan.utf8Is(b, cp, ClassFileScan.u2(b, at), CODE) && length >= 8) {
          int codeLength = ClassFileScan.u4(b, at + 10);
          int code = at + 14;
          if (codeLength < 0 || code + codeLength > end) {
            return StaticFieldGuards.EVERY_METHOD;
          }
          methods[m] = uses(b, code, code + codeLength, refs);
        }
        at = end;
      }
    }
    return methods;
  }

  /** The offset after a field's (or method's) entry, or -1 when it is cut off. */
  private static int skipMember(byte[] b, int at) {
    if (at + 8 > b.length) {
      return -1;
    }
    int attributes = ClassFileScan.u2(b, at + 6);
    at += 8;
    for (int a = 0; a < attributes; a++) {
      if (at + 6 > b.length) {
        return -1;
      }
      int length = ClassFileScan.u4(b, at + 2);
      if (length < 0 || at + 6 + length > b.length) {
        return -1;
      }
      at += 6 + length;
    }
    return at;
  }

  private static boolean uses(byte[] b, int from, int to, boolean[] refs) {
    for (int i = from; i + 2 < to; i++) {
      if (b[i] == GETSTATIC || b[i] == PUTSTATIC) {
        int index = ClassFileScan.u2(b, i + 1);
        if (index < refs.length && refs[index]) {
          return true;
        }
      }
    }
    return false;
  }
}
