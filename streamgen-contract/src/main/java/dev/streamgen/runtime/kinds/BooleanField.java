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
 * {@code type: boolean}: true with probability {@code trueRatio}: {@code Rng.unit(hash) <
 * trueRatio} (so 0 is never true and 1 always). Avro boolean; Protobuf bool; JSON true/false; binary
 * 1 byte, 0 or 1.
 *
 * <p>Packed: salt, true ratio (as double bits), Protobuf tag.
 */
public final class BooleanField extends FieldGenerator {
  static final int CODE = 8;

  private final long salt;
  private final double trueRatio;
  private final int protoTag;

  public BooleanField(String name, int index, long salt, double trueRatio) {
    super(name, index);
    if (!(trueRatio >= 0 && trueRatio <= 1)) {
      throw new IllegalArgumentException("field '" + name + "': true_ratio " + trueRatio + " is not in [0, 1]");
    }
    this.salt = salt;
    this.trueRatio = trueRatio;
    this.protoTag = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  @Override
  public String kind() {
    return "boolean";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(Double.doubleToRawLongBits(trueRatio));
    p.word(protoTag);
  }

  private static boolean draw(long seed, long row, long salt, double trueRatio) {
    return Rng.unit(Rng.hash(row, Rng.stream(seed, salt))) < trueRatio;
  }

  private static void encode(Format format, ByteWriter out, boolean value, int protoTag) {
    switch (format) {
      case JSON:
        JsonWriter.writeBoolean(out, value);
        return;
      case AVRO:
        AvroWriter.writeBoolean(out, value);
        return;
      case BINARY:
        BinaryWriter.writeBoolean(out, value);
        return;
      default:
        ProtobufWriter.writeBool(out, protoTag, value);
    }
  }

  public boolean value(long seed, long row, long eventTimeMicros) {
    return draw(seed, row, salt, trueRatio);
  }

  public void writeJson(ByteWriter out, boolean value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, boolean value) {
    encode(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, boolean value) {
    encode(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, boolean value) {
    encode(Format.PROTOBUF, out, value, protoTag);
  }

  /** Reads a value {@link #writeBinary} wrote: one byte, 0 or 1. */
  public static Boolean readBinary(BinaryReader in) {
    return in.bool();
  }

  private static boolean packedDraw(long[] code, int at, long seed, long row) {
    return draw(seed, row, code[at], Double.longBitsToDouble(code[at + 1]));
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, packedDraw(code, at, seed, row), (int) code[at + 2]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return Boolean.toString(packedDraw(code, at, seed, row));
  }
}
