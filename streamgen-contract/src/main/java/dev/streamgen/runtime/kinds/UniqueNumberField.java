package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: int} or {@code type: long} with {@code unique: true}: {@code min + p(row)}, where p is
 * a {@link Permutation} of [0, max - min + 1) keyed by the seed and the field's salt, so rows (or pool
 * members) below the range's size get distinct values that still look random. Past that many rows
 * values repeat (p takes the row modulo the size); docs/config.md says so. Encoded as the plain kind.
 *
 * <p>Packed: salt, min, size, Protobuf tag (with the sint flag), and 1 for a long, 0 for an int.
 */
public final class UniqueNumberField extends FieldGenerator {
  static final int CODE = 32;

  private final long salt;
  private final long min;
  private final long size;
  private final long proto;
  private final boolean wide;

  /**
   * @param wide a long (int64) field, else an int (int32)
   * @param size the number of values, max - min + 1, at least 1
   */
  public UniqueNumberField(String name, int index, long salt, long min, long size, boolean wide) {
    super(name, index);
    long max = min + size - 1;
    if (size < 1 || max < min || (!wide && (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE))) {
      throw new IllegalArgumentException("field '" + name + "': unique range of " + size + " values from " + min + " is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.size = size;
    this.wide = wide;
    this.proto = protoTag(ProtobufWriter.WIRE_VARINT) | (min < 0 ? IntField.SINT32 : 0);
  }

  @Override
  public String kind() {
    return wide ? "long" : "int";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(min);
    p.word(size);
    p.word(proto);
    p.word(wide ? 1 : 0);
  }

  /** The value of row {@code row} of a field with these constants (the Spark column's function). */
  public static long draw(long seed, long row, long salt, long min, long size) {
    return min + Permutation.apply(row, size, Rng.stream(seed, salt));
  }

  private static void encode(Format format, ByteWriter out, long value, long proto, boolean wide) {
    if (wide) {
      LongField.encode(format, out, value, proto);
    } else {
      IntField.encode(format, out, (int) value, proto);
    }
  }

  /** The value of an int field (call only on one built with {@code wide} false). */
  public int intValue(long seed, long row, long eventTimeMicros) {
    return (int) draw(seed, row, salt, min, size);
  }

  /** The value of a long field. */
  public long value(long seed, long row, long eventTimeMicros) {
    return draw(seed, row, salt, min, size);
  }

  public void writeJson(ByteWriter out, long value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, proto, wide);
  }

  public void writeAvro(ByteWriter out, long value) {
    encode(Format.AVRO, out, value, proto, wide);
  }

  public void writeBinary(ByteWriter out, long value) {
    encode(Format.BINARY, out, value, proto, wide);
  }

  public void writeProtobuf(ByteWriter out, long value) {
    encode(Format.PROTOBUF, out, value, proto, wide);
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    encode(format, out, draw(seed, row, code[at], code[at + 1], code[at + 2]), code[at + 3], code[at + 4] != 0);
  }

  static String text(long[] code, int at, long seed, long row) {
    return Long.toString(draw(seed, row, code[at], code[at + 1], code[at + 2]));
  }
}
