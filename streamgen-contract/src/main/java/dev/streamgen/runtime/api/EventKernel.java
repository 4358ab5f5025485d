package dev.streamgen.runtime.api;

import dev.streamgen.runtime.encode.ByteWriter;
import java.util.List;

/**
 * One compiled event type. Generated code implements it; the runtime calls it for every row.
 *
 * <p>Implementations are stateless and thread-safe: every value is a pure function of
 * (seed, row, event time), so the same row gives the same event on any executor.
 */
public interface EventKernel {

  /** The {@code event_type_id} from the YAML. */
  String eventTypeId();

  /** Field names in payload order: common fields first, then the type's own, as declared. */
  List<String> fieldNames();

  /** CRC-64-AVRO fingerprint of this type's generated Avro schema (the single-object header). */
  long avroFingerprint();

  /** Appends the serialized event of {@code row} to {@code out}. */
  void write(long seed, long row, long eventTimeMicros, Format format, ByteWriter out);

  /**
   * The text form of one field of the event of {@code row} (as JSON would show it, without quotes),
   * used for partition keys. {@code field} indexes {@link #fieldNames()}.
   */
  String fieldText(long seed, long row, long eventTimeMicros, int field);

  /**
   * Whether the event of {@code row} is a tombstone: a change stream's row after a delete, written
   * to the unified stream with a null payload (its key still the member's). False unless the type is
   * a change stream with {@code tombstones: true}.
   */
  default boolean isTombstone(long seed, long row) {
    return false;
  }
}
