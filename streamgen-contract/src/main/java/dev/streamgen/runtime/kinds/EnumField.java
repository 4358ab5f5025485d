package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryReader;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code type: enum} with {@code values} (the symbols) and optional {@code weights}: one symbol,
 * picked by weight exactly as a string field picks ({@code symbols[Rng.pick(hash, cuts)]}). The
 * typed value is the symbol's text. Encodings use its index {@code i}: Avro enum (zig-zag varint
 * {@code i}); Protobuf enum value {@code i + 1} (0 is the generated {@code _UNSPECIFIED}, so a value
 * is always written); JSON the symbol as a string; binary {@code i} as unsigned LEB128.
 *
 * <p>Packed: the layout of {@link StringField} (a symbol's bytes in the format are encoded once,
 * when packed), so the packed catalog writes both kinds with the same code.
 */
public final class EnumField extends FieldGenerator {
  static final int CODE = 12;

  private final long salt;
  private final String[] symbols;
  private final double[] cuts;
  private final WeightsBy weightsBy;
  private final Map<String, Integer> indexes = new HashMap<>();
  private final int protoTag;

  public EnumField(String name, int index, long salt, String[] symbols, double[] cuts) {
    this(name, index, salt, symbols, cuts, null);
  }

  /** @param weightsBy the cuts by another field's value; null when the cuts never change */
  public EnumField(String name, int index, long salt, String[] symbols, double[] cuts, WeightsBy weightsBy) {
    super(name, index);
    if (symbols.length == 0 || cuts.length != symbols.length - 1) {
      throw new IllegalArgumentException(
          "field '" + name + "': " + symbols.length + " symbols need " + (symbols.length - 1) + " cuts, got " + cuts.length);
    }
    this.salt = salt;
    this.symbols = symbols.clone();
    this.cuts = cuts.clone();
    this.weightsBy = weightsBy;
    if (weightsBy != null) {
      weightsBy.check(name, symbols.length);
    }
    for (int i = 0; i < symbols.length; i++) {
      if (indexes.put(symbols[i], i) != null) {
        throw new IllegalArgumentException("field '" + name + "': symbol '" + symbols[i] + "' is listed twice");
      }
    }
    this.protoTag = protoTag(ProtobufWriter.WIRE_VARINT);
  }

  @Override
  public String kind() {
    return "enum";
  }

  @Override
  int code() {
    return weightsBy == null ? CODE : StringField.WEIGHTED_BY_CODE;
  }

  @Override
  void pack(Packer p, Format format) {
    byte[][] encoded = new byte[symbols.length][];
    for (int i = 0; i < symbols.length; i++) {
      ByteWriter w = new ByteWriter(symbols[i].length() + 2);
      encode(format, w, i, symbols[i], protoTag);
      encoded[i] = w.toByteArray();
    }
    StringField.packPicks(p, salt, cuts, encoded, symbols, weightsBy);
  }

  /** Symbol {@code index}, without its JSON key. */
  private static void encode(Format format, ByteWriter out, int index, String symbol, int protoTag) {
    switch (format) {
      case JSON:
        JsonWriter.writeString(out, symbol);
        return;
      case AVRO:
        AvroWriter.writeInt(out, index);
        return;
      case BINARY:
        BinaryWriter.writeVarint(out, index);
        return;
      default:
        ProtobufWriter.writeInt32(out, protoTag, index + 1);
    }
  }

  /** The symbols, in declared order (a copy). */
  public String[] values() {
    return symbols.clone();
  }

  /** The cumulative cuts {@link Rng#pick} compares against (a copy). */
  public double[] cuts() {
    return Arrays.copyOf(cuts, cuts.length);
  }

  /** The cuts by another field's value, for the Spark column; null without {@code weights_by}. */
  public WeightsBy weightsBy() {
    return weightsBy;
  }

  public String value(long seed, long row, long eventTimeMicros) {
    return symbols[StringField.pick(seed, row, salt, cuts, weightsBy)];
  }

  private void encode(Format format, ByteWriter out, String symbol) {
    Integer index = indexes.get(symbol);
    if (index == null) {
      throw new IllegalArgumentException("field '" + name() + "': '" + symbol + "' is not one of its symbols");
    }
    encode(format, out, index, symbol, protoTag);
  }

  public void writeJson(ByteWriter out, String value) {
    out.write(jsonKey);
    encode(Format.JSON, out, value);
  }

  public void writeAvro(ByteWriter out, String value) {
    encode(Format.AVRO, out, value);
  }

  public void writeBinary(ByteWriter out, String value) {
    encode(Format.BINARY, out, value);
  }

  public void writeProtobuf(ByteWriter out, String value) {
    encode(Format.PROTOBUF, out, value);
  }

  /**
   * Reads a value {@link #writeBinary} wrote: the symbol's index (unsigned LEB128), as an Integer;
   * the symbols are in the manifest.
   */
  public static Integer readBinary(BinaryReader in) {
    long index = in.varint();
    if (index > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("enum index " + index + " is out of range");
    }
    return (int) index;
  }
}
