package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;

/**
 * {@code ref: <pool>.<field>} or {@code ref: <event_type_id>.<field>}: the value another row has in
 * a field, the row given by a {@link RowSource} (a pool member, or a row another type emitted). The
 * target is the referenced field's own generator (its salt, parameters and null draw), built with
 * this field's name and position, so it writes this field's JSON key and Protobuf tag and draws
 * exactly the value the referenced row has. Encoded as the target's kind in every format.
 *
 * <p>Packed: the offset of the target from the first word, the source's words, then the target as
 * a whole packed field without a JSON key (the reference's head wrote it).
 */
public final class RefField extends FieldGenerator {
  private final RowSource source;
  private final FieldGenerator target;

  /** @param target the referenced field's generator, built with this field's name and index */
  public RefField(RowSource source, FieldGenerator target) {
    super(target.name(), target.index());
    this.source = source;
    this.target = target;
  }

  /** Where the value is read. */
  public RowSource source() {
    return source;
  }

  /** The referenced field's generator (a nullable one's {@link NullableField}). */
  public FieldGenerator target() {
    return target;
  }

  /** The row whose target value row {@code row} has (in a run without end). */
  public long sourceRow(long seed, long row) {
    return source.sourceRow(seed, row);
  }

  @Override
  public String kind() {
    return "ref";
  }

  @Override
  int code() {
    return source.code();
  }

  @Override
  void pack(Packer p, Format format) {
    int offset = p.word(0);
    source.pack(p);
    p.set(offset, p.words() - offset);
    PackedCatalog.packField(p, target, format, new byte[0]);
  }

  static boolean isRef(int kind) {
    return kind == MemberPick.CODE || kind == EmittedRows.CODE || kind == ChangeRowSource.CODE
        || kind == SessionRowSource.CODE;
  }

  /**
   * The source row of the packed reference of kind code {@code kind} whose constants start at {@code
   * at}, in a run that ends before row {@code endRow}.
   */
  static long sourceRow(int kind, long[] code, int at, long seed, long row, long endRow) {
    switch (kind) {
      case MemberPick.CODE:
        return MemberPick.sourceRow(code, at + 1, seed, row);
      case ChangeRowSource.CODE:
        return ChangeRowSource.sourceRow(code, at + 1, seed, row);
      case SessionRowSource.CODE:
        return SessionRowSource.sourceRow(code, at + 1, seed, row);
      default:
        return EmittedRows.sourceRow(code, at + 1, seed, row, endRow);
    }
  }

  /** Writes the packed reference whose constants start at {@code at} (its JSON key was written). */
  static void write(PackedCatalog catalog, int kind, long[] code, int at, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    catalog.writeField(code, at + (int) code[at], format, seed, sourceRow(kind, code, at, seed, row, catalog.endRow()), eventTimeMicros, out);
  }

  static String text(PackedCatalog catalog, int kind, long[] code, int at, long seed, long row, long eventTimeMicros) {
    return catalog.textAt(at + (int) code[at], seed, sourceRow(kind, code, at, seed, row, catalog.endRow()), eventTimeMicros);
  }
}
