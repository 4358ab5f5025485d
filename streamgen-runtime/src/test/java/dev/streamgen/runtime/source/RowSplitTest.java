package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.read.InputPartition;
import org.junit.jupiter.api.Test;

/**
 * Every row of a range is read by exactly one partition, in increasing order; with lanes, every row
 * of one lane (of each lane count) by the same partition.
 */
class RowSplitTest {

  @Test
  void withoutLanesPartitionsReadContiguousRangesOfNearlyEqualSize() {
    List<List<Long>> parts = read(RowSplit.forLanes(new long[0]), 10, 27, 4);
    assertThat(parts).containsExactly(rows(10, 15), rows(15, 19), rows(19, 23), rows(23, 27));
  }

  @Test
  void withLanesEveryLaneOfEveryCountIsReadByOnePartition() {
    long[] counts = {500, 1_000, 250};
    RowSplit split = RowSplit.forLanes(counts);
    assertThat(split.laneModulus()).isEqualTo(250);
    // Ranges starting and ending mid-lane-block, as micro-batches do.
    long[][] ranges = {{0, 10_000}, {123, 7_777}, {249, 251}, {9_999, 10_000}, {1_000, 1_250}};
    for (long[] range : ranges) {
      for (int partitions : new int[] {1, 2, 3, 7, 250, 400}) {
        List<List<Long>> parts = read(split, range[0], range[1], partitions);
        assertEveryRowOnce(parts, range[0], range[1]);
        for (long count : counts) {
          Map<Long, Integer> partOfLane = new HashMap<>();
          for (int p = 0; p < parts.size(); p++) {
            for (long row : parts.get(p)) {
              Integer before = partOfLane.putIfAbsent(row % count, p);
              assertThat(before == null ? p : before)
                  .as("lane %d of %d, rows %s, %d partitions", row % count, count, List.of(range[0], range[1]), partitions)
                  .isEqualTo(p);
            }
          }
        }
      }
    }
  }

  @Test
  void withLanesPartitionSizesDifferByAtMostOneLanesShare() {
    List<List<Long>> parts = read(RowSplit.forLanes(new long[] {100}), 0, 100_000, 3);
    // Lanes 0..99 dealt mod 3: 34, 33 and 33 lanes of 1,000 rows each.
    assertThat(parts).extracting(List::size).containsExactly(34_000, 33_000, 33_000);
  }

  @Test
  void lanesFewerThanPartitionsLimitThePartitions() {
    assertThat(RowSplit.forLanes(new long[] {4}).split(0, 1_000, 8, 0)).hasSize(4);
  }

  @Test
  void countsWithoutACommonFactorFallBackToRangesAndSaySo() {
    long[] counts = {500, 4_999};
    assertThat(RowSplit.forLanes(counts).laneModulus()).isZero();
    assertThat(RowSplit.keyOrder(counts)).contains("(500, 4999) share no factor");
    assertThat(RowSplit.keyOrder(new long[] {500, 1_000})).contains("row mod 500");
    assertThat(RowSplit.keyOrder(new long[0])).isNull();
  }

  private static void assertEveryRowOnce(List<List<Long>> parts, long start, long end) {
    List<Long> all = new ArrayList<>();
    for (List<Long> part : parts) {
      assertThat(part).isNotEmpty().isSorted();
      all.addAll(part);
    }
    all.sort(null);
    assertThat(all).isEqualTo(rows(start, end));
  }

  private static List<List<Long>> read(RowSplit split, long start, long end, int partitions) {
    List<List<Long>> parts = new ArrayList<>();
    for (InputPartition p : split.split(start, end, partitions, 0)) {
      RowRangeReader.RowRange range = (RowRangeReader.RowRange) p;
      List<Long> rows = new ArrayList<>();
      for (long r = range.first(); r < range.end(); r = range.after(r)) {
        rows.add(r);
      }
      parts.add(rows);
    }
    return parts;
  }

  private static List<Long> rows(long start, long end) {
    List<Long> rows = new ArrayList<>();
    for (long r = start; r < end; r++) {
      rows.add(r);
    }
    return rows;
  }
}
