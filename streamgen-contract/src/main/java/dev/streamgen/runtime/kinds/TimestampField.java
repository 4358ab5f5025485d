package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Timestamps;

/**
 * {@code type: timestamp}, in microseconds since the epoch: the event's own time (the row's event
 * time, set by the runtime), or with a {@code range} a uniform microsecond in a window: absolute,
 * [from, until), or relative to the event time, [t + from, t + until), drawn on the field's salt.
 * Avro long with logical type timestamp-micros; Protobuf int64 (microseconds); binary 8 bytes
 * little-endian; JSON by {@code format}: ISO-8601 UTC text with six fraction digits (the default),
 * or a number of epoch milliseconds (rounded down) or microseconds.
 *
 * <p>Packed: a word of the Protobuf tag (low 32 bits), the JSON form (next 8) and the window (above);
 * a field with a window then its salt, from and until.
 */
public final class TimestampField extends FieldGenerator {
  static final int CODE = 4;

  /** Window: the event time itself. */
  public static final int EVENT_TIME = 0;
  /** Window: [from, until) in microseconds since the epoch. */
  public static final int ABSOLUTE = 1;
  /** Window: [t + from, t + until) for the row's event time t. */
  public static final int RELATIVE = 2;

  /** JSON form: quoted ISO-8601 text. */
  public static final int ISO8601 = 0;
  /** JSON form: a number of milliseconds since the epoch, rounded down. */
  public static final int EPOCH_MILLIS = 1;
  /** JSON form: a number of microseconds since the epoch. */
  public static final int EPOCH_MICROS = 2;

  private static final long MICROS_PER_MILLI = 1_000L;

  private final int protoTag;
  private final long salt;
  private final int window;
  private final long from;
  private final long until;
  private final int jsonForm;

  /** The event time, as ISO-8601 text in JSON. */
  public TimestampField(String name, int index) {
    this(name, index, 0L, EVENT_TIME, 0L, 0L, ISO8601);
  }

  /**
   * @param window {@link #EVENT_TIME}, {@link #ABSOLUTE} or {@link #RELATIVE}; from and until are
   *     ignored for the event time
   * @param jsonForm {@link #ISO8601}, {@link #EPOCH_MILLIS} or {@link #EPOCH_MICROS}
   */
  public TimestampField(String name, int index, long salt, int window, long from, long until, int jsonForm) {
    super(name, index);
    if (window < EVENT_TIME || window > RELATIVE || jsonForm < ISO8601 || jsonForm > EPOCH_MICROS) {
      throw new IllegalArgumentException("field '" + name + "': timestamp window " + window + " or JSON form " + jsonForm + " is not valid");
    }
    if (window != EVENT_TIME && (from >= until || until - from <= 0)) {
      throw new IllegalArgumentException("field '" + name + "': timestamp window [" + from + ", " + until + ") is empty or too wide");
    }
    this.protoTag = protoTag(ProtobufWriter.WIRE_VARINT);
    this.salt = salt;
    this.window = window;
    this.from = from;
    this.until = until;
    this.jsonForm = jsonForm;
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
    p.word((protoTag & 0xFFFFFFFFL) | ((long) jsonForm << 32) | ((long) window << 40));
    // The event time needs no more words: the common case stays one word.
    if (window != EVENT_TIME) {
      p.word(salt);
      p.word(from);
      p.word(until);
    }
  }

  private static long draw(int window, long seed, long row, long eventTimeMicros, long salt, long from, long until) {
    if (window == EVENT_TIME) {
      return eventTimeMicros;
    }
    long offset = Rng.between(Rng.hash(row, Rng.stream(seed, salt)), from, until - 1);
    return window == RELATIVE ? eventTimeMicros + offset : offset;
  }

  static void encode(Format format, ByteWriter out, long micros, int protoTag, int jsonForm) {
    switch (format) {
      case JSON:
        if (jsonForm == ISO8601) {
          JsonWriter.writeTimestamp(out, micros);
        } else {
          JsonWriter.writeLong(out, epochNumber(micros, jsonForm));
        }
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

  private static long epochNumber(long micros, int jsonForm) {
    return jsonForm == EPOCH_MILLIS ? Math.floorDiv(micros, MICROS_PER_MILLI) : micros;
  }

  public long value(long seed, long row, long eventTimeMicros) {
    return draw(window, seed, row, eventTimeMicros, salt, from, until);
  }

  public void writeJson(ByteWriter out, long value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value, protoTag, jsonForm);
  }

  public void writeAvro(ByteWriter out, long value) {
    encode(Format.AVRO, out, value, protoTag, jsonForm);
  }

  public void writeBinary(ByteWriter out, long value) {
    encode(Format.BINARY, out, value, protoTag, jsonForm);
  }

  public void writeProtobuf(ByteWriter out, long value) {
    encode(Format.PROTOBUF, out, value, protoTag, jsonForm);
  }

  /** Reads a value {@link #writeBinary} wrote: microseconds, 8 bytes little-endian. */
  public static Long readBinary(BinaryReader in) {
    return in.int64();
  }

  static void write(long[] code, int at, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    long head = code[at];
    encode(format, out, packedDraw(code, at, seed, row, eventTimeMicros), (int) head, (int) (head >>> 32) & 0xFF);
  }

  static String text(long[] code, int at, long seed, long row, long eventTimeMicros) {
    long micros = packedDraw(code, at, seed, row, eventTimeMicros);
    int jsonForm = (int) (code[at] >>> 32) & 0xFF;
    return jsonForm == ISO8601 ? Timestamps.toIso(micros) : Long.toString(epochNumber(micros, jsonForm));
  }

  private static long packedDraw(long[] code, int at, long seed, long row, long eventTimeMicros) {
    int window = (int) (code[at] >>> 40);
    return window == EVENT_TIME
        ? eventTimeMicros
        : draw(window, seed, row, eventTimeMicros, code[at + 1], code[at + 2], code[at + 3]);
  }
}
