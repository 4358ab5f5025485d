package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.Decimals;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.math.BigDecimal;

/**
 * {@code type: decimal} with {@code precision}, {@code scale} and {@code range}: a fixed-scale
 * decimal whose unscaled value is uniform in [min, max] (the range's ends times 10^scale, both
 * included): {@code Rng.between(hash, min, max)}. Draws and encodings work on the unscaled long
 * (precision at most 18, so it fits); only the typed value is a {@link BigDecimal}. Avro bytes with
 * logical type decimal; Protobuf string with the plain text (Protobuf has no decimal); JSON a number
 * with exactly {@code scale} decimals; binary the unscaled value, 8 bytes little-endian.
 *
 * <p>Packed: salt, min, max (unscaled), scale, Protobuf tag.
 */
public final class DecimalField extends FieldGenerator {
  static final int CODE = 10;
  /** Unscaled values stay below 10^18 in magnitude (at most 18 digits). */
  private static final long LIMIT = Decimals.pow10(Decimals.MAX_PRECISION);

  private final long salt;
  private final long min;
  private final long max;
  private final int scale;
  private final int protoTag;

  /** {@code min} and {@code max} are unscaled: the range's ends times 10^scale. */
  public DecimalField(String name, int index, long salt, long min, long max, int scale) {
    super(name, index);
    if (scale < 0 || scale > Decimals.MAX_PRECISION || min > max || min <= -LIMIT || max >= LIMIT) {
      throw new IllegalArgumentException(
          "field '" + name + "': decimal range [" + min + ", " + max + "] at scale " + scale + " is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.scale = scale;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  @Override
  public String kind() {
    return "decimal";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(min);
    p.word(max);
    p.word(scale);
    p.word(protoTag);
  }

  private static long draw(long seed, long row, long salt, long min, long max) {
    return Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  private static void encode(Format format, ByteWriter out, long unscaled, int scale, int protoTag) {
    switch (format) {
      case JSON:
        Decimals.writePlain(out, unscaled, scale);
        return;
      case AVRO:
        AvroWriter.writeDecimal(out, unscaled);
        return;
      case BINARY:
        BinaryWriter.writeLong(out, unscaled);
        return;
      default:
        ProtobufWriter.writeDecimal(out, protoTag, unscaled, scale);
    }
  }

  public BigDecimal value(long seed, long row, long eventTimeMicros) {
    return BigDecimal.valueOf(draw(seed, row, salt, min, max), scale);
  }

  /** The unscaled value of a value at this field's scale (setScale throws if that would round). */
  private long unscaled(BigDecimal value) {
    return value.setScale(scale).unscaledValue().longValueExact();
  }

  public void writeJson(ByteWriter out, BigDecimal value) {
    out.write(jsonKey);
    encode(Format.JSON, out, unscaled(value), scale, protoTag);
  }

  public void writeAvro(ByteWriter out, BigDecimal value) {
    encode(Format.AVRO, out, unscaled(value), scale, protoTag);
  }

  public void writeBinary(ByteWriter out, BigDecimal value) {
    encode(Format.BINARY, out, unscaled(value), scale, protoTag);
  }

  public void writeProtobuf(ByteWriter out, BigDecimal value) {
    encode(Format.PROTOBUF, out, unscaled(value), scale, protoTag);
  }

  /**
   * Reads a value {@link #writeBinary} wrote: the unscaled value, 8 bytes little-endian. The layout
   * does not carry the scale (the manifest does), so this is the unscaled Long.
   */
  public static Long readBinary(BinaryReader in) {
    return in.int64();
  }

  private static long packedDraw(long[] code, int at, long seed, long row) {
    return draw(seed, row, code[at], code[at + 1], code[at + 2]);
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, packedDraw(code, at, seed, row), (int) code[at + 3], (int) code[at + 4]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return Decimals.text(packedDraw(code, at, seed, row), (int) code[at + 3]);
  }
}
