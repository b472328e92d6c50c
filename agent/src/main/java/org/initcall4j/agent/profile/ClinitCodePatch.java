package org.initcall4j.agent.profile;

import static org.initcall4j.agent.classfile.ClassFileScan.u2;
import org.initcall4j.agent.classfile.ClassFileScan;

/**
 * Rewrites one static initializer's {@code Code} attribute in place of ASM, for the shape javac
 * writes (a single {@code return}, as the last instruction):
 *
 * <pre>
 *   0: ldc_w "the/Class"; invokestatic enter; nop; nop   (8 bytes: keeps switch padding)
 *   8: the original code, every offset moved by 8, without its final return
 *      invokestatic exit; return
 *      handler (any, over the original code): invokestatic exitFailed; athrow
 * </pre>
 *
 * Only offsets move, by a constant, so branches (relative) stay as they are; the exception table,
 * line and local variable tables, the stack map frames and the offsets inside uninitialized-type
 * entries are shifted. Anything else (several returns, subroutines, other code attributes) is
 * left to the ASM path: {@link #patch} returns null.
 */
final class ClinitCodePatch {
  static final int SHIFT = 8;
  /** Bytes the patch adds to the code: the prologue, exit and the handler, minus the return. */
  static final int GROWTH = SHIFT + 3 + 1 + 3 + 1 - 1;

  private static final byte[] LINE_NUMBER_TABLE = ClassFileScan.ascii("LineNumberTable");
  private static final byte[] LOCAL_VARIABLE_TABLE = ClassFileScan.ascii("LocalVariableTable");
  private static final byte[] LOCAL_VARIABLE_TYPE_TABLE =
      ClassFileScan.ascii("LocalVariableTypeTable");
  private static final byte[] STACK_MAP_TABLE = ClassFileScan.ascii("StackMapTable");

  /** A code too large to time; distinct from null (not handled here). */
  static final ByteSink TOO_LARGE = new ByteSink(0);

  private final byte[] b;
  private final int[] cp;
  private final int major;
  /** The index of the first constant {@link ClinitPatcher} adds; the others follow it. */
  private final int added;

  ClinitCodePatch(byte[] b, int[] cp, int major, int firstAdded) {
    this.b = b;
    this.cp = cp;
    this.major = major;
    this.added = firstAdded;
  }

  /**
   * The new Code attribute (from its name index on) for the one at {@code at}, null when this
   * class is for the ASM path, or {@link #TOO_LARGE}. Written into one buffer, lengths and
   * counts filled in once known.
   */
  ByteSink patch(int at) {
    int codeLength = u4(at + 10);
    int code = at + 14;
    if (codeLength < 2 || !singleReturnAtEnd(code, codeLength)) {
      return null;
    }
    if (codeLength + GROWTH > 65535) {
      return TOO_LARGE;
    }
    int end = codeLength - 1; // where the return was, now exit()
    int handler = SHIFT + end + 4;
    ByteSink out = new ByteSink(6 + u4(at + 2) + 64);
    out.u2(u2(b, at));
    int attributeLength = out.reserveU4();
    out.u2(Math.max(u2(b, at + 6), 1)).u2(u2(b, at + 8)).u4(codeLength + GROWTH);
    out.u1(0x13).u2(added + ClinitPatcher.CLASS_NAME).u1(0xB8).u2(added + ClinitPatcher.ENTER)
        .u1(0).u1(0);
    out.bytes(b, code, end);
    out.u1(0xB8).u2(added + ClinitPatcher.EXIT).u1(0xB1)
        .u1(0xB8).u2(added + ClinitPatcher.EXIT_FAILED).u1(0xBF);

    int exceptions = code + codeLength;
    int count = u2(b, exceptions);
    out.u2(count + 1);
    for (int i = 0, e = exceptions + 2; i < count; i++, e += 8) {
      out.u2(SHIFT + u2(b, e)).u2(moveEnd(u2(b, e + 2), codeLength))
          .u2(SHIFT + u2(b, e + 4)).u2(u2(b, e + 6));
    }
    out.u2(SHIFT).u2(SHIFT + end).u2(handler).u2(0); // after the method's own handlers

    int attributes = exceptions + 2 + 8 * count;
    int attributeCount = u2(b, attributes);
    int countAt = out.reserveU2();
    boolean hadFrames = false;
    for (int i = 0, a = attributes + 2; i < attributeCount; i++) {
      int name = u2(b, a);
      if (ClassFileScan.utf8Is(b, cp, name, LINE_NUMBER_TABLE)) {
        shiftTable(out, a, 4, -1, codeLength);
      } else if (ClassFileScan.utf8Is(b, cp, name, LOCAL_VARIABLE_TABLE)
          || ClassFileScan.utf8Is(b, cp, name, LOCAL_VARIABLE_TYPE_TABLE)) {
        shiftTable(out, a, 10, 2, codeLength);
      } else if (ClassFileScan.utf8Is(b, cp, name, STACK_MAP_TABLE)) {
        hadFrames = true;
        if (!frames(out, a, handler)) {
          return null;
        }
      } else {
        return null; // e.g. type annotations with code offsets: ASM's job
      }
      a += 6 + u4(a + 2);
    }
    boolean addFrames = !hadFrames && major >= 51;
    if (addFrames) {
      out.u2(added + ClinitPatcher.STACK_MAP_TABLE).u4(2 + 10).u2(1);
      handlerFrame(out, handler);
    }
    out.setU2(countAt, attributeCount + (addFrames ? 1 : 0));
    out.setU4(attributeLength, out.size() - 6);
    return out;
  }

