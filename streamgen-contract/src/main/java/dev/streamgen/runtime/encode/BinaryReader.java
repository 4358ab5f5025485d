package dev.streamgen.runtime.encode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over a payload in the binary layout (docs/formats.md): the primitives {@link BinaryWriter}
 * writes, read back. Every read checks the bytes are there and says where they ran out.
 */
public final class BinaryReader {
  private final byte[] bytes;
  private int position;

  public BinaryReader(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Bytes not read yet. */
  public int remaining() {
    return bytes.length - position;
  }

  /** One byte, 0 (false) or 1 (true); any other byte is malformed. */
  public boolean bool() {
    need(1);
    byte b = bytes[position];
    if (b != 0 && b != 1) {
      throw new IllegalArgumentException("boolean byte " + (b & 0xFF) + " at " + position + " is neither 0 nor 1");
    }
    position++;
    return b == 1;
  }

  /** A 4-byte little-endian two's-complement int. */
  public int int32() {
    return (int) littleEndian(4);
  }

  /** An 8-byte little-endian two's-complement long. */
  public long int64() {
    return littleEndian(8);
  }

  /** 8 bytes of IEEE 754 binary64, little-endian. */
  public double float64() {
    return Double.longBitsToDouble(littleEndian(8));
  }

  /** An 8-byte big-endian long (the halves of a UUID). */
  public long bigEndian64() {
    need(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position++] & 0xFFL);
    }
    return value;
  }

  /** An unsigned LEB128 length, then that many UTF-8 bytes. */
  public String string() {
    int length = length("string");
    String s = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return s;
  }

  /** An unsigned LEB128 length, then that many bytes. */
  public byte[] bytes() {
    int length = length("bytes");
    byte[] value = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return value;
  }

  /** A length prefix whose bytes are all there. */
  private int length(String what) {
    long length = varint();
    if (length > remaining()) {
      throw new IllegalArgumentException(what + " of " + length + " bytes runs past the end");
    }
    return (int) length;
  }

  private long littleEndian(int size) {
    need(size);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value |= (bytes[position++] & 0xFFL) << (8 * i);
    }
    return value;
  }

  /** An unsigned LEB128 number. */
  public long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      byte b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  private void need(int n) {
    if (bytes.length - position < n) {
      throw new IllegalArgumentException(
          "payload ends at byte " + bytes.length + ", " + n + " more needed at " + position);
    }
  }
}
