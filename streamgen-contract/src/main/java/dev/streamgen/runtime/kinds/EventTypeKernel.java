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
 * holding the constants the compiler fixed. Rows are written by {@link PackedCatalog}: the same few
 * methods for every type of every catalog, so the JIT compiles one loop whatever the number and
 * shapes of the types; what differs per type is data, packed.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventTypeKernel implements EventKernel {
  private final String eventTypeId;
  private final long avroFingerprint;
  private final byte[] avroHeader;
  private final FieldGenerator[] fields;
  private final List<String> fieldNames;
  /** The change stream whose deletes are followed by tombstones, when this type is one; else null. */
  private final ChangeRows tombstones;
  /**
   * This type alone, packed per format on first use. Racy but safe: every thread that packs gets an
   * equal, immutable result (final fields), and the array only holds them.
   */
  private final PackedCatalog[] packed = new PackedCatalog[Format.values().length];

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
    this.tombstones = tombstones(this.fields);
  }

  /** The change stream of the envelope's op among {@code fields} if it has tombstones; else null. */
  static ChangeRows tombstones(FieldGenerator[] fields) {
    for (FieldGenerator f : fields) {
      if (f instanceof ChangeOpField && ((ChangeOpField) f).changes().tombstones()) {
        return ((ChangeOpField) f).changes();
      }
    }
    return null;
  }

  /** The change stream whose deletes are followed by tombstones, when this type is one; else null. */
  ChangeRows tombstones() {
    return tombstones;
  }

  /** Whether some rows of this type are tombstones ({@link #isTombstone}). */
  public boolean hasTombstones() {
    return tombstones != null;
  }

  @Override
  public boolean isTombstone(long seed, long row) {
    return tombstones != null && tombstones.op(seed, row) == 't';
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
    packed(format).write(0, seed, row, eventTimeMicros, out);
  }

  @Override
  public String fieldText(long seed, long row, long eventTimeMicros, int field) {
    if (field < 0 || field >= fields.length) {
      throw new IndexOutOfBoundsException("field " + field + " of " + eventTypeId + "; it has " + fields.length);
    }
    return packed(Format.JSON).fieldText(0, field, seed, row, eventTimeMicros);
  }

  /**
   * This type alone, packed, built on first use: the streamgen source packs whole catalogs ({@link
   * PackedCatalog#of}) and never calls this kernel's own write, so a catalog's kernels hold no copy.
   */
  private PackedCatalog packed(Format format) {
    PackedCatalog p = packed[format.ordinal()];
    if (p == null) {
      p = PackedCatalog.of(Collections.singletonList(this), format);
      packed[format.ordinal()] = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return eventTypeId + fieldNames;
  }
}
