package dev.streamgen.runtime.encode;

/**
 * Protocol Buffers wire format (proto3) for the field types generated messages use. Like
 * protobuf-java, fields holding their default (0, 0.0, false, empty string) are not written, so the
 * bytes equal what protobuf-java serializes for the same message. {@code tag} is the field's key,
 * {@code (field_number << 3) | wire_type}, computed by the compiler.
 */
public final class ProtobufWriter {
  public static final int WIRE_VARINT = 0;
  public static final int WIRE_FIXED64 = 1;
  public static final int WIRE_LENGTH_DELIMITED = 2;
  public static final int WIRE_FIXED32 = 5;

  private ProtobufWriter() {}

  /** int32: negative values take 10 bytes (sign-extended), as the spec requires. */
  public static void writeInt32(ByteWriter out, int tag, int value) {
    if (value != 0) {
      writeVarint(out, tag);
      writeVarint(out, value);
    }
  }

  /** sint32: zig-zag, so small negative numbers stay short. */
  public static void writeSint32(ByteWriter out, int tag, int value) {
    if (value != 0) {
      writeVarint(out, tag);
      writeVarint(out, ((value << 1) ^ (value >> 31)) & 0xFFFFFFFFL);
    }
  }

  public static void writeInt64(ByteWriter out, int tag, long value) {
    if (value != 0) {
      writeVarint(out, tag);
      writeVarint(out, value);
    }
  }

  /** sint64: zig-zag, so small negative numbers stay short. */
  public static void writeSint64(ByteWriter out, int tag, long value) {
    if (value != 0) {
      writeVarint(out, tag);
      writeVarint(out, (value << 1) ^ (value >> 63));
    }
  }

  /** bool: varint 1; false is the default and not written. */
  public static void writeBool(ByteWriter out, int tag, boolean value) {
    if (value) {
      writeVarint(out, tag);
      out.write(1);
    }
  }

  /** double: fixed64 little-endian; -0.0 is not the default and is written, as protobuf-java does. */
  public static void writeDouble(ByteWriter out, int tag, double value) {
    long bits = Double.doubleToRawLongBits(value);
    if (bits != 0) {
      writeVarint(out, tag);
      BinaryWriter.writeLong(out, bits);
    }
  }

  public static void writeString(ByteWriter out, int tag, String value) {
    if (!value.isEmpty()) {
      writeVarint(out, tag);
      writeVarint(out, Utf8.length(value));
      Utf8.write(out, value);
    }
  }

  /** bytes: length-delimited; empty is the default and is left out. */
  public static void writeBytes(ByteWriter out, int tag, byte[] value) {
    if (value.length != 0) {
      writeVarint(out, tag);
      writeVarint(out, value.length);
      out.write(value);
    }
  }

  /**
   * A decimal as a string field holding its plain text ({@link Decimals#writePlain}): Protobuf has
   * no decimal type. The text is never empty, so it is always written.
   */
  public static void writeDecimal(ByteWriter out, int tag, long unscaled, int scale) {
    writeVarint(out, tag);
    writeVarint(out, Decimals.plainLength(unscaled, scale));
    Decimals.writePlain(out, unscaled, scale);
  }

  /** A UUID as its 36-character text. */
  public static void writeUuid(ByteWriter out, int tag, long msb, long lsb) {
    writeVarint(out, tag);
    writeVarint(out, Uuids.TEXT_LENGTH);
    Uuids.writeText(out, msb, lsb);
  }

  /** Each value as a complete string field (key, length, bytes); empty for the empty string. */
  public static byte[][] encodeAll(int tag, String[] values) {
    byte[][] encoded = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      ByteWriter w = new ByteWriter(values[i].length() + 8);
      writeString(w, tag, values[i]);
      encoded[i] = w.toByteArray();
    }
    return encoded;
  }

  /**
   * Puts the length of the bytes written since {@code start} before them as a varint: how a
   * submessage or a packed repeated field is framed once its content is written, without a
   * temporary buffer.
   */
  public static void insertLength(ByteWriter out, int start) {
    int length = out.size() - start;
    int n = varintSize(length);
    out.shift(start, n);
    for (int i = 0; i < n - 1; i++) {
      out.set(start + i, (length & 0x7F) | 0x80);
      length >>>= 7;
    }
    out.set(start + n - 1, length);
  }

  /** Bytes the varint of a non-negative int takes. */
  public static int varintSize(int value) {
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  /** Base-128 varint, low group first; a negative value takes 10 bytes. */
  public static void writeVarint(ByteWriter out, long value) {
    AvroWriter.writeVarint(out, value);
  }
}
