package org.initcall4j.agent.profile;

import static org.initcall4j.agent.profile.ClassFileScan.u2;

/**
 * The fast path of the rewrite: adds timing to a static initializer by copying the class file
 * and patching bytes, without ASM: 18 constants appended to the constant pool, the
 * {@code <clinit>} Code attribute replaced ({@link ClinitCodePatch}), everything else copied as
 * is. About a tenth of an ASM pass, and ASM's classes need not even be loaded. Returns null for
 * the classes it does not handle, which then take the ASM path.
 */
final class ClinitPatcher {
  /** A static initializer too large to time (the caller warns). */
  static final byte[] TOO_LARGE = new byte[0];
  /** The name {@code <clinit>} is in the constant pool, but no such method (e.g. a compiler). */
  static final byte[] NO_CLINIT = new byte[0];

  private static final int ADDED_CONSTANTS = 18;

  private ClinitPatcher() {}

  static byte[] patch(byte[] b, String internalName) {
    for (int i = 0; i < internalName.length(); i++) {
      char c = internalName.charAt(i);
      if (c == 0 || c > 0x7F) {
        return null; // the constant would need modified UTF-8: ASM writes it
      }
    }
    try {
      return patchAscii(b, internalName.replace('/', '.'));
    } catch (IndexOutOfBoundsException truncated) {
      return null;
    }
  }

  private static byte[] patchAscii(byte[] b, String dottedName) {
    int count = u2(b, 8);
    if (count + ADDED_CONSTANTS > 0xFFFF) {
      return null;
    }
    int[] cp = new int[count];
    int at = 10;
    for (int index = 1; index < count; index++) {
      int size = ClassFileScan.entrySize(b, at);
      if (size < 0) {
        return null;
      }
      cp[index] = at;
      int tag = b[at];
      at += size;
      if (tag == 5 || tag == 6) {
        index++;
      }
    }
    int poolEnd = at;
    at += 6;
    at += 2 + 2 * u2(b, at);
    at = skipMembers(b, at);
    int methods = u2(b, at);
    at += 2;
    int code = -1;
    int clinitMethods = 0;
    for (int m = 0; m < methods; m++) {
      boolean clinit = utf8Is(b, cp, u2(b, at + 2), "<clinit>")
          && utf8Is(b, cp, u2(b, at + 4), "()V");
      clinitMethods += clinit ? 1 : 0;
      int attributes = u2(b, at + 6);
      at += 8;
      for (int k = 0; k < attributes; k++) {
        if (clinit && utf8Is(b, cp, u2(b, at), "Code")) {
          code = at;
        }
        at += 6 + u4(b, at + 2);
      }
    }
    if (code < 0) {
      return clinitMethods == 0 ? NO_CLINIT : null; // no Code: abstract or native, odd: ASM
    }
    if (u4(b, code + 10) == 1 && (b[code + 14] & 0xFF) == 0xB1) {
      // an empty initializer (a lone return; Clojure writes one per function class) has
      // nothing to blame, and timing it would cost an ASM pass: left as it is
      return NO_CLINIT;
    }
    ClinitCodePatch.ConstantsAdded added = new ClinitCodePatch.ConstantsAdded(count + 1,
        count + 7, count + 11, count + 14, count + 16, count + 17);
    ByteSink newCode = new ClinitCodePatch(b, cp, u2(b, 6), added).patch(code);
    if (newCode == ClinitCodePatch.TOO_LARGE) {
      return TOO_LARGE;
    }
    if (newCode == null) {
      return null;
    }
    int codeEnd = code + 6 + u4(b, code + 2);
    ByteSink out = new ByteSink(b.length + newCode.size() + 256);
    out.bytes(b, 0, 8).u2(count + ADDED_CONSTANTS).bytes(b, 10, poolEnd - 10);
    appendConstants(out, count, dottedName);
    out.bytes(b, poolEnd, code - poolEnd).bytes(newCode).bytes(b, codeEnd, b.length - codeEnd);
    return out.toByteArray();
  }

  /** The constants at {@code first}.. that {@link ClinitCodePatch.ConstantsAdded} names. */
  private static void appendConstants(ByteSink out, int first, String dottedName) {
    out.utf8Entry(dottedName); // first
    out.u1(8).u2(first); // +1 String: the class name enter() gets
    out.utf8Entry(ClinitTimingMethod.RECORDER); // +2
    out.u1(7).u2(first + 2); // +3 Class ProfileRecorder
    out.utf8Entry("enter"); // +4
    out.utf8Entry("(Ljava/lang/String;)V"); // +5
    out.u1(12).u2(first + 4).u2(first + 5); // +6
    out.u1(10).u2(first + 3).u2(first + 6); // +7 Methodref enter
    out.utf8Entry("exit"); // +8
    out.utf8Entry("()V"); // +9
    out.u1(12).u2(first + 8).u2(first + 9); // +10
    out.u1(10).u2(first + 3).u2(first + 10); // +11 Methodref exit
    out.utf8Entry("exitFailed"); // +12
    out.u1(12).u2(first + 12).u2(first + 9); // +13
    out.u1(10).u2(first + 3).u2(first + 13); // +14 Methodref exitFailed
    out.utf8Entry("java/lang/Throwable"); // +15
    out.u1(7).u2(first + 15); // +16 Class Throwable, for the handler's frame
    out.utf8Entry("StackMapTable"); // +17
  }

  /** Skips the fields: count, then each with its attributes. */
  private static int skipMembers(byte[] b, int at) {
    int members = u2(b, at);
    at += 2;
    for (int m = 0; m < members; m++) {
      int attributes = u2(b, at + 6);
      at += 8;
      for (int k = 0; k < attributes; k++) {
        at += 6 + u4(b, at + 2);
      }
    }
    return at;
  }

  private static boolean utf8Is(byte[] b, int[] cp, int index, String ascii) {
    if (index <= 0 || index >= cp.length || cp[index] == 0 || b[cp[index]] != 1
        || u2(b, cp[index] + 1) != ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (b[cp[index] + 3 + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int u4(byte[] b, int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }
}
