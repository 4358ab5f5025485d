package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;

/**
 * One field of one event type as the per-row loop runs it: its kind's draw (a pure function of seed,
 * row and event time) and its encoding in each format, over the constants the compiler fixed (salt,
 * bounds, value tables) and those derived from its position (the JSON key with its separator, the
 * Protobuf field number). One final subclass per field kind owns all of that kind's run-time
 * behaviour; the compiler's kind class says which subclass and constants a field gets.
 *
 * <p>Why objects over generated code per type: with thousands of event types of different shapes,
 * per-type (or per-shape) generated methods are each called for a fraction of the rows and the JIT
 * never warms them up (docs/benchmarks.md measured 9.6% of a 30-type sample's rate). Here the hot
 * path is one method per kind and format whatever the catalog: a few dozen methods, compiled once.
 *
 * <p>Each subclass also has typed methods for the typed event classes: {@code value(seed, row,
 * eventTimeMicros)} returning the field's Java type, and {@code writeJson(out, value)} etc. encoding a
 * given value; the row-based writers below are exactly "draw, then encode".
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

  /** The Protobuf key of this field for a wire type: {@code (index + 1) << 3 | wireType}. */
  protected final int protoTag(int wireType) {
    return ((index + 1) << 3) | wireType;
  }

  /** Appends {@code "name":value} (with the separating comma or the opening brace). */
  public abstract void writeJson(long seed, long row, long eventTimeMicros, ByteWriter out);

  /** Appends the value in Avro binary encoding. */
  public abstract void writeAvro(long seed, long row, long eventTimeMicros, ByteWriter out);

  /** Appends the value in the binary layout (docs/formats.md). */
  public abstract void writeBinary(long seed, long row, long eventTimeMicros, ByteWriter out);

  /** Appends the field (key and value) in Protobuf encoding; nothing for a proto3 default value. */
  public abstract void writeProtobuf(long seed, long row, long eventTimeMicros, ByteWriter out);

  /** The value's text as JSON shows it, unquoted: partition keys. */
  public abstract String text(long seed, long row, long eventTimeMicros);

  @Override
  public String toString() {
    return name + ": " + kind();
  }
}
