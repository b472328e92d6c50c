package org.initcall4j.agent.profile;

import java.util.Arrays;

/** A growable big-endian byte buffer for writing class files. */
final class ByteSink {
  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  ByteSink u1(int value) {
    room(1);
    bytes[size++] = (byte) value;
    return this;
  }

  ByteSink u2(int value) {
    room(2);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
    return this;
  }

  ByteSink u4(int value) {
    room(4);
    bytes[size++] = (byte) (value >>> 24);
    bytes[size++] = (byte) (value >>> 16);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
    return this;
  }

  ByteSink bytes(byte[] from, int offset, int length) {
    room(length);
    System.arraycopy(from, offset, bytes, size, length);
    size += length;
    return this;
  }

  ByteSink bytes(ByteSink from) {
    return bytes(from.bytes, 0, from.size);
  }

  /** A CONSTANT_Utf8 entry of an ASCII string (callers check it is ASCII). */
  ByteSink utf8Entry(String ascii) {
    u1(1).u2(ascii.length());
    room(ascii.length());
    for (int i = 0; i < ascii.length(); i++) {
      bytes[size++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Leaves room for a u2 written later ({@link #setU2}); returns where it is. */
  int reserveU2() {
    room(2);
    size += 2;
    return size - 2;
  }

  /** Leaves room for a u4 written later ({@link #setU4}); returns where it is. */
  int reserveU4() {
    room(4);
    size += 4;
    return size - 4;
  }

  void setU2(int at, int value) {
    bytes[at] = (byte) (value >>> 8);
    bytes[at + 1] = (byte) value;
  }

  void setU4(int at, int value) {
    setU2(at, value >>> 16);
    setU2(at + 2, value);
  }

  /** Copies what was written to {@code to} at {@code at}; returns the position after it. */
  int copyTo(byte[] to, int at) {
    System.arraycopy(bytes, 0, to, at, size);
    return at + size;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }
}
