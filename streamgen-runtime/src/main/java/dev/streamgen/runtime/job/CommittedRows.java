package dev.streamgen.runtime.job;

import dev.streamgen.runtime.source.StreamClock;
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
    return endRow(last.sources()[0]) - startRow(first);
  }

  /** The first row of a run's first batch. */
  static long startRow(StreamingQueryProgress first) {
    String start = first.sources()[0].startOffset();
    // A fresh stream's first batch has no start offset: it starts at row 0.
    return start == null || start.equals("null") ? 0L : row(start);
  }

  /**
   * The stream's timeline (row 0's event time, and on simulated time its wall-clock time and the
   * speed) from a batch's end offset, which always carries it; row 0 now when there is none yet.
   */
  static StreamgenOffset timeline(StreamingQueryProgress progress) {
    String end = progress == null ? null : progress.sources()[0].endOffset();
    return isOffset(end) ? StreamgenOffset.fromJson(end) : new StreamgenOffset(0, StreamClock.SYSTEM.nowMicros());
  }

  /** The row after the last one a batch committed (0 when the progress names no offset yet). */
  static long endRow(SourceProgress source) {
    return isOffset(source.endOffset()) ? row(source.endOffset()) : 0L;
  }

  private static boolean isOffset(String json) {
    return json != null && !json.equals("null");
  }

  /** The row a bounded stream ends before (its source's {@code endRow} metric), or Long.MAX_VALUE. */
  static long endRow(StreamingQueryProgress progress) {
    java.util.Map<String, String> metrics = progress.sources()[0].metrics();
    String end = metrics == null ? null : metrics.get("endRow");
    return end == null ? Long.MAX_VALUE : Long.parseLong(end);
  }

  private static long row(String offsetJson) {
    return StreamgenOffset.fromJson(offsetJson).row();
  }
}
