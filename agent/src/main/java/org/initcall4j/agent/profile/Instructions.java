package org.initcall4j.agent.profile;

/** Sizes of JVM instructions, for walking a method's code without decoding it. */
final class Instructions {
  private Instructions() {}

  /**
   * The size in bytes of the instruction at {@code pc} (relative to {@code code}), or 0 for an
   * unknown opcode.
   */
  static int size(byte[] b, int code, int pc) {
    int op = b[code + pc] & 0xFF;
    if (op <= 0x0F || (op >= 0x1A && op <= 0x35) || (op >= 0x3B && op <= 0x83)
        || (op >= 0x85 && op <= 0x98) || (op >= 0xAC && op <= 0xB1)
        || op == 0xBE || op == 0xBF || op == 0xC2 || op == 0xC3) {
      return 1;
    }
    if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3A)
        || op == 0xA9 || op == 0xBC) {
      return 2;
    }
    if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xA8)
        || (op >= 0xB2 && op <= 0xB8) || op == 0xBB || op == 0xBD || op == 0xC0 || op == 0xC1
        || op == 0xC6 || op == 0xC7) {
      return 3;
    }
    if (op == 0xC5) {
      return 4;
    }
    if (op == 0xB9 || op == 0xBA || op == 0xC8 || op == 0xC9) {
      return 5;
    }
    if (op == 0xC4) { // wide
      return (b[code + pc + 1] & 0xFF) == 0x84 ? 6 : 4;
    }
    if (op == 0xAA || op == 0xAB) {
      int padded = code + pc + 1 + ((4 - (pc + 1) % 4) % 4);
      if (op == 0xAA) {
        int low = s4(b, padded + 4);
        int high = s4(b, padded + 8);
        return padded - (code + pc) + 12 + 4 * (high - low + 1);
      }
      return padded - (code + pc) + 8 + 8 * s4(b, padded + 4);
    }
    return 0;
  }

  private static int s4(byte[] b, int at) {
    return (b[at] << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }
}
