package dev.streamgen.runtime.encode;

/**
 * Avro binary encoding (specification 1.11, "Binary Encoding") of the primitive types generated
 * events use, and the single-object encoding header.
 */
public final class AvroWriter {
  /** Single-object encoding marker. */
  public static final int MARKER_0 = 0xC3;
  public static final int MARKER_1 = 0x01;

  private AvroWriter() {}

  /** {@code C3 01} then the schema's CRC-64-AVRO fingerprint, little-endian: 10 bytes. */
  public static byte[] header(long fingerprint) {
    byte[] header = new byte[10];
    header[0] = (byte) MARKER_0;
    header[1] = (byte) MARKER_1;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return header;
  }

  /** int: zig-zag, then variable-length (7 bits per byte, low group first). */
  public static void writeInt(ByteWriter out, int value) {
    writeVarint(out, ((value << 1) ^ (value >> 31)) & 0xFFFFFFFFL);
  }

  /** long: zig-zag, then variable-length. */
  public static void writeLong(ByteWriter out, long value) {
    writeVarint(out, (value << 1) ^ (value >> 63));
  }

  /** boolean: one byte, 0 or 1. */
  public static void writeBoolean(ByteWriter out, boolean value) {
    out.write(value ? 1 : 0);
  }

  /** double: 8 bytes, little-endian IEEE 754. */
  public static void writeDouble(ByteWriter out, double value) {
    BinaryWriter.writeLong(out, Double.doubleToRawLongBits(value));
  }

  /** string: long byte count, then UTF-8. */
  public static void writeString(ByteWriter out, String value) {
    writeLong(out, Utf8.length(value));
    Utf8.write(out, value);
  }

  /** A uuid (logical type over string): its 36-character text. */
  public static void writeUuid(ByteWriter out, long msb, long lsb) {
    writeLong(out, Uuids.TEXT_LENGTH);
    Uuids.writeText(out, msb, lsb);
  }

  /**
   * bytes with logical type decimal: the unscaled value as the minimal two's-complement big-endian
   * bytes, after their count (what Avro's {@code Conversions.DecimalConversion} writes).
   */
  public static void writeDecimal(ByteWriter out, long unscaled) {
    int n = Decimals.twosComplementLength(unscaled);
    writeLong(out, n);
    out.ensure(n);
    for (int shift = 8 * (n - 1); shift >= 0; shift -= 8) {
      out.writeUnchecked((int) (unscaled >>> shift));
    }
  }

  /** bytes: long byte count, then the bytes. */
  public static void writeBytes(ByteWriter out, byte[] value) {
    writeLong(out, value.length);
    out.write(value);
  }

  /** Each value as an encoded Avro string, for string fields with a fixed set of values. */
  public static byte[][] encodeAll(String[] values) {
    byte[][] encoded = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      ByteWriter w = new ByteWriter(values[i].length() + 5);
      writeString(w, values[i]);
      encoded[i] = w.toByteArray();
    }
    return encoded;
  }

  /** Unsigned variable-length: 7 bits per byte, low group first, high bit = more follows. */
  static void writeVarint(ByteWriter out, long value) {
    out.ensure(10);
    while ((value & ~0x7FL) != 0) {
      out.writeUnchecked((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeUnchecked((int) value);
  }
}
