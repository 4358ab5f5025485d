package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: int}: a uniform 32-bit integer in [min, max], both included: {@code (int)
 * Rng.between(hash, min, max)}. Avro int; Protobuf int32, or sint32 when min is negative (shorter for
 * negative numbers); JSON number; binary 4 bytes little-endian.
 *
 * <p>With a {@link Distribution}: its sample rounded half up and clipped to [min, max].
 *
 * <p>Packed: salt, min, max, Protobuf tag (bit 32 set for sint32), then the distribution's words.
 */
public final class IntField extends FieldGenerator {
  static final int CODE = 1;
  /** An int field with a distribution other than uniform. */
  static final int SKEWED_CODE = 16;
  static final long SINT32 = 1L << 32;

  private final long salt;
  private final long min;
  private final long max;
  private final long proto;
  private final Distribution distribution;

  public IntField(String name, int index, long salt, long min, long max) {
    this(name, index, salt, min, max, null);
  }

  /** @param distribution how values spread over the range; null for uniform */
  public IntField(String name, int index, long salt, long min, long max, Distribution distribution) {
    super(name, index);
    if (min > max || min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("field '" + name + "': int range [" + min + ", " + max + "] is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.proto = protoTag(ProtobufWriter.WIRE_VARINT) | (min < 0 ? SINT32 : 0);
    this.distribution = distribution;
  }

  @Override
  public String kind() {
    return "int";
  }

  @Override
  int code() {
    return distribution == null ? CODE : SKEWED_CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(min);
    p.word(max);
    p.word(proto);
    if (distribution != null) {
      distribution.pack(p);
    }
  }

  private static int draw(long seed, long row, long salt, long min, long max) {
    return (int) Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  /**
   * The value without its JSON key; {@code proto} is the packed tag word. {@link DateField} writes
   * its day number with it in every format but JSON.
   */
  static void encode(Format format, ByteWriter out, int value, long proto) {
    switch (format) {
      case JSON:
        JsonWriter.writeInt(out, value);
        return;
      case AVRO:
        AvroWriter.writeInt(out, value);
        return;
      case BINARY:
        BinaryWriter.writeInt(out, value);
        return;
      default:
        if ((proto & SINT32) != 0) {
          ProtobufWriter.writeSint32(out, (int) proto, value);
        } else {
          ProtobufWriter.writeInt32(out, (int) proto, value);
        }
    }
  }

  public int value(long seed, long row, long eventTimeMicros) {
    return distribution == null
        ? draw(seed, row, salt, min, max)
        : (int) Distribution.rounded(distribution.sample(seed, row, salt, min), min, max);
  }

  public void writeJson(ByteWriter out, int value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, proto);
  }

  public void writeAvro(ByteWriter out, int value) {
    encode(Format.AVRO, out, value, proto);
  }

  public void writeBinary(ByteWriter out, int value) {
    encode(Format.BINARY, out, value, proto);
  }

  public void writeProtobuf(ByteWriter out, int value) {
    encode(Format.PROTOBUF, out, value, proto);
  }

  /** Reads a value {@link #writeBinary} wrote: 4 bytes little-endian. */
  public static Integer readBinary(BinaryReader in) {
    return in.int32();
  }

  /** Writes the packed field whose constants start at {@code at} (its JSON key was written). */
  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, draw(seed, row, code[at], code[at + 1], code[at + 2]), code[at + 3]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return Integer.toString(number(code, at, seed, row));
  }

  /** The value of the packed field: an {@link ExprField}'s operand. */
  static int number(long[] code, int at, long seed, long row) {
    return draw(seed, row, code[at], code[at + 1], code[at + 2]);
  }

  /** {@link #write} of a field with a distribution, packed after the field's four words. */
  static void writeSkewed(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, skewed(code, at, seed, row), code[at + 3]);
  }

  static String skewedText(long[] code, int at, long seed, long row) {
    return Integer.toString(skewed(code, at, seed, row));
  }

  /** The value of the packed field with a distribution: an {@link ExprField}'s operand. */
  static int skewed(long[] code, int at, long seed, long row) {
    long min = code[at + 1];
    return (int) Distribution.rounded(Distribution.sample(code, at + 4, seed, row, code[at], min), min, code[at + 2]);
  }
}
