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
 * {@code type: long}: a uniform 64-bit integer in [min, max], both included: {@code
 * Rng.between(hash, min, max)}, whose width max - min + 1 must fit a long (as Spark's {@code pmod}
 * needs). Avro long; Protobuf int64, or sint64 when min is negative (shorter for negative numbers);
 * JSON number; binary 8 bytes little-endian.
 *
 * <p>With a {@link Distribution}: its sample rounded half up and clipped to [min, max].
 *
 * <p>Packed: salt, min, max, Protobuf tag (bit 32 set for sint64), then the distribution's words.
 */
public final class LongField extends FieldGenerator {
  static final int CODE = 6;
  /** A long field with a distribution other than uniform. */
  static final int SKEWED_CODE = 18;
  static final long SINT64 = 1L << 32;

  private final long salt;
  private final long min;
  private final long max;
  private final long proto;
  private final Distribution distribution;

  public LongField(String name, int index, long salt, long min, long max) {
    this(name, index, salt, min, max, null);
  }

  /** @param distribution how values spread over the range; null for uniform */
  public LongField(String name, int index, long salt, long min, long max, Distribution distribution) {
    super(name, index);
    // max - min + 1 overflows to 0 or below exactly when the width does not fit a long.
    if (min > max || max - min + 1 <= 0) {
      throw new IllegalArgumentException("field '" + name + "': long range [" + min + ", " + max + "] is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.proto = protoTag(ProtobufWriter.WIRE_VARINT) | (min < 0 ? SINT64 : 0);
    this.distribution = distribution;
  }

  @Override
  public String kind() {
    return "long";
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

  private static long draw(long seed, long row, long salt, long min, long max) {
    return Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  /** The value without its JSON key; {@code proto} is the packed tag word. {@link ExprField} encodes with it too. */
  static void encode(Format format, ByteWriter out, long value, long proto) {
    switch (format) {
      case JSON:
        JsonWriter.writeLong(out, value);
        return;
      case AVRO:
        AvroWriter.writeLong(out, value);
        return;
      case BINARY:
        BinaryWriter.writeLong(out, value);
        return;
      default:
        if ((proto & SINT64) != 0) {
          ProtobufWriter.writeSint64(out, (int) proto, value);
        } else {
          ProtobufWriter.writeInt64(out, (int) proto, value);
        }
    }
  }

  public long value(long seed, long row, long eventTimeMicros) {
    return distribution == null
        ? draw(seed, row, salt, min, max)
        : Distribution.rounded(distribution.sample(seed, row, salt, min), min, max);
  }

  public void writeJson(ByteWriter out, long value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, proto);
  }

  public void writeAvro(ByteWriter out, long value) {
    encode(Format.AVRO, out, value, proto);
  }

  public void writeBinary(ByteWriter out, long value) {
    encode(Format.BINARY, out, value, proto);
  }

  public void writeProtobuf(ByteWriter out, long value) {
    encode(Format.PROTOBUF, out, value, proto);
  }

  /** Reads a value {@link #writeBinary} wrote: 8 bytes little-endian. */
  public static Long readBinary(BinaryReader in) {
    return in.int64();
  }

  /** Writes the packed field whose constants start at {@code at} (its JSON key was written). */
  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, draw(seed, row, code[at], code[at + 1], code[at + 2]), code[at + 3]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return Long.toString(number(code, at, seed, row));
  }

  /** The value of the packed field: an {@link ExprField}'s operand. */
  static long number(long[] code, int at, long seed, long row) {
    return draw(seed, row, code[at], code[at + 1], code[at + 2]);
  }

  /** {@link #write} of a field with a distribution, packed after the field's four words. */
  static void writeSkewed(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, skewed(code, at, seed, row), code[at + 3]);
  }

  static String skewedText(long[] code, int at, long seed, long row) {
    return Long.toString(skewed(code, at, seed, row));
  }

  static long skewed(long[] code, int at, long seed, long row) {
    long min = code[at + 1];
    return Distribution.rounded(Distribution.sample(code, at + 4, seed, row, code[at], min), min, code[at + 2]);
  }
}
