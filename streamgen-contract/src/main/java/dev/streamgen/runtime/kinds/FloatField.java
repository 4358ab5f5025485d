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
 * {@code type: float}: a uniform double in [min, max) (just min when min = max): {@code
 * Rng.between(hash, min, max)}. The seed calls it float; it is a 64-bit double everywhere: Avro
 * double, Protobuf double, JSON number, binary 8 bytes little-endian.
 *
 * <p>With a {@link Distribution}: its sample clipped to [min, max].
 *
 * <p>Packed: salt, min and max (as double bits), Protobuf tag, then the distribution's words.
 */
public final class FloatField extends FieldGenerator {
  static final int CODE = 2;
  /** A float field with a distribution other than uniform. */
  static final int SKEWED_CODE = 17;

  private final long salt;
  private final double min;
  private final double max;
  private final int protoTag;
  private final Distribution distribution;

  public FloatField(String name, int index, long salt, double min, double max) {
    this(name, index, salt, min, max, null);
  }

  /** @param distribution how values spread over the range; null for uniform */
  public FloatField(String name, int index, long salt, double min, double max, Distribution distribution) {
    super(name, index);
    if (!(min <= max) || !Double.isFinite(max - min)) {
      throw new IllegalArgumentException("field '" + name + "': float range [" + min + ", " + max + "] is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.protoTag = protoTag(ProtobufWriter.WIRE_FIXED64);
    this.distribution = distribution;
  }

  @Override
  public String kind() {
    return "float";
  }

  @Override
  int code() {
    return distribution == null ? CODE : SKEWED_CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(Double.doubleToRawLongBits(min));
    p.word(Double.doubleToRawLongBits(max));
    p.word(protoTag);
    if (distribution != null) {
      distribution.pack(p);
    }
  }

  /** Also {@link DoubleField}'s draw before rounding. */
  static double draw(long seed, long row, long salt, double min, double max) {
    return Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  /** The value without its JSON key; {@link DoubleField} encodes with it too. */
  static void encode(Format format, ByteWriter out, double value, int protoTag) {
    switch (format) {
      case JSON:
        JsonWriter.writeDouble(out, value);
        return;
      case AVRO:
        AvroWriter.writeDouble(out, value);
        return;
      case BINARY:
        BinaryWriter.writeDouble(out, value);
        return;
      default:
        ProtobufWriter.writeDouble(out, protoTag, value);
    }
  }

  public double value(long seed, long row, long eventTimeMicros) {
    return distribution == null
        ? draw(seed, row, salt, min, max)
        : Distribution.clipped(distribution.sample(seed, row, salt, min), min, max);
  }

  public void writeJson(ByteWriter out, double value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, double value) {
    encode(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, double value) {
    encode(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, double value) {
    encode(Format.PROTOBUF, out, value, protoTag);
  }

  /** Reads a value {@link #writeBinary} wrote: 8 bytes of IEEE 754, little-endian. */
  public static Double readBinary(BinaryReader in) {
    return in.float64();
  }

  /** The value of the packed field: also an {@link ExprField}'s operand. */
  static double packedDraw(long[] code, int at, long seed, long row) {
    return draw(seed, row, code[at], Double.longBitsToDouble(code[at + 1]), Double.longBitsToDouble(code[at + 2]));
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, packedDraw(code, at, seed, row), (int) code[at + 3]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return JsonWriter.doubleText(packedDraw(code, at, seed, row));
  }

  /** {@link #write} of a field with a distribution, packed after the field's four words. */
  static void writeSkewed(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, skewed(code, at, seed, row), (int) code[at + 3]);
  }

  static String skewedText(long[] code, int at, long seed, long row) {
    return JsonWriter.doubleText(skewed(code, at, seed, row));
  }

  /** The value of the packed field with a distribution: also an {@link ExprField}'s operand. */
  static double skewed(long[] code, int at, long seed, long row) {
    double min = Double.longBitsToDouble(code[at + 1]);
    return Distribution.clipped(Distribution.sample(code, at + 4, seed, row, code[at], min), min, Double.longBitsToDouble(code[at + 2]));
  }
}
