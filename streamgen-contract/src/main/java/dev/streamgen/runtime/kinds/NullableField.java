package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * {@code nullable: true, null_ratio: r} on any field: the row's value is null when {@code
 * Rng.unit(hash) < r} (its own salted stream, so whether a value is null never correlates with the
 * value), else the wrapped field's value. Per format (docs/formats.md):
 *
 * <ul>
 *   <li>JSON: the key is always there, with {@code null} for a null value;
 *   <li>Avro: the union {@code ["null", T]}: branch 0 alone, or branch 1 then the value;
 *   <li>binary: one presence byte, 0 alone or 1 then the value;
 *   <li>Protobuf: a proto3 {@code optional} field: absent when null; when present it is on the wire
 *       even if its value is the type's default (which a plain proto3 field leaves out), because
 *       presence is what tells a consumer it is not null.
 * </ul>
 *
 * <p>Packed: the wrapped field's head code with {@link #FLAG} set, then null salt, null ratio (double
 * bits) and, for Protobuf, a reference to the present-default bytes (tag and zero value), then the
 * wrapped field's own words.
 *
 * <p>A value is also null when the wrapped field says so ({@link FieldGenerator#nullValue}): an
 * {@link ExprField} with a null operand.
 */
public final class NullableField extends FieldGenerator {
  /** Bit of a packed head's code byte: the field is nullable; the low bits are the wrapped kind's code. */
  static final int FLAG = 0x80;
  /** Words this wrapper packs before the wrapped field's. */
  static final int WORDS = 3;

  private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};
  private static final int AVRO_NULL_BRANCH = 0x00;
  private static final int AVRO_VALUE_BRANCH = 0x02; // zig-zag varint of union index 1
  private static final byte[] NONE = new byte[0];
  /**
   * The wire type argument of a field whose Protobuf form has no presence (a {@code repeated}
   * field): a null value and an empty one are both absent, and nothing is put back for an empty one.
   */
  public static final int NO_PRESENCE = -1;

  private final FieldGenerator field;
  private final long salt;
  private final double ratio;
  private final byte[] protoDefault;

  /**
   * @param field the field whose values may be null
   * @param salt the salt of the null draw's stream (distinct from the field's own salts)
   * @param ratio the probability of null, in [0, 1]
   * @param protoWireType the Protobuf wire type of the field's values ({@link ProtobufWriter#WIRE_VARINT}, ...), or
   *     {@link #NO_PRESENCE}
   */
  public NullableField(FieldGenerator field, long salt, double ratio, int protoWireType) {
    super(field.name(), field.index());
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("field '" + field.name() + "': null ratio " + ratio + " is not in [0, 1]");
    }
    if (field instanceof NullableField) {
      throw new IllegalArgumentException("field '" + field.name() + "' is already nullable");
    }
    this.field = field;
    this.salt = salt;
    this.ratio = ratio;
    this.protoDefault = presentDefault(protoTag(protoWireType), protoWireType);
  }

  /** The field whose values this one may replace by null (its typed value and writer methods). */
  public FieldGenerator field() {
    return field;
  }

  @Override
  public String kind() {
    return field.kind();
  }

  @Override
  int code() {
    return field.code() | FLAG;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(salt);
    p.word(Double.doubleToRawLongBits(ratio));
    p.ref(format == Format.PROTOBUF ? protoDefault : NONE);
    field.pack(p, format);
  }

  /** Whether the value of {@code row} is null. */
  public boolean isNull(long seed, long row) {
    return draw(seed, row, salt, ratio) || field.nullValue(seed, row);
  }

  /** Writes a null value: in JSON with the field's key. */
  public void writeNull(Format format, ByteWriter out) {
    if (format == Format.JSON) {
      out.write(jsonKey);
    }
    writeNullValue(format, out);
  }

  /**
   * Writes what comes before a present value (Avro's union branch, binary's presence byte) and
   * returns the position the value starts at, for {@link #afterValue}.
   */
  public int beforeValue(Format format, ByteWriter out) {
    writePresence(format, out);
    return out.size();
  }

  /** After a present value written from {@code mark}: in Protobuf, a default value left out is put back. */
  public void afterValue(Format format, ByteWriter out, int mark) {
    if (format == Format.PROTOBUF && out.size() == mark) {
      out.write(protoDefault);
    }
  }

  /** Reads the presence byte {@link #beforeValue} or {@link #writeNull} wrote in the binary format. */
  public static boolean readBinaryPresence(BinaryReader in) {
    try {
      return in.bool();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("presence of a nullable field: " + e.getMessage(), e);
    }
  }

  private static boolean draw(long seed, long row, long salt, double ratio) {
    return Rng.unit(Rng.hash(row, Rng.stream(seed, salt))) < ratio;
  }

  private static void writeNullValue(Format format, ByteWriter out) {
    switch (format) {
      case JSON:
        out.write(JSON_NULL);
        return;
      case AVRO:
        out.write(AVRO_NULL_BRANCH);
        return;
      case BINARY:
        out.write(0);
        return;
      default:
        // Protobuf: an absent optional field is null.
    }
  }

  private static void writePresence(Format format, ByteWriter out) {
    if (format == Format.AVRO) {
      out.write(AVRO_VALUE_BRANCH);
    } else if (format == Format.BINARY) {
      out.write(1);
    }
  }

  /**
   * The tag and the zero value of a wire type: what a present default value looks like; nothing for
   * {@link #NO_PRESENCE}.
   */
  static byte[] presentDefault(int tag, int wireType) {
    if (wireType == NO_PRESENCE) {
      return NONE;
    }
    ByteWriter out = new ByteWriter();
    ProtobufWriter.writeVarint(out, tag);
    int zeros;
    switch (wireType) {
      case ProtobufWriter.WIRE_FIXED64:
        zeros = 8;
        break;
      case ProtobufWriter.WIRE_FIXED32:
        zeros = 4;
        break;
      default:
        zeros = 1; // a varint 0, or a length 0
    }
    for (int i = 0; i < zeros; i++) {
      out.write(0);
    }
    return out.toByteArray();
  }

  // ---- packed ----

  /**
   * Writes the null value, or what precedes a present value, of the packed nullable field whose
   * wrapper words start at {@code at}; returns whether the value is null (then the row's field is
   * done).
   */
  static boolean writeNullOrPresence(long[] code, int at, int kind, Format format, long seed, long row, ByteWriter out) {
    if (isNull(code, at, kind, seed, row)) {
      writeNullValue(format, out);
      return true;
    }
    writePresence(format, out);
    return false;
  }

  /** {@link #afterValue} of the packed field: the present-default bytes when the value wrote none. */
  static void afterPackedValue(long[] code, int at, byte[] bytes, Format format, int mark, ByteWriter out) {
    if (format == Format.PROTOBUF && out.size() == mark) {
      long ref = code[at + 2];
      out.write(bytes, Packer.offset(ref), Packer.length(ref));
    }
  }

  /**
   * Whether the packed field's value of {@code row} is null: its null draw, or for an {@link
   * ExprField} (the wrapped {@code kind}) a null operand, or for a {@link ChangeImageField} an
   * operation without that image.
   */
  static boolean isNull(long[] code, int at, int kind, long seed, long row) {
    return draw(seed, row, code[at], Double.longBitsToDouble(code[at + 1]))
        || (kind == ExprField.CODE && ExprField.anyNull(code, at + WORDS, seed, row))
        || (kind == ChangeImageField.CODE && ChangeImageField.isNull(code, at + WORDS, seed, row));
  }
}
