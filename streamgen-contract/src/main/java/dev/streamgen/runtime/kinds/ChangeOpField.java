package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;

/**
 * The {@code op} of a change stream's envelope ({@link ChangeRows#op}): {@code "c"} (insert or
 * re-insert), {@code "u"} (update), {@code "d"} (delete) or, with tombstones, {@code "t"} (the row
 * whose unified payload is null; only the typed API and the per-type columns show it), encoded as a
 * {@code string} in every format.
 *
 * <p>Packed: Protobuf tag, then the {@link ChangeRows} words.
 */
public final class ChangeOpField extends FieldGenerator {
  static final int CODE = 36;
  private static final String[] OPS = {"c", "u", "d", "t"};

  private final ChangeRows changes;
  private final int protoTag;

  public ChangeOpField(String name, int index, ChangeRows changes) {
    super(name, index);
    this.changes = changes;
    this.protoTag = protoTag(ProtobufWriter.WIRE_LENGTH_DELIMITED);
  }

  @Override
  public String kind() {
    return "string";
  }

  @Override
  int code() {
    return CODE;
  }

  public ChangeRows changes() {
    return changes;
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(protoTag);
    changes.pack(p);
  }

  private static String text(char op) {
    return op == 'c' ? OPS[0] : op == 'u' ? OPS[1] : op == 'd' ? OPS[2] : OPS[3];
  }

  public String value(long seed, long row, long eventTimeMicros) {
    return text(changes.op(seed, row));
  }

  public void writeJson(ByteWriter out, String value) {
    out.write(jsonKey);
    RowStrings.write(Format.JSON, out, value, protoTag);
  }

  public void writeAvro(ByteWriter out, String value) {
    RowStrings.write(Format.AVRO, out, value, protoTag);
  }

  public void writeBinary(ByteWriter out, String value) {
    RowStrings.write(Format.BINARY, out, value, protoTag);
  }

  public void writeProtobuf(ByteWriter out, String value) {
    RowStrings.write(Format.PROTOBUF, out, value, protoTag);
  }

  static void write(long[] code, int at, Format format, long seed, long row, ByteWriter out) {
    RowStrings.write(format, out, text(code, at, seed, row), (int) code[at]);
  }

  static String text(long[] code, int at, long seed, long row) {
    return text(ChangeRows.op(code, at + 1, seed, row));
  }
}
