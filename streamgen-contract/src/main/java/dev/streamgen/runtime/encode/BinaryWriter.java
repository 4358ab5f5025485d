package dev.streamgen.runtime.encode;

/**
 * streamgen's compact binary layout (docs/formats.md): the fields in declared order, no header, no
 * field tags. boolean = 1 byte (0 or 1); int and date = 4 bytes, long, double and timestamp = 8
 * bytes, all little-endian; uuid = 16 bytes in RFC 4122 (big-endian) order; string and bytes =
 * unsigned LEB128 byte count then the bytes; an enum's index = unsigned LEB128.
 * {@link BinaryReader} reads it back (and {@code kinds.BinaryDecoder} a whole payload).
 */
public final class BinaryWriter {
  private BinaryWriter() {}

  public static void writeInt(ByteWriter out, int value) {
    out.ensure(4);
    out.writeUnchecked(value);
    out.writeUnchecked(value >>> 8);
    out.writeUnchecked(value >>> 16);
    out.writeUnchecked(value >>> 24);
  }

  public static void writeLong(ByteWriter out, long value) {
    out.ensure(8);
    for (int shift = 0; shift < 64; shift += 8) {
      out.writeUnchecked((int) (value >>> shift));
    }
  }

  /** 1 byte: 1 for true, 0 for false. */
  public static void writeBoolean(ByteWriter out, boolean value) {
    out.write(value ? 1 : 0);
  }

  public static void writeDouble(ByteWriter out, double value) {
    writeLong(out, Double.doubleToRawLongBits(value));
  }

  public static void writeString(ByteWriter out, String value) {
    AvroWriter.writeVarint(out, Utf8.length(value));
    Utf8.write(out, value);
  }

  /** Unsigned LEB128: 7 bits per byte, low group first, high bit = more follows. */
  public static void writeVarint(ByteWriter out, long value) {
    AvroWriter.writeVarint(out, value);
  }

  /** As a string's bytes are: unsigned LEB128 count, then the bytes. */
  public static void writeBytes(ByteWriter out, byte[] value) {
    writeVarint(out, value.length);
    out.write(value);
  }

  /** 16 bytes: the most significant half first, each half big-endian (the UUID's text order). */
  public static void writeUuid(ByteWriter out, long msb, long lsb) {
    out.ensure(16);
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.writeUnchecked((int) (msb >>> shift));
    }
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.writeUnchecked((int) (lsb >>> shift));
    }
  }

  /** Each value as an encoded string (length, bytes), for string fields with a fixed set of values. */
  public static byte[][] encodeAll(String[] values) {
    byte[][] encoded = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      ByteWriter w = new ByteWriter(values[i].length() + 5);
      writeString(w, values[i]);
      encoded[i] = w.toByteArray();
    }
    return encoded;
  }
}
