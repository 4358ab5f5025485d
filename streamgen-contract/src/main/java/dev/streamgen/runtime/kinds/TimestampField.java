package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
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
 *
 * <p>Packed: Protobuf tag.
 */
public final class TimestampField extends FieldGenerator {
  static final int CODE = 4;

  private final int protoTag;

  public TimestampField(String name, int index) {
    super(name, index);
    this.protoTag = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  @Override
  public String kind() {
    return "timestamp";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(protoTag);
  }

  private static void encode(Format format, ByteWriter out, long micros, int protoTag) {
    switch (format) {
      case JSON:
        JsonWriter.writeTimestamp(out, micros);
        return;
      case AVRO:
        AvroWriter.writeLong(out, micros);
        return;
      case BINARY:
        BinaryWriter.writeLong(out, micros);
        return;
      default:
        ProtobufWriter.writeInt64(out, protoTag, micros);
    }
  }

  public long value(long seed, long row, long eventTimeMicros) {
    return eventTimeMicros;
  }

  public void writeJson(ByteWriter out, long value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, long value) {
    encode(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, long value) {
    encode(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, long value) {
    encode(Format.PROTOBUF, out, value, protoTag);
  }

  /** Reads a value {@link #writeBinary} wrote: microseconds, 8 bytes little-endian. */
  public static Long readBinary(BinaryReader in) {
    return in.int64();
  }

  static void write(long[] code, int at, Format format, long eventTimeMicros, ByteWriter out) {
    encode(format, out, eventTimeMicros, (int) code[at]);
  }

  static String text(long eventTimeMicros) {
    return Timestamps.toIso(eventTimeMicros);
  }
}
