package dev.streamgen.runtime.source;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.PackedCatalog;
import dev.streamgen.runtime.kinds.RowClock;
import dev.streamgen.runtime.kinds.SessionTypePick;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The per-row loop of the source: row index in, one unified-stream row out. The type comes from the
 * alias table over a hash of (seed, row); the generated kernel fills and serializes the event into a
 * reused buffer, which is copied once into a reused {@link UnsafeRow}. Nothing here depends on the
 * number of event types except one array lookup. One instance per task; not thread-safe.
 */
public final class EventRowWriter {
  private static final int EVENT_TYPE_ID = 0;
  private static final int TIMESTAMP = 1;
  private static final int PARTITION_KEY = 2;
  private static final int PAYLOAD = 3;
  private static final int ROW_INDEX = 4;
  private static final int DUPLICATE = 5;

  private final LoadedCatalog catalog;
  /** Given the run's row clock on the first row (session times need it), then kept. */
  private PackedCatalog packed;
  private long clockStartMicros = Long.MIN_VALUE;
  private final GenerationPlan plan;
  private final long seed;
  private final dev.streamgen.runtime.settings.RateShape rate;
  private final Format format;
  private final boolean envelope;
  private final ByteWriter payload = new ByteWriter(1024);
  private final UnsafeRowWriter row;
  /** Null when no share is set: every row is an original, and the loop pays one null check. */
  private final Faults faults;
  private final boolean groundTruth;
  /** Per type the rows written, then the rows dropped and the duplicates (TypeCountAccumulator). */
  private final long[] typeCounts;
  private final RowTypes rowTypes;
  /** The type a row's session is at, for rows whose pick is a session machine's start type. */
  private final SessionTypePick sessions;
  /** Whether some rows are tombstones (null payloads). */
  private final boolean tombstones;

  public EventRowWriter(GenerationPlan plan) {
    this(LoadedCatalog.load(plan.catalogClass()), plan);
  }

  EventRowWriter(LoadedCatalog catalog, GenerationPlan plan) {
    this.catalog = catalog;
    this.plan = plan;
    // An envelope wraps the event's protobuf message.
    this.packed = catalog.packed(plan.envelope() ? Format.PROTOBUF : plan.format(), plan.framing());
    this.seed = plan.seed();
    this.rate = plan.rate();
    this.format = plan.format();
    this.envelope = plan.envelope();
    this.faults = plan.faults().active() ? plan.faults() : null;
    this.groundTruth = plan.faults().groundTruth();
    this.row = new UnsafeRowWriter(groundTruth ? 6 : 4, 1024);
    this.typeCounts = plan.typeCounter() != null ? new long[catalog.size() + 2] : null;
    this.rowTypes = new RowTypes(catalog.aliasTable(), catalog.timedPick(), plan.rate(), plan.seed(), packed);
    this.tombstones = catalog.hasTombstones();
    this.sessions = new SessionTypePick(catalog.catalog().sessionMachines());
  }

  /**
   * The type row {@code i} is written as: the type pick's, except that a pick of a session machine's
   * start type is the type the row's session is at ({@link SessionTypePick}: through this thread's
   * cursors, O(1) per row in order, the pick handed to them).
   */
  int typeOf(long i) {
    int type = rowTypes.next(i);
    return sessions.hasMachines() ? sessions.typeOf(seed, i, type) : type;
  }

  /**
   * The unified row of index {@code i}, event time counted from {@code startMicros}; null when the
   * row is dropped on purpose ({@link Faults}). A duplicate is the row of the earlier original it
   * copies, written as that row is; a late or out-of-order row has its event time (the timestamp and
   * the payload's event-time fields alike) moved back. The returned row is reused by the next call
   * (Spark copies rows it keeps).
   */
  public UnsafeRow write(long i, long startMicros) {
    if (faults == null) {
      return write(i, startMicros, i, 0, false);
    }
    int fate = faults.fate(seed, i);
    long source = i;
    if (fate == Faults.DROPPED) {
      if (typeCounts != null) {
        typeCounts[typeCounts.length - 2]++;
      }
      return null;
    }
    if (fate == Faults.DUPLICATE) {
      source = faults.originalOf(seed, i);
      if (source < 0) {
        return write(i, startMicros, i, 0, false); // nothing earlier to copy: an original
      }
      if (typeCounts != null) {
        typeCounts[typeCounts.length - 1]++;
      }
      fate = faults.fate(seed, source);
    }
    return write(source, startMicros, source, faults.delayMicros(seed, source, fate), source != i);
  }

