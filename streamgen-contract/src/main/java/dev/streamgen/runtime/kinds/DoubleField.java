package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: double}: {@link FloatField}'s uniform double in [min, max), optionally rounded to
 * {@code precision} digits after the decimal point: {@code (long) floor(v * 10^precision + 0.5) /
 * 10^precision}, in doubles, the operations (and the long in between) of Spark's {@code
 * floor(v * s + 0.5) / s}, so the Spark column gets the same bits. The compiler keeps every rounded
 * value below 10^15 before the division, so the long is exact and the double prints as at most
 * {@code precision} decimals in every format. Encoded like {@code float}: Avro double, Protobuf
 * double, JSON number, binary 8 bytes little-endian.
 *
 * <p>With a {@link Distribution}: its sample clipped to [min, max], then rounded as above.
 *
 * <p>Packed: salt, min and max (as double bits), precision ({@link #UNROUNDED} for none), Protobuf
 * tag, then the distribution's words.
 */
public final class DoubleField extends FieldGenerator {
  static final int CODE = 7;
  /** A double field with a distribution other than uniform. */
  static final int SKEWED_CODE = 19;
  /** The precision of a field drawn as {@code float} draws, without rounding. */
  public static final int UNROUNDED = -1;
  /** The largest precision: 10^15 is the last power of ten whose digits a double always keeps. */
  public static final int MAX_PRECISION = 15;

  private static final double[] SCALES = new double[MAX_PRECISION + 1];

  static {
    // Exact: every power of ten up to 10^22 is a double.
    double scale = 1;
    for (int i = 0; i <= MAX_PRECISION; i++) {
      SCALES[i] = scale;
      scale *= 10;
    }
  }

  private final long salt;
  private final double min;
  private final double max;
  private final int precision;
  private final int protoTag;
  private final Distribution distribution;

  public DoubleField(String name, int index, long salt, double min, double max, int precision) {
    this(name, index, salt, min, max, precision, null);
  }

  /** @param distribution how values spread over the range; null for uniform */
  public DoubleField(String name, int index, long salt, double min, double max, int precision, Distribution distribution) {
    super(name, index);
    if (!(min <= max) || !Double.isFinite(max - min)) {
      throw new IllegalArgumentException("field '" + name + "': double range [" + min + ", " + max + "] is not valid");
    }
    if (precision < UNROUNDED || precision > MAX_PRECISION) {
      throw new IllegalArgumentException("field '" + name + "': precision " + precision + " is not in 0.." + MAX_PRECISION);
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.precision = precision;
    this.protoTag = protoTag(ProtobufWriter.WIRE_FIXED64);
    this.distribution = distribution;
  }

  @Override
  public String kind() {
    return "double";
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
    p.word(precision);
    p.word(protoTag);
    if (distribution != null) {
      distribution.pack(p);
    }
  }

  /** 10^precision, the factor the Spark column multiplies and divides by. */
  public static double scale(int precision) {
    return SCALES[precision];
  }

  private static double draw(long seed, long row, long salt, double min, double max, int precision) {
    return round(FloatField.draw(seed, row, salt, min, max), precision);
  }

  /** {@code v} rounded to {@code precision} decimals ({@link #UNROUNDED}: unchanged); an {@link ExprField} of result double rounds with it too. */
  static double round(double v, int precision) {
    if (precision == UNROUNDED) {
      return v;
    }
    double scale = SCALES[precision];
    // floor is exact, so Math.floor and Spark's floor agree; Spark's floor of a double is a long.
    return (long) Math.floor(v * scale + 0.5) / scale;
  }

  public double value(long seed, long row, long eventTimeMicros) {
    return distribution == null
        ? draw(seed, row, salt, min, max, precision)
        : round(Distribution.clipped(distribution.sample(seed, row, salt, min), min, max), precision);
  }

  public void writeJson(ByteWriter out, double value) {
    out.write(jsonKey);
    FloatField.encode(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, double value) {
    FloatField.encode(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, double value) {
    FloatField.encode(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, double value) {
    FloatField.encode(Format.PROTOBUF, out, value, protoTag);
  }

  /** Reads a value {@link #writeBinary} wrote: 8 bytes of IEEE 754, little-endian. */
  public static Double readBinary(BinaryReader in) {
    return in.float64();
  }

  /** The value of the packed field: also an {@link ExprField}'s operand. */
  static double packedDraw(long[] code, int at, long seed, long row) {
    return draw(
        seed,
        row,
        code[at],
        Double.longBitsToDouble(code[at + 1]),
        Double.longBitsToDouble(code[at + 2]),
        (int) code[at + 3]);
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    FloatField.encode(format, out, packedDraw(code, at, seed, row), (int) code[at + 4]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return JsonWriter.doubleText(packedDraw(code, at, seed, row));
  }

  /** {@link #write} of a field with a distribution, packed after the field's five words. */
  static void writeSkewed(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    FloatField.encode(format, out, skewed(code, at, seed, row), (int) code[at + 4]);
  }

  static String skewedText(long[] code, int at, long seed, long row) {
    return JsonWriter.doubleText(skewed(code, at, seed, row));
  }

  static double skewed(long[] code, int at, long seed, long row) {
    double min = Double.longBitsToDouble(code[at + 1]);
    double max = Double.longBitsToDouble(code[at + 2]);
    return round(Distribution.clipped(Distribution.sample(code, at + 5, seed, row, code[at], min), min, max), (int) code[at + 3]);
  }
}