  /** Whether the code's only return is its last instruction, with no subroutines. */
  private boolean singleReturnAtEnd(int code, int length) {
    int returns = 0;
    int last = -1;
    for (int pc = 0; pc < length; ) {
      int op = b[code + pc] & 0xFF;
      if (op == 0xA8 || op == 0xA9 || op == 0xC9) {
        return false; // jsr, ret, jsr_w
      }
      if (op == 0xB1) {
        returns++;
      }
      last = pc;
      int size = Instructions.size(b, code, pc);
      if (size <= 0) {
        return false;
      }
      pc += size;
    }
    return returns == 1 && last == length - 1 && (b[code + last] & 0xFF) == 0xB1;
  }

  /** An exclusive end at the old code end now falls inside exit(): end after the return. */
  private static int moveEnd(int end, int codeLength) {
    return end == codeLength ? SHIFT + codeLength + 3 : SHIFT + end;
  }

  /** Copies a table of {@code u2 start_pc, ...} rows, shifting start (and fixing lengths). */
  private void shiftTable(ByteSink out, int a, int rowSize, int lengthAt, int codeLength) {
    int rows = u2(b, a + 6);
    out.u2(u2(b, a)).u4(u4(a + 2)).u2(rows);
    for (int i = 0, r = a + 8; i < rows; i++, r += rowSize) {
      int start = u2(b, r);
      out.u2(SHIFT + start);
      if (lengthAt < 0) {
        out.bytes(b, r + 2, rowSize - 2);
        continue;
      }
      int length = u2(b, r + lengthAt);
      int newEnd = moveEnd(start + length, codeLength);
      out.u2(newEnd - SHIFT - start).bytes(b, r + 4, rowSize - 4);
    }
  }

  /** Copies the StackMapTable with offsets shifted, and appends the handler's frame. */
  private boolean frames(ByteSink out, int a, int handler) {
    int count = u2(b, a + 6);
    out.u2(added + ClinitPatcher.STACK_MAP_TABLE);
    int lengthAt = out.reserveU4();
    out.u2(count + 1);
    int p = a + 8;
    int offset = -1;
    for (int i = 0; i < count; i++) {
      int type = b[p] & 0xFF;
      int delta;
      if (type < 128) {
        delta = type & 63;
        p += 1;
      } else if (type >= 247) {
        delta = u2(b, p + 1);
        p += 3;
      } else {
        return false;
      }
      int moved = i == 0 ? delta + SHIFT : delta;
      offset = i == 0 ? moved : offset + moved + 1;
      if (type < 64) {
        if (moved < 64) {
          out.u1(moved);
        } else {
          out.u1(251).u2(moved);
        }
      } else if (type < 128) {
        if (moved < 64) {
          out.u1(64 + moved);
        } else {
          out.u1(247).u2(moved);
        }
        p = typeInfo(out, p);
      } else {
        out.u1(type).u2(moved);
        if (type == 247) {
          p = typeInfo(out, p);
        } else if (type >= 252 && type <= 254) {
          for (int k = 0; k < type - 251; k++) {
            p = typeInfo(out, p);
          }
        } else if (type == 255) {
          for (int list = 0; list < 2; list++) {
            int n = u2(b, p);
            out.u2(n);
            p += 2;
            for (int k = 0; k < n; k++) {
              p = typeInfo(out, p);
            }
          }
        }
      }
    }
    handlerFrame(out, offset < 0 ? handler : handler - offset - 1);
    out.setU4(lengthAt, out.size() - lengthAt - 4);
    return true;
  }

  /** full_frame: no locals, the throwable on the stack. */
  private void handlerFrame(ByteSink out, int delta) {
    out.u1(255).u2(delta).u2(0).u2(1).u1(7).u2(added + ClinitPatcher.THROWABLE);
  }

  /** Copies one verification_type_info; an uninitialized type's offset moves. */
  private int typeInfo(ByteSink out, int p) {
    int tag = b[p] & 0xFF;
    if (tag == 7) {
      out.bytes(b, p, 3);
      return p + 3;
    }
    if (tag == 8) {
      out.u1(8).u2(SHIFT + u2(b, p + 1));
      return p + 3;
    }
    out.u1(tag);
    return p + 1;
  }

  private int u4(int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }
}
