package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.JsonWriter;

/**
 * One field of one event type: its kind's draw (a pure function of seed, row and event time) and its
 * encoding in each format, over the constants the compiler fixed (salt, bounds, value tables) and
 * those its position gives (the JSON key with its separator, the Protobuf field number). One final
 * subclass per field kind owns all of that kind's run-time behaviour, in two forms:
 *
 * <ul>
 *   <li>typed, on the instance, for the typed event classes: {@code value(seed, row,
 *       eventTimeMicros)} returning the field's Java type, {@code writeJson(out, value)} etc.;
 *   <li>packed, as static {@code write} and {@code text} methods over the words and bytes {@link
 *       #pack} appended to a {@link PackedCatalog}, for the per-row loop.
 * </ul>
 *
 * <p>Why packed: with thousands of event types, a row of a random type that walks a dozen small
 * objects per field (scattered by the garbage collector) misses the CPU caches at every step; the
 * packed form keeps each type's constants in one run of words and one run of bytes, and the loop is
 * the same few methods whatever the catalog (docs/benchmarks.md). Both forms draw with the same
 * static function and encode with the same static encoder, so they cannot disagree.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class FieldGenerator {
  private final String name;
  private final int index;
  /** {@code {"name":} for the first field, {@code ,"name":} after: the JSON before the value. */
  protected final byte[] jsonKey;

  /**
   * @param name the field name as written in the YAML (the JSON key)
   * @param index the field's position in its event type, from 0 (the Protobuf field number is index + 1)
   */
  protected FieldGenerator(String name, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("field '" + name + "': index " + index + " is negative");
    }
    this.name = name;
    this.index = index;
    this.jsonKey = JsonWriter.key(name, index == 0);
  }

  /** The field name as written in the YAML. */
  public final String name() {
    return name;
  }

  /** Position in the event type, from 0. */
  public final int index() {
    return index;
  }

  /** The kind's YAML spelling, as the schema manifest lists it ({@code int}, {@code uuid}, ...). */
  public abstract String kind();

  /** The kind's code in packed records ({@link PackedCatalog} dispatches on it). */
  abstract int code();

  /**
   * Appends the kind's constants to a packed record for writing in {@code format}, after the
   * field's head (and, in JSON, its key): what another format needs is left out, so a row reads as
   * few cache lines as the format allows.
   */
  abstract void pack(Packer p, Format format);

  /**
   * Whether the value of {@code row} is null whatever the field's own null draw: only a field
   * computed from nullable fields ({@link ExprField}) can be; {@link NullableField} asks.
   */
  boolean nullValue(long seed, long row) {
    return false;
  }

  /** The Protobuf key of this field for a wire type: {@code (index + 1) << 3 | wireType}. */
  protected final int protoTag(int wireType) {
    return ((index + 1) << 3) | wireType;
  }

  @Override
  public String toString() {
    return name + ": " + kind();
  }
}
