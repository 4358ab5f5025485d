package dev.streamgen.runtime.kinds;

/**
 * Where a {@link RefField} reads its value: the row (a pool member's index, or a row another event
 * type emitted) whose target value the referring row writes. A pure function of (seed, row).
 */
public abstract class RowSource implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  RowSource() {}

  /** The row whose target value row {@code row} writes. */
  public abstract long sourceRow(long seed, long row);

  /** The packed kind code of a {@link RefField} reading this source. */
  abstract int code();

  /** Appends the words {@link RefField#write} passes back to this kind's static {@code sourceRow}. */
  abstract void pack(Packer p);
}
