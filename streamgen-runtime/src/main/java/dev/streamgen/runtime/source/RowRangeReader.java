package dev.streamgen.runtime.source;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * The executor side of the source: an input partition is a set of row indexes ({@link RowSplit}),
 * the factory carries the {@link GenerationPlan}, and the reader walks the rows in order calling the
 * generated kernels. Which rows a partition holds never changes what a row contains, so output is
 * the same for any partition count.
 */
final class RowRangeReader implements PartitionReader<InternalRow> {
  private final EventRowWriter writer;
  private final RowRange range;
  private final long startMicros;
  private long next;
  private InternalRow current;

  private RowRangeReader(EventRowWriter writer, RowRange range) {
    this.writer = writer;
    this.range = range;
    this.next = range.first();
    this.startMicros = range.startMicros();
  }

  @Override
  public boolean next() {
    while (next < range.end()) {
      current = writer.write(next, startMicros);
      next = range.after(next);
      if (current != null) {
        return true; // null: dropped on purpose (Faults)
      }
    }
    return false;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {
    writer.flushTypeCounts();
  }

  /**
   * The rows of [start, end) one partition reads, in increasing order, with the event-time origin of
   * the run they belong to: all of them ({@code lanes} = 0), or those whose lane {@code r mod lanes}
   * is {@code part} modulo {@code parts} ({@link RowSplit}).
   */
  static final class RowRange implements InputPartition {
    private static final long serialVersionUID = 1L;

    private final long start;
    private final long end;
    private final long startMicros;
    private final long lanes;
    private final int parts;
    private final int part;

    RowRange(long start, long end, long startMicros, long lanes, int parts, int part) {
      this.start = start;
      this.end = end;
      this.startMicros = startMicros;
      this.lanes = lanes;
      this.parts = parts;
      this.part = part;
    }

    long end() {
      return end;
    }

    long startMicros() {
      return startMicros;
    }

    /** The first row this partition reads; {@code >= end} when it reads none. */
    long first() {
      if (lanes == 0) {
        return start;
      }
      long lane = start % lanes;
      long ahead = Math.floorMod(part - lane, (long) parts);
      return lane + ahead < lanes ? start + ahead : start - lane + lanes + part;
    }

    /** The row this partition reads after {@code row} (which it reads); {@code >= end} at the end. */
    long after(long row) {
      if (lanes == 0) {
        return row + 1;
      }
      long lane = row % lanes;
      return lane + parts < lanes ? row + parts : row - lane + lanes + part;
    }

    @Override
    public String toString() {
      return lanes == 0
          ? "rows [" + start + ", " + end + ")"
          : "rows [" + start + ", " + end + ") of lanes " + part + " mod " + parts + " (of " + lanes + ")";
    }
  }

  /** Creates readers on executors; serialized once per task with the plan. */
  static final class Factory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final GenerationPlan plan;

    Factory(GenerationPlan plan) {
      this.plan = plan;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new RowRangeReader(new EventRowWriter(plan), (RowRange) partition);
    }
  }
}
