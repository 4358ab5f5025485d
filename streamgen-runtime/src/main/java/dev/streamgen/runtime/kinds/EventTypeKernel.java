package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kernel of one compiled event type: its fields in payload order, each a {@link FieldGenerator}
 * holding the constants the compiler fixed. Every event type of every catalog runs these same
 * methods, so the JIT compiles one loop per format whatever the number and shapes of the types; what
 * differs per type is data (the fields and their constants), touched once per row.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventTypeKernel implements EventKernel {
  private final String eventTypeId;
  private final long avroFingerprint;
  private final byte[] avroHeader;
  private final FieldGenerator[] fields;
  private final List<String> fieldNames;

  /**
   * @param fields in payload order; field {@code i} must have been built with index {@code i}
   */
  public EventTypeKernel(String eventTypeId, long avroFingerprint, FieldGenerator... fields) {
    this.eventTypeId = eventTypeId;
    this.avroFingerprint = avroFingerprint;
    this.avroHeader = AvroWriter.header(avroFingerprint);
    this.fields = fields.clone();
    List<String> names = new ArrayList<>(fields.length);
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].index() != i) {
        throw new IllegalArgumentException(
            "event type '" + eventTypeId + "': field " + i + " ('" + fields[i].name() + "') was built with index "
                + fields[i].index());
      }
      names.add(fields[i].name());
    }
    this.fieldNames = Collections.unmodifiableList(names);
  }

  @Override
  public String eventTypeId() {
    return eventTypeId;
  }

  @Override
  public List<String> fieldNames() {
    return fieldNames;
  }

  @Override
  public long avroFingerprint() {
    return avroFingerprint;
  }

  /** The field at {@code index} (payload order). */
  public FieldGenerator field(int index) {
    return fields[index];
  }

  public int fieldCount() {
    return fields.length;
  }

  /** The Avro single-object header of this type (marker and fingerprint); shared, do not modify. */
  public byte[] avroHeader() {
    return avroHeader;
  }

  @Override
  public void write(long seed, long row, long eventTimeMicros, Format format, ByteWriter out) {
    FieldGenerator[] f = fields;
    switch (format) {
      case JSON:
        if (f.length == 0) {
          out.write('{');
        }
        for (FieldGenerator field : f) {
          field.writeJson(seed, row, eventTimeMicros, out);
        }
        out.write('}');
        return;
      case AVRO:
        out.write(avroHeader);
        for (FieldGenerator field : f) {
          field.writeAvro(seed, row, eventTimeMicros, out);
        }
        return;
      case BINARY:
        for (FieldGenerator field : f) {
          field.writeBinary(seed, row, eventTimeMicros, out);
        }
        return;
      case PROTOBUF:
        for (FieldGenerator field : f) {
          field.writeProtobuf(seed, row, eventTimeMicros, out);
        }
        return;
      default:
        throw new IllegalArgumentException("unknown format " + format);
    }
  }

  @Override
  public String fieldText(long seed, long row, long eventTimeMicros, int field) {
    if (field < 0 || field >= fields.length) {
      throw new IndexOutOfBoundsException("field " + field + " of " + eventTypeId + "; it has " + fields.length);
    }
    return fields[field].text(seed, row, eventTimeMicros);
  }

  @Override
  public String toString() {
    return eventTypeId + fieldNames;
  }
}
