package dev.streamgen.runtime.testing;

import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written event kernel for the runtime's unit tests, standing in for generated code: int and
 * string fields drawn with {@link Rng} like the generated classes do. JSON and protobuf payloads are
 * real (decodable by Jackson / protobuf-java); avro and binary reuse simple layouts. Field values of
 * generated code are tested end to end in streamgen-it, not here.
 */
public final class TestKernel implements EventKernel {
  private final String id;
  private final List<Field> fields;

  public TestKernel(String id, List<Field> fields) {
    this.id = id;
    this.fields = fields;
  }

  /** An int field uniform in [min, max]. */
  public static Field intField(String name, long salt, long min, long max) {
    return new Field(name, salt, min, max, null, null);
  }

  /** A string field picking one of {@code values} by {@code weights}. */
  public static Field stringField(String name, long salt, String[] values, double[] weights) {
    return new Field(name, salt, 0, 0, values, AliasTable.of(weights));
  }

  @Override
  public String eventTypeId() {
    return id;
  }

  @Override
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      names.add(f.name);
    }
    return names;
  }

  @Override
  public long avroFingerprint() {
    return id.hashCode();
  }

  @Override
  public void write(long seed, long row, long eventTimeMicros, Format format, ByteWriter out) {
    switch (format) {
      case JSON:
        writeJson(seed, row, eventTimeMicros, out);
        break;
      case PROTOBUF:
        writeProto(seed, row, out);
        break;
      default:
        // avro and binary: the protobuf layout is enough for the runtime's tests (it copies bytes).
        writeProto(seed, row, out);
    }
  }

  @Override
  public String fieldText(long seed, long row, long eventTimeMicros, int field) {
    return fields.get(field).text(seed, row);
  }

  private void writeJson(long seed, long row, long eventTimeMicros, ByteWriter out) {
    StringBuilder sb = new StringBuilder("{\"event_type_id\":\"").append(id).append('"');
    sb.append(",\"event_time_micros\":").append(eventTimeMicros);
    for (Field f : fields) {
      sb.append(",\"").append(f.name).append("\":");
      if (f.values == null) {
        sb.append(f.text(seed, row));
      } else {
        sb.append('"').append(f.text(seed, row)).append('"');
      }
    }
    sb.append('}');
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Field k (1-based) as varint (int) or length-delimited (string). */
  private void writeProto(long seed, long row, ByteWriter out) {
    for (int k = 0; k < fields.size(); k++) {
      Field f = fields.get(k);
      int number = k + 1;
      if (f.values == null) {
        varint(out, (long) number << 3);
        varint(out, f.intValue(seed, row));
      } else {
        byte[] b = f.text(seed, row).getBytes(StandardCharsets.UTF_8);
        varint(out, ((long) number << 3) | 2);
        varint(out, b.length);
        out.write(b);
      }
    }
  }

  private static void varint(ByteWriter out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** One field: an int range, or weighted string values. */
  public static final class Field {
    final String name;
    final long salt;
    final long min;
    final long max;
    final String[] values;
    final AliasTable pick;

    Field(String name, long salt, long min, long max, String[] values, AliasTable pick) {
      this.name = name;
      this.salt = salt;
      this.min = min;
      this.max = max;
      this.values = values;
      this.pick = pick;
    }

    long intValue(long seed, long row) {
      return Rng.between(Rng.hash(row, Rng.stream(seed, salt)), min, max);
    }

    String text(long seed, long row) {
      long h = Rng.hash(row, Rng.stream(seed, salt));
      return values == null ? Long.toString(Rng.between(h, min, max)) : values[pick.pick(h)];
    }
  }
}
