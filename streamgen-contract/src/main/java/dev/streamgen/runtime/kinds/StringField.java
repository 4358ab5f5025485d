package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code type: string} with {@code values} and optional {@code weights}: one of the values, picked
 * by weight: {@code values[Rng.pick(hash, cuts)]}, where {@code cuts} are the running sums of the
 * normalized weights without the last (the compiler computes them). Also {@code type: faker}'s
 * pool of values ({@link #pool}), equally likely, so a faker field costs what a string field does.
 *
 * <p>Packed: salt, the number of values, the cuts (as double bits), a reference per value to its
 * bytes in the packed format (encoded once when packed, so writing a row copies bytes), then a
 * reference per value to its text (partition keys). With {@code weights_by}, the {@link WeightsBy}
 * words follow (kind code {@link #WEIGHTED_BY_CODE}).
 */
public final class StringField extends FieldGenerator {
  static final int CODE = 5;
  /** A string or enum field with {@code weights_by}: packed alike, only the values' bytes differ. */
  static final int WEIGHTED_BY_CODE = 29;

  /** Ends each value of a {@link #pool}'s chunks (no pooled value holds it). */
  public static final char POOL_SEPARATOR = '\0';

  private final String kind;
  private final long salt;
  private final String[] values;
  private final double[] cuts;
  private final WeightsBy weightsBy;
  private final int protoTag;

  public StringField(String name, int index, long salt, String[] values, double[] cuts) {
    this("string", name, index, salt, values, cuts, null);
  }

  /** @param weightsBy the cuts by another field's value; null when the cuts never change */
  public StringField(String name, int index, long salt, String[] values, double[] cuts, WeightsBy weightsBy) {
    this("string", name, index, salt, values, cuts, weightsBy);
  }

  private StringField(String kind, String name, int index, long salt, String[] values, double[] cuts, WeightsBy weightsBy) {
    super(name, index);
    this.kind = kind;
    if (values.length == 0 || cuts.length != values.length - 1) {
      throw new IllegalArgumentException(
          "field '" + name + "': " + values.length + " values need " + (values.length - 1) + " cuts, got " + cuts.length);
    }
    this.salt = salt;
    this.values = values.clone();
    this.cuts = cuts.clone();
    this.weightsBy = weightsBy;
    if (weightsBy != null) {
      weightsBy.check(name, values.length);
    }
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  /**
   * {@code type: faker}: the pool of values the compiler materialized, each equally likely, drawn
   * and encoded exactly as a string field's. The values come as chunks of values each followed by
   * {@link #POOL_SEPARATOR}, so a pool of 100,000 values is a few string constants in the
   * generated code rather than an array initializer far beyond a method's 64 KB.
   */
  public static StringField pool(String name, int index, long salt, String... chunks) {
    List<String> values = new ArrayList<>();
    for (String chunk : chunks) {
      int start = 0;
      for (int end = chunk.indexOf(POOL_SEPARATOR); end >= 0; end = chunk.indexOf(POOL_SEPARATOR, start)) {
        values.add(chunk.substring(start, end));
        start = end + 1;
      }
      if (start != chunk.length()) {
        throw new IllegalArgumentException("field '" + name + "': a pool chunk must end with a separator");
      }
    }
    return new StringField("faker", name, index, salt, values.toArray(new String[0]), TemplateField.equalCuts(values.size()), null);
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  int code() {
    return weightsBy == null ? CODE : WEIGHTED_BY_CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    packPicks(p, salt, cuts, encodeAll(format), values, weightsBy);
  }

  /**
   * The packed layout of a weighted pick among values encoded in advance, which {@link #write} and
   * {@link #text} read: shared with {@link EnumField}, whose values differ from strings only in
   * their encodings.
   */
  static void packPicks(Packer p, long salt, double[] cuts, byte[][] encoded, String[] values, WeightsBy weightsBy) {
    p.word(salt);
    p.word(values.length);
    for (double cut : cuts) {
      p.word(Double.doubleToRawLongBits(cut));
    }
    for (byte[] e : encoded) {
      p.ref(e);
    }
    for (String value : values) {
      p.ref(value.getBytes(StandardCharsets.UTF_8));
    }
    if (weightsBy != null) {
      weightsBy.pack(p);
    }
  }

  /** The index of the value picked in {@code row}: shared with {@link EnumField}. */
  static int pick(long seed, long row, long salt, double[] cuts, WeightsBy weightsBy) {
    return Rng.pick(Rng.hash(row, Rng.stream(seed, salt)), weightsBy == null ? cuts : weightsBy.cuts(seed, row, cuts));
  }

  private byte[][] encodeAll(Format format) {
    switch (format) {
      case JSON:
        return JsonWriter.encodeAll(values);
      case AVRO:
        return AvroWriter.encodeAll(values);
      case BINARY:
        return BinaryWriter.encodeAll(values);
      default:
        return ProtobufWriter.encodeAll(protoTag, values);
    }
  }

  /** The values, in declared order (a copy). */
  public String[] values() {
    return values.clone();
  }

  /** The cumulative cuts {@link Rng#pick} compares against (a copy). */
  public double[] cuts() {
    return Arrays.copyOf(cuts, cuts.length);
  }

  /** The cuts by another field's value, for the Spark column; null without {@code weights_by}. */
  public WeightsBy weightsBy() {
    return weightsBy;
  }

  public String value(long seed, long row, long eventTimeMicros) {
    return values[pick(seed, row, salt, cuts, weightsBy)];
  }

  public void writeJson(ByteWriter out, String value) {
    out.write(jsonKey);
    JsonWriter.writeString(out, value);
  }

  public void writeAvro(ByteWriter out, String value) {
    AvroWriter.writeString(out, value);
  }

  public void writeBinary(ByteWriter out, String value) {
    BinaryWriter.writeString(out, value);
  }

  public void writeProtobuf(ByteWriter out, String value) {
    ProtobufWriter.writeString(out, protoTag, value);
  }

  /** Reads a value {@link #writeBinary} wrote: LEB128 byte length, then UTF-8. */
  public static String readBinary(BinaryReader in) {
    return in.string();
  }

  /**
   * The reference word of the picked value's bytes: {@code slot} 0 for the packed format's
   * encoding, 1 for the text.
   */
  private static long pickedRef(long[] code, int at, long seed, long row, int slot, boolean weighted) {
    int n = (int) code[at + 1];
    int cuts = weighted ? WeightsBy.packedCuts(code, at + 2 + (n - 1) + 2 * n, at + 2, n, seed, row) : at + 2;
    int index = Rng.pick(Rng.hash(row, Rng.stream(seed, code[at])), code, cuts, n - 1);
    return code[at + 2 + (n - 1) + slot * n + index];
  }

  /** @param weighted packed with {@link WeightsBy} words ({@link #WEIGHTED_BY_CODE}) */
  static void write(long[] code, int at, byte[] bytes, long seed, long row, boolean weighted, ByteWriter out) {
    long ref = pickedRef(code, at, seed, row, 0, weighted);
    out.write(bytes, Packer.offset(ref), Packer.length(ref));
  }

  static String text(long[] code, int at, byte[] bytes, long seed, long row, boolean weighted) {
    long ref = pickedRef(code, at, seed, row, 1, weighted);
    return new String(bytes, Packer.offset(ref), Packer.length(ref), StandardCharsets.UTF_8);
  }
}
