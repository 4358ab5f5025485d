package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code type: int}: a uniform 32-bit integer in [min, max], both included: {@code (int)
 * Rng.between(hash, min, max)}. Avro int; Protobuf int32, or sint32 when min is negative (shorter for
 * negative numbers); JSON number; binary 4 bytes little-endian.
 */
public final class IntField extends FieldGenerator {
  private final long salt;
  private final long min;
  private final long max;
  private final boolean zigZag;
  private final int protoTag;

  public IntField(String name, int index, long salt, long min, long max) {
    super(name, index);
    if (min > max || min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("field '" + name + "': int range [" + min + ", " + max + "] is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.zigZag = min < 0;
    this.protoTag = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  @Override
  public String kind() {
    return "int";
  }

  public long salt() {
    return salt;
  }

  public int value(long seed, long row, long eventTimeMicros) {
    return (int) Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  public void writeJson(ByteWriter out, int value) {
    out.write(jsonKey);
    JsonWriter.writeInt(out, value);
  }

  public void writeAvro(ByteWriter out, int value) {
    AvroWriter.writeInt(out, value);
  }

  public void writeBinary(ByteWriter out, int value) {
    BinaryWriter.writeInt(out, value);
  }

  public void writeProtobuf(ByteWriter out, int value) {
    if (zigZag) {
      ProtobufWriter.writeSint32(out, protoTag, value);
    } else {
      ProtobufWriter.writeInt32(out, protoTag, value);
    }
  }

  /** Reads a value {@link #writeBinary} wrote: 4 bytes little-endian. */
  public static Integer readBinary(BinaryReader in) {
    return in.int32();
  }

  @Override
  public void writeJson(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeJson(out, value(seed, row, eventTimeMicros));
  }

  @Override
  public void writeAvro(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeAvro(out, value(seed, row, eventTimeMicros));
  }

  @Override
  public void writeBinary(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeBinary(out, value(seed, row, eventTimeMicros));
  }

  @Override
  public void writeProtobuf(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeProtobuf(out, value(seed, row, eventTimeMicros));
  }

  @Override
  public String text(long seed, long row, long eventTimeMicros) {
    return Integer.toString(value(seed, row, eventTimeMicros));
  }
}
