package dev.streamgen.runtime.source;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * The executor side of the source: an input partition is a half-open range of row indexes, the
 * factory carries the {@link GenerationPlan}, and the reader walks the range calling the generated
 * kernels. Which rows a partition holds never changes what a row contains, so output is the same
 * for any partition count.
 */
final class RowRangeReader implements PartitionReader<InternalRow> {
  private final EventRowWriter writer;
  private final long end;
  private final long startMicros;
  private long next;
  private InternalRow current;

  private RowRangeReader(EventRowWriter writer, RowRange range) {
    this.writer = writer;
    this.next = range.start();
    this.end = range.end();
    this.startMicros = range.startMicros();
  }

  @Override
  public boolean next() {
    if (next >= end) {
      return false;
    }
    current = writer.write(next, startMicros);
    next++;
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {
    writer.flushTypeCounts();
  }

  /** Rows [start, end), with the event-time origin of the run they belong to. */
  static final class RowRange implements InputPartition {
    private static final long serialVersionUID = 1L;

    private final long start;
    private final long end;
    private final long startMicros;

    RowRange(long start, long end, long startMicros) {
      this.start = start;
      this.end = end;
      this.startMicros = startMicros;
    }

    long start() {
      return start;
    }

    long end() {
      return end;
    }

    long startMicros() {
      return startMicros;
    }

    /**
     * Splits rows [start, end) into at most {@code partitions} contiguous ranges whose sizes differ by
     * at most one; no range is empty.
     */
    static InputPartition[] split(long start, long end, int partitions, long startMicros) {
      long rows = end - start;
      int n = (int) Math.max(1, Math.min(partitions, rows));
      if (rows <= 0) {
        return new InputPartition[0];
      }
      InputPartition[] out = new InputPartition[n];
      long base = rows / n;
      long extra = rows % n;
      long from = start;
      for (int k = 0; k < n; k++) {
        long size = base + (k < extra ? 1 : 0);
        out[k] = new RowRange(from, from + size, startMicros);
        from += size;
      }
      return out;
    }

    @Override
    public String toString() {
      return "rows [" + start + ", " + end + ")";
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
