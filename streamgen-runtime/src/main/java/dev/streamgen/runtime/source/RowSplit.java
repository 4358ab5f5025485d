package dev.streamgen.runtime.source;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * How the rows of a batch or micro-batch are dealt to Spark's input partitions.
 *
 * <p>Without keyed sequences a partition reads a contiguous range. Session machines and change
 * streams put one key's events in one lane (row mod lane count), in row order; Kafka, Kinesis and
 * Event Hubs keep a key's order only per producer, i.e. per task. So when the catalog has lanes, a
 * partition reads whole lanes: with {@code g} the greatest common divisor of the lane counts, row r
 * goes to partition {@code (r mod g) mod P}, which is one partition for every row of any lane
 * (each lane count is a multiple of g). Which partition reads a row never changes what the row holds.
 */
public final class RowSplit implements Serializable {
  private static final long serialVersionUID = 1L;

  /** g, or 0 for contiguous ranges. */
  private final long laneModulus;

  private RowSplit(long laneModulus) {
    this.laneModulus = laneModulus;
  }

  /** The split for a catalog with these lane counts ({@code Catalog.laneCounts}). */
  static RowSplit forLanes(long[] laneCounts) {
    long g = 0;
    for (long count : laneCounts) {
      g = gcd(g, count);
    }
    return new RowSplit(g > 1 ? g : 0);
  }

  /**
   * For the run's report: how a catalog with these lane counts keeps a key's events in one task, or
   * why it cannot; null without lanes.
   */
  public static String keyOrder(long[] laneCounts) {
    if (laneCounts.length == 0) {
      return null;
    }
    long g = forLanes(laneCounts).laneModulus;
    if (g == 0) {
      return "key order: the lane counts of sessions and change streams ("
          + joined(laneCounts)
          + ") share no factor, so one key's events are read by several tasks and a sink may reorder them;"
          + " give concurrencies and pool counts a common factor of at least the partition count (say multiples of 100)";
    }
    return "key order: each session's and change stream key's events are read by one task"
        + " (rows dealt to partitions by lane, row mod " + g + ", so at most " + g + " partitions)";
  }

  private static String joined(long[] counts) {
    StringBuilder b = new StringBuilder();
    for (long c : counts) {
      b.append(b.length() == 0 ? "" : ", ").append(c);
    }
    return b.toString();
  }

  /** g, or 0 when partitions read contiguous ranges. */
  long laneModulus() {
    return laneModulus;
  }

  /**
   * Rows [start, end) as at most {@code partitions} non-empty input partitions whose sizes differ by
   * at most one (contiguous), or by at most one lane's share per g rows (by lane).
   */
  InputPartition[] split(long start, long end, int partitions, long startMicros) {
    long rows = end - start;
    if (rows <= 0) {
      return new InputPartition[0];
    }
    if (laneModulus == 0) {
      return contiguous(start, end, partitions, startMicros);
    }
    int n = (int) Math.max(1, Math.min(Math.min(partitions, rows), laneModulus));
    InputPartition[] out = new InputPartition[n];
    int used = 0;
    for (int k = 0; k < n; k++) {
      RowRangeReader.RowRange part = new RowRangeReader.RowRange(start, end, startMicros, laneModulus, n, k);
      if (part.first() < end) {
        out[used++] = part;
      }
    }
    return used == n ? out : Arrays.copyOf(out, used);
  }

  private static InputPartition[] contiguous(long start, long end, int partitions, long startMicros) {
    long rows = end - start;
    int n = (int) Math.max(1, Math.min(partitions, rows));
    InputPartition[] out = new InputPartition[n];
    long base = rows / n;
    long extra = rows % n;
    long from = start;
    for (int k = 0; k < n; k++) {
      long size = base + (k < extra ? 1 : 0);
      out[k] = new RowRangeReader.RowRange(from, from + size, startMicros, 0, 1, 0);
      from += size;
    }
    return out;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