  /**
   * Row {@code i} generated as an original (its type, payload and key from index {@code i}), its
   * event time moved back by {@code delayMicros}; {@code rowIndex} and {@code duplicate} are the
   * ground truth.
   */
  private UnsafeRow write(long i, long startMicros, long rowIndex, long delayMicros, boolean duplicate) {
    if (startMicros != clockStartMicros) {
      if (packed != null) {
        packed = packed.clock(RowClock.of(rate, startMicros).endingBefore(plan.endRow(startMicros)));
      }
      rowTypes.start(startMicros);
      clockStartMicros = startMicros;
    }
    int type = typeOf(i);
    long eventTime = rate.micros(startMicros, i) - delayMicros;

    payload.reset();
    // A tombstone (a change stream's row after a delete) has no payload: Kafka gets a null value, on
    // which compaction drops the key.
    boolean tombstone = tombstones && isTombstone(type, i);
    if (!tombstone) {
      if (envelope) {
        writeEnvelope(type, i, eventTime);
      } else {
        writeEvent(type, i, eventTime, format);
      }
    }

    row.reset();
    row.zeroOutNullBytes();
    writeTypeId(EVENT_TYPE_ID, type);
    row.write(TIMESTAMP, eventTime);
    int keyField = plan.partitionKeyIndex(type);
    if (keyField < 0) {
      writeTypeId(PARTITION_KEY, type);
    } else {
      row.write(PARTITION_KEY, UTF8String.fromString(fieldText(type, i, eventTime, keyField)));
    }
    if (tombstone) {
      row.setNullAt(PAYLOAD);
    } else {
      row.write(PAYLOAD, payload.array(), 0, payload.size());
    }
    if (groundTruth) {
      row.write(ROW_INDEX, rowIndex);
      row.write(DUPLICATE, duplicate);
    }
    if (typeCounts != null) {
      typeCounts[type]++;
    }
    return row.getRow();
  }

  /*
   * Compiled catalogs run packed (one run of words and bytes per type: few cache misses per row at
   * 10,000 types); hand-written kernels run as objects.
   */

  private void writeEvent(int type, long i, long eventTime, Format as) {
    if (packed != null) {
      packed.write(type, seed, i, eventTime, payload);
    } else {
      catalog.kernel(type).write(seed, i, eventTime, as, payload);
    }
  }

  private boolean isTombstone(int type, long i) {
    return packed != null ? packed.isTombstone(type, seed, i) : catalog.kernel(type).isTombstone(seed, i);
  }

  private String fieldText(int type, long i, long eventTime, int field) {
    return packed != null
        ? packed.fieldText(type, field, seed, i, eventTime)
        : catalog.kernel(type).fieldText(seed, i, eventTime, field);
  }

  private void writeTypeId(int ordinal, int type) {
    if (packed != null) {
      row.write(ordinal, packed.bytes(), packed.typeIdOffset(type), packed.typeIdLength(type));
    } else {
      row.write(ordinal, catalog.typeIdUtf8(type));
    }
  }

  /** Adds this task's per-type counts to the run's counter (once, when the reader closes). */
  void flushTypeCounts() {
    if (typeCounts != null) {
      plan.typeCounter().add(typeCounts);
      java.util.Arrays.fill(typeCounts, 0L);
    }
  }

  /**
   * {@code StreamgenEnvelope { string event_type_id = 1; bytes payload = 2; }}: the type id, then the
   * event's own protobuf message, its length back-patched once known.
   */
  private void writeEnvelope(int type, long i, long eventTime) {
    payload.write(0x0A);
    if (packed != null) {
      writeVarint(packed.typeIdLength(type));
      payload.write(packed.bytes(), packed.typeIdOffset(type), packed.typeIdLength(type));
    } else {
      byte[] typeId = catalog.typeIdUtf8(type);
      writeVarint(typeId.length);
      payload.write(typeId);
    }
    payload.write(0x12);
    int start = payload.size();
    writeEvent(type, i, eventTime, Format.PROTOBUF);
    int length = payload.size() - start;
    int lengthBytes = varintSize(length);
    payload.shift(start, lengthBytes);
    int pos = start;
    int v = length;
    while ((v & ~0x7F) != 0) {
      payload.set(pos++, (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    payload.set(pos, v);
  }

  private void writeVarint(int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      payload.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    payload.write(v);
  }

  private static int varintSize(int value) {
    int size = 1;
    int v = value;
    while ((v & ~0x7F) != 0) {
      size++;
      v >>>= 7;
    }
    return size;
  }
}
