package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;

/**
 * The {@code before} or {@code after} image of a change stream's envelope ({@link ChangeRows}): a
 * struct of the pool's fields, each a {@link RefField} reading the member's row or the image's row,
 * null when the operation has no such image (no before for an insert, no after for a delete, neither
 * for a tombstone). Always
 * wrapped in a {@link NullableField} of ratio 0, which asks {@link #nullValue}: the schemas are a
 * nullable struct's, and so are the encodings.
 *
 * <p>Packed: side (0 before, 1 after), the {@link ChangeRows} word count, its words, then the struct's
 * own words (as {@link StructField} packs them), which {@link StructField#write} writes.
 */
public final class ChangeImageField extends FieldGenerator {
  static final int CODE = 35;

  private final StructField struct;
  private final ChangeRows changes;
  private final boolean before;

  /** @param struct the image's fields, built with this field's name and index */
  public ChangeImageField(StructField struct, ChangeRows changes, boolean before) {
    super(struct.name(), struct.index());
    this.struct = struct;
    this.changes = changes;
    this.before = before;
  }

  @Override
  public String kind() {
    return "struct";
  }

  @Override
  int code() {
    return CODE;
  }

  /** Whether this is the before image (else the after image). */
  public boolean before() {
    return before;
  }

  public ChangeRows changes() {
    return changes;
  }

  public int fieldCount() {
    return struct.fieldCount();
  }

  /** Child {@code i}'s generator (a {@link RefField}). */
  public FieldGenerator field(int i) {
    return struct.field(i);
  }

  @Override
  boolean nullValue(long seed, long row) {
    return isNull(before, ChangeRows.op(changes.words(), 0, seed, row));
  }

  private static boolean isNull(boolean before, char op) {
    return ChangeRows.imageNull(op, before);
  }

  /** Typed writers: {@link StructField#begin}. */
  public int begin(Format format, ByteWriter out) {
    return struct.begin(format, out);
  }

  /** Typed writers: {@link StructField#end}. */
  public void end(Format format, ByteWriter out, int mark) {
    struct.end(format, out, mark);
  }

  @Override
  void pack(Packer p, Format format) {
    p.word(before ? 0 : 1);
    p.word(changes.words().length);
    changes.pack(p);
    struct.pack(p, format);
  }

  /** Where the struct's words start, for the packed image whose constants start at {@code at}. */
  static int structAt(long[] code, int at) {
    return at + 2 + (int) code[at + 1];
  }

  /** Whether the packed image is null for {@code row} ({@link NullableField#isNull} asks). */
  static boolean isNull(long[] code, int at, long seed, long row) {
    return isNull(code[at] == 0, ChangeRows.op(code, at + 2, seed, row));
  }

  static void write(PackedCatalog catalog, long[] code, int at, Format format, long seed, long row, long eventTimeMicros, ByteWriter out) {
    StructField.write(catalog, code, structAt(code, at), format, seed, row, eventTimeMicros, out);
  }
}
