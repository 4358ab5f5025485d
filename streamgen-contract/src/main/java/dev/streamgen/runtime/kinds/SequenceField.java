package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * {@code type: sequence}: {@code prefix + (start + row × step)} as text, computed exactly (no 64-bit
 * wrap-around), so ids are unique for every row whatever the settings: the row number is global, not
 * per partition. Encoded as a {@code string} in every format. Draws nothing, so the seed does not
 * change it.
 *
 * <p>Packed: start, step, Protobuf tag, the prefix's UTF-8 (reference).
 */
public final class SequenceField extends FieldGenerator {
  static final int CODE = 13;

  private final String prefix;
  private final long start;
  private final long step;
  private final int protoTag;

  public SequenceField(String name, int index, String prefix, long start, long step) {
    super(name, index);
    if (step == 0) {
      throw new IllegalArgumentException("field '" + name + "': sequence step 0 repeats one value");
    }
    this.prefix = prefix;
    this.start = start;
    this.step = step;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  @Override
  public String kind() {
    return "sequence";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(start);
    p.word(step);
    p.word(protoTag);
    p.ref(prefix.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code start + row × step} in decimal, exact even where the 64-bit result would overflow. */
  static String number(long start, long step, long row) {
    try {
      return Long.toString(Math.addExact(Math.multiplyExact(row, step), start));
    } catch (ArithmeticException overflow) {
      // Only rows near 2^63 / |step| get here; exact arithmetic keeps them distinct.
      return BigInteger.valueOf(row).multiply(BigInteger.valueOf(step)).add(BigInteger.valueOf(start)).toString();
    }
  }

  public String value(long seed, long row, long eventTimeMicros) {
    return prefix + number(start, step, row);
  }

  public void writeJson(ByteWriter out, String value) {
    out.write(jsonKey);
    RowStrings.write(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, String value) {
    RowStrings.write(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, String value) {
    RowStrings.write(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, String value) {
    RowStrings.write(Format.PROTOBUF, out, value, protoTag);
  }

  static void write(long[] code, int at, byte[] bytes, Format format, long row, ByteWriter out) {
    RowStrings.write(format, out, text(code, at, bytes, row), (int) code[at + 2]);
  }

  static String text(long[] code, int at, byte[] bytes, long row) {
    return RowStrings.text(bytes, code[at + 3]) + number(code[at], code[at + 1], row);
  }
}
