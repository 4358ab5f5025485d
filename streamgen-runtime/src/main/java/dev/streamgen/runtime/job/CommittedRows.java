package dev.streamgen.runtime.job;

import dev.streamgen.runtime.source.StreamgenOffset;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Rows a streaming run committed, read from the offsets of its completed micro-batches. Task-side
 * counters cannot give this: a batch that a timed stop interrupts has already counted rows that
 * the sink never committed.
 */
final class CommittedRows {
  private CommittedRows() {}

  /** Rows from the start of {@code first} to the end of {@code last} (both of the same query). */
  static long between(StreamingQueryProgress first, StreamingQueryProgress last) {
    return row(last.sources()[0].endOffset()) - startRow(first.sources()[0]);
  }

  private static long startRow(SourceProgress source) {
    String start = source.startOffset();
    // A fresh stream's first batch has no start offset: it starts at row 0.
    return start == null || start.equals("null") ? 0L : row(start);
  }

  private static long row(String offsetJson) {
    return StreamgenOffset.fromJson(offsetJson).row();
  }
}
