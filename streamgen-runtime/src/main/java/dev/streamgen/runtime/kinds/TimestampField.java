package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Timestamps;

/**
 * {@code type: timestamp}: the event's own time (the row's event time, set by the runtime), in
 * microseconds since the epoch. Avro long with logical type timestamp-micros; Protobuf int64
 * (microseconds); JSON ISO-8601 UTC text with six fraction digits; binary 8 bytes little-endian.
 */
public final class TimestampField extends FieldGenerator {
  private final int protoTag;

  public TimestampField(String name, int index) {
    super(name, index);
    this.protoTag = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  @Override
  public String kind() {
    return "timestamp";
  }

  public long value(long seed, long row, long eventTimeMicros) {
    return eventTimeMicros;
  }

  public void writeJson(ByteWriter out, long value) {
    out.write(jsonKey);
    JsonWriter.writeTimestamp(out, value);
  }

  public void writeAvro(ByteWriter out, long value) {
    AvroWriter.writeLong(out, value);
  }

  public void writeBinary(ByteWriter out, long value) {
    BinaryWriter.writeLong(out, value);
  }

  public void writeProtobuf(ByteWriter out, long value) {
    ProtobufWriter.writeInt64(out, protoTag, value);
  }

  /** Reads a value {@link #writeBinary} wrote: microseconds, 8 bytes little-endian. */
  public static Long readBinary(BinaryReader in) {
    return in.int64();
  }

  @Override
  public void writeJson(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeJson(out, eventTimeMicros);
  }

  @Override
  public void writeAvro(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeAvro(out, eventTimeMicros);
  }

  @Override
  public void writeBinary(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeBinary(out, eventTimeMicros);
  }

  @Override
  public void writeProtobuf(long seed, long row, long eventTimeMicros, ByteWriter out) {
    writeProtobuf(out, eventTimeMicros);
  }

  @Override
  public String text(long seed, long row, long eventTimeMicros) {
    return Timestamps.toIso(eventTimeMicros);
  }
}
