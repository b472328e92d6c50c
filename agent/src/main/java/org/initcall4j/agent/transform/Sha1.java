package org.initcall4j.agent.transform;

/**
 * SHA-1 (FIPS 180-4), for the default serialVersionUID only: an identity hash, not security.
 * Written out rather than taken from {@code MessageDigest} because it runs inside the class-file
 * transformer, under a class-loading lock, where initializing the JDK's security providers (a
 * file read and dozens of classes) is the kind of work a transformer must not start.
 */
final class Sha1 {
  private Sha1() {}

  static byte[] digest(byte[] message) {
    int[] h = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    // the message, a 1 bit, zeros, and its length in bits: a whole number of 64-byte blocks
    int blocks = (message.length + 8) / 64 + 1;
    byte[] padded = new byte[blocks * 64];
    System.arraycopy(message, 0, padded, 0, message.length);
    padded[message.length] = (byte) 0x80;
    long bits = (long) message.length * 8;
    for (int i = 0; i < 8; i++) {
      padded[padded.length - 1 - i] = (byte) (bits >>> (8 * i));
    }
    int[] w = new int[80];
    for (int block = 0; block < blocks; block++) {
      for (int t = 0; t < 16; t++) {
        int at = block * 64 + t * 4;
        w[t] = (padded[at] & 0xFF) << 24 | (padded[at + 1] & 0xFF) << 16
            | (padded[at + 2] & 0xFF) << 8 | (padded[at + 3] & 0xFF);
      }
      for (int t = 16; t < 80; t++) {
        w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
      }
      int a = h[0];
      int b = h[1];
      int c = h[2];
      int d = h[3];
      int e = h[4];
      for (int t = 0; t < 80; t++) {
        int f;
        int k;
        if (t < 20) {
          f = (b & c) | (~b & d);
          k = 0x5A827999;
        } else if (t < 40) {
          f = b ^ c ^ d;
          k = 0x6ED9EBA1;
        } else if (t < 60) {
          f = (b & c) | (b & d) | (c & d);
          k = 0x8F1BBCDC;
        } else {
          f = b ^ c ^ d;
          k = 0xCA62C1D6;
        }
        int next = Integer.rotateLeft(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = Integer.rotateLeft(b, 30);
        b = a;
        a = next;
      }
      h[0] += a;
      h[1] += b;
      h[2] += c;
      h[3] += d;
      h[4] += e;
    }
    byte[] digest = new byte[20];
    for (int i = 0; i < 20; i++) {
      digest[i] = (byte) (h[i / 4] >>> (24 - 8 * (i % 4)));
    }
    return digest;
  }
}
