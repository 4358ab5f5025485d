package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * A number of a change stream's envelope, a {@code long} in every format: the {@code version} of the
 * change ({@link ChangeRows#version}: its round + 1, increasing per member), {@code ts_ms}, the
 * event time in milliseconds since the epoch (rounded down), or the row index (the {@code source}
 * block's {@code lsn}: a log position, increasing through the stream).
 *
 * <p>Packed: mode ({@link #VERSION}, {@link #TS_MS}, {@link #ROW}), Protobuf tag, the pool's member count.
 */
public final class ChangeNumberField extends FieldGenerator {
  static final int CODE = 37;
  /** Modes: the change's version, the event time in milliseconds, the row index. */
  public static final int VERSION = 0;
  public static final int TS_MS = 1;
  public static final int ROW = 2;

  private final int mode;
  private final long count;
  private final long proto;

  /**
   * @param version true for the version, false for the event time in milliseconds
   * @param count the pool's members (the lane count; ignored for the event time)
   */
  public ChangeNumberField(String name, int index, boolean version, long count) {
    this(name, index, version ? VERSION : TS_MS, count);
  }

  /**
   * @param mode {@link #VERSION}, {@link #TS_MS} or {@link #ROW}
   * @param count the pool's members (the lane count; ignored but by the version)
   */
  public ChangeNumberField(String name, int index, int mode, long count) {
    super(name, index);
    if (count < 1) {
      throw new IllegalArgumentException("field '" + name + "': member count " + count + " is not positive");
    }
    if (mode < VERSION || mode > ROW) {
      throw new IllegalArgumentException("field '" + name + "': unknown mode " + mode);
    }
    this.mode = mode;
    this.count = count;
    this.proto = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  @Override
  public String kind() {
    return "long";
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(mode);
    p.word(proto);
    p.word(count);
  }

  private static long number(long mode, long count, long row, long eventTimeMicros) {
    return mode == VERSION ? row / count + 1 : mode == TS_MS ? Math.floorDiv(eventTimeMicros, 1000L) : row;
  }

  public long value(long seed, long row, long eventTimeMicros) {
    return number(mode, count, row, eventTimeMicros);
  }

  public void writeJson(ByteWriter out, long value) {
    out.write(jsonKey);
    LongField.encode(Format.JSON, out, value, proto);
  }

  public void writeAvro(ByteWriter out, long value) {
    LongField.encode(Format.AVRO, out, value, proto);
  }

  public void writeBinary(ByteWriter out, long value) {
    LongField.encode(Format.BINARY, out, value, proto);
  }

  public void writeProtobuf(ByteWriter out, long value) {
    LongField.encode(Format.PROTOBUF, out, value, proto);
  }

  static void write(long[] code, int at, Format format, long row, long eventTimeMicros, ByteWriter out) {
    LongField.encode(format, out, number(code[at], code[at + 2], row, eventTimeMicros), code[at + 1]);
  }

  static String text(long[] code, int at, long row, long eventTimeMicros) {
    return Long.toString(number(code[at], code[at + 2], row, eventTimeMicros));
  }
}
