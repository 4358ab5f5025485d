package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.util.Arrays;

/**
 * {@code type: string} with {@code values} and optional {@code weights}: one of the values, picked
 * by weight: {@code values[Rng.pick(hash, cuts)]}, where {@code cuts} are the running sums of the
 * normalized weights without the last (the compiler computes them). Each value's bytes in every
 * format are encoded once, here, so writing a row copies bytes.
 */
public final class StringField extends FieldGenerator {
  private final long salt;
  private final String[] values;
  private final double[] cuts;
  private final int protoTag;
  private final byte[][] json;
  private final byte[][] avro;
  private final byte[][] binary;
  private final byte[][] proto;

  public StringField(String name, int index, long salt, String[] values, double[] cuts) {
    super(name, index);
    if (values.length == 0 || cuts.length != values.length - 1) {
      throw new IllegalArgumentException(
          "field '" + name + "': " + values.length + " values need " + (values.length - 1) + " cuts, got " + cuts.length);
    }
    this.salt = salt;
    this.values = values.clone();
    this.cuts = cuts.clone();
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
    this.json = JsonWriter.encodeAll(this.values);
    this.avro = AvroWriter.encodeAll(this.values);
    this.binary = BinaryWriter.encodeAll(this.values);
    this.proto = ProtobufWriter.encodeAll(protoTag, this.values);
  }

  @Override
  public String kind() {
    return "string";
  }

  public long salt() {
    return salt;
  }

  /** The values, in declared order (a copy). */
  public String[] values() {
    return values.clone();
  }

  /** The cumulative cuts {@link Rng#pick} compares against (a copy). */
  public double[] cuts() {
    return Arrays.copyOf(cuts, cuts.length);
  }

  private int index(long seed, long row) {
    return Rng.pick(Rng.hash(row, Rng.stream(seed, salt)), cuts);
  }

  public String value(long seed, long row, long eventTimeMicros) {
    return values[index(seed, row)];
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

  @Override
  public void writeJson(long seed, long row, long eventTimeMicros, ByteWriter out) {
    out.write(jsonKey);
    out.write(json[index(seed, row)]);
  }

  @Override
  public void writeAvro(long seed, long row, long eventTimeMicros, ByteWriter out) {
    out.write(avro[index(seed, row)]);
  }

  @Override
  public void writeBinary(long seed, long row, long eventTimeMicros, ByteWriter out) {
    out.write(binary[index(seed, row)]);
  }

  @Override
  public void writeProtobuf(long seed, long row, long eventTimeMicros, ByteWriter out) {
    out.write(proto[index(seed, row)]);
  }

  @Override
  public String text(long seed, long row, long eventTimeMicros) {
    return values[index(seed, row)];
  }
}
