package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Timestamps;
import java.time.LocalDate;

/**
 * {@code type: date}: a uniform day in [min, max], both included, as days since 1970-01-01: {@code
 * (int) Rng.between(hash, min, max)}. The typed classes hold a {@link LocalDate}; the packed writer
 * never builds one. Avro int with logical type date; Protobuf int32 (days since the epoch); JSON
 * string {@code "YYYY-MM-DD"}; binary 4 bytes little-endian (days). Outside JSON the day number is
 * written exactly as an {@code int} field's value ({@link IntField#encode}).
 *
 * <p>Packed: salt, min, max, Protobuf tag.
 */
public final class DateField extends FieldGenerator {
  static final int CODE = 9;

  private final long salt;
  private final long min;
  private final long max;
  private final int protoTag;

  /** {@code min} and {@code max} in days since 1970-01-01. */
  public DateField(String name, int index, long salt, long min, long max) {
    super(name, index);
    if (min > max || min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("field '" + name + "': date range [" + min + ", " + max + "] (days) is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.protoTag = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  @Override
  public String kind() {
    return "date";
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
    p.word(protoTag);
  }

  private static int draw(long seed, long row, long salt, long min, long max) {
    return (int) Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  private static void encode(Format format, ByteWriter out, int days, int protoTag) {
    if (format == Format.JSON) {
      JsonWriter.writeDate(out, days);
    } else {
      IntField.encode(format, out, days, protoTag);
    }
  }

  public LocalDate value(long seed, long row, long eventTimeMicros) {
    return LocalDate.ofEpochDay(draw(seed, row, salt, min, max));
  }

  public void writeJson(ByteWriter out, LocalDate value) {
    out.write(jsonKey);
    encode(Format.JSON, out, (int) value.toEpochDay(), protoTag);
  }

  public void writeAvro(ByteWriter out, LocalDate value) {
    encode(Format.AVRO, out, (int) value.toEpochDay(), protoTag);
  }

  public void writeBinary(ByteWriter out, LocalDate value) {
    encode(Format.BINARY, out, (int) value.toEpochDay(), protoTag);
  }

  public void writeProtobuf(ByteWriter out, LocalDate value) {
    encode(Format.PROTOBUF, out, (int) value.toEpochDay(), protoTag);
  }

  /** Reads a value {@link #writeBinary} wrote: days since 1970-01-01, 4 bytes little-endian. */
  public static LocalDate readBinary(BinaryReader in) {
    return LocalDate.ofEpochDay(in.int32());
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, draw(seed, row, code[at], code[at + 1], code[at + 2]), (int) code[at + 3]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return Timestamps.dateText(draw(seed, row, code[at], code[at + 1], code[at + 2]));
  }
}
