package dev.streamgen.runtime.kinds;

/**
 * A row of a change stream's images ({@link ChangeRows}): the member a change is about (the key and
 * the fields that never change are read there), or the row the updated fields of its before or after
 * image are drawn at.
 *
 * <p>Packed: the mode, then the {@link ChangeRows} words.
 */
public final class ChangeRowSource extends RowSource {
  private static final long serialVersionUID = 1L;
  static final int CODE = 34;

  /** What the source gives. */
  public enum Mode {
    /** The member's index: its stable attributes. */
    MEMBER,
    /** The virtual row of the updated fields before the change. */
    BEFORE,
    /** The virtual row of the updated fields after the change. */
    AFTER
  }

  private final ChangeRows changes;
  private final Mode mode;

  public ChangeRowSource(ChangeRows changes, Mode mode) {
    this.changes = changes;
    this.mode = mode;
  }

  public ChangeRows changes() {
    return changes;
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public long sourceRow(long seed, long row) {
    return sourceRow(mode.ordinal(), changes.words(), 0, seed, row);
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p) {
    p.word(mode.ordinal());
    changes.pack(p);
  }

  static long sourceRow(long[] code, int at, long seed, long row) {
    return sourceRow((int) code[at], code, at + 1, seed, row);
  }

  private static long sourceRow(int mode, long[] c, int at, long seed, long row) {
    switch (mode) {
      case 0:
        return ChangeRows.member(c, at, seed, row);
      case 1:
        return ChangeRows.beforeImageRow(c, at, seed, row);
      default:
        return ChangeRows.imageRow(c, at, seed, row);
    }
  }
}
