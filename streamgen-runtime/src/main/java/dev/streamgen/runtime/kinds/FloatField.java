package dev.streamgen.runtime.kinds;

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
 */
public final class FloatField extends FieldGenerator {
  private final long salt;
  private final double min;
  private final double max;
  private final int protoTag;

  public FloatField(String name, int index, long salt, double min, double max) {
    super(name, index);
    if (!(min <= max) || !Double.isFinite(max - min)) {
      throw new IllegalArgumentException("field '" + name + "': float range [" + min + ", " + max + "] is not valid");
    }
    this.salt = salt;
    this.min = min;
    this.max = max;
    this.protoTag = protoTag(ProtobufWriter.WIRE_FIXED64);
  }

  @Override
  public String kind() {
    return "float";
  }

  public long salt() {
    return salt;
  }

  public double value(long seed, long row, long eventTimeMicros) {
    return Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
  }

  public void writeJson(ByteWriter out, double value) {
    out.write(jsonKey);
    JsonWriter.writeDouble(out, value);
  }

  public void writeAvro(ByteWriter out, double value) {
    AvroWriter.writeDouble(out, value);
  }

  public void writeBinary(ByteWriter out, double value) {
    BinaryWriter.writeDouble(out, value);
  }

  public void writeProtobuf(ByteWriter out, double value) {
    ProtobufWriter.writeDouble(out, protoTag, value);
  }

  /** Reads a value {@link #writeBinary} wrote: 8 bytes of IEEE 754, little-endian. */
  public static Double readBinary(BinaryReader in) {
    return in.float64();
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
    return JsonWriter.doubleText(value(seed, row, eventTimeMicros));
  }
}
