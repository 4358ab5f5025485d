package dev.streamgen.runtime.kinds;

import java.util.Arrays;

/**
 * Appends event types to the two arrays of a {@link PackedCatalog}: 64-bit words (kind codes,
 * salts, bounds, references) and bytes (pre-encoded JSON keys, value tables, type ids). A reference
 * to bytes is one word: offset in the high 32 bits, length in the low 32.
 */
final class Packer {
  private long[] code = new long[256];
  private int words;
  private byte[] bytes = new byte[1024];
  private int size;

  /** Appends a word; returns its index. */
  int word(long value) {
    if (words == code.length) {
      code = Arrays.copyOf(code, code.length * 2);
    }
    code[words] = value;
    return words++;
  }

  /** Sets an already appended word (a field's head once its length is known). */
  void set(int index, long value) {
    code[index] = value;
  }

  int words() {
    return words;
  }

  int byteCount() {
    return size;
  }

  /** Appends {@code data} to the bytes and returns its reference (not as a word: see {@link #ref}). */
  long bytes(byte[] data) {
    if (size + data.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + data.length));
    }
    System.arraycopy(data, 0, bytes, size, data.length);
    long ref = ((long) size << 32) | data.length;
    size += data.length;
    return ref;
  }

  /** Appends {@code data} and a word referring to it. */
  void ref(byte[] data) {
    word(bytes(data));
  }

  long[] code() {
    return Arrays.copyOf(code, words);
  }

  byte[] byteArray() {
    return Arrays.copyOf(bytes, size);
  }

  static int offset(long ref) {
    return (int) (ref >>> 32);
  }

  static int length(long ref) {
    return (int) ref;
  }
}
