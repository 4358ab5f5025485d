package dev.streamgen.runtime.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.CompositeReadLimit;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadAllAvailable;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.ReportsSourceMetrics;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;

/**
 * The stream: row {@code i} is due once the clock reaches its event time, {@code start + i /
 * rowsPerSecond}. Each micro-batch takes every row due since the last one, so a slow batch is
 * followed by a bigger one and the average never drifts; {@value SourceOptions#MAX_ROWS_PER_BATCH}
 * caps a batch so catching up stays responsive, and due rows are released in steps of {@value
 * SourceOptions#EMIT_INTERVAL_MILLIS} so batches have a useful size whatever the trigger. Offsets are row indexes; the start time is part of
 * every offset, hence of the checkpoint, so a restart continues the sequence and its pace.
 */
final class StreamgenMicroBatchStream
    implements MicroBatchStream, SupportsAdmissionControl, ReportsSourceMetrics {
  private final GenerationPlan plan;
  private final SourceOptions options;
  private final int partitions;
  private final StreamClock clock;
  private StreamgenOffset initial;
  private volatile long lastDue = -1;

  StreamgenMicroBatchStream(GenerationPlan plan, SourceOptions options, int partitions, StreamClock clock) {
    this.plan = plan;
    this.options = options;
    this.partitions = partitions;
    this.clock = clock;
  }

  /** Row 0 at the configured start time, or now; asked for only when the checkpoint has no offset. */
  @Override
  public synchronized Offset initialOffset() {
    if (initial == null) {
      long start = options.startTimeMicros() != null ? options.startTimeMicros() : clock.nowMicros();
      initial = new StreamgenOffset(0, start);
    }
    return initial;
  }

  @Override
  public Offset deserializeOffset(String json) {
    return StreamgenOffset.fromJson(json);
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.maxRows(options.maxRowsPerBatch());
  }

  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException(
        "the streamgen stream supports admission control: Spark calls latestOffset(start, limit)");
  }

  @Override
  public Offset latestOffset(Offset startOffset, ReadLimit limit) {
    StreamgenOffset start = (StreamgenOffset) startOffset;
    long elapsed = clock.nowMicros() - start.startMicros();
    long step = options.emitIntervalMillis() * 1000L;
    if (step > 0 && elapsed > 0) {
      elapsed -= elapsed % step;
    }
    long due = EventTime.rowsDue(elapsed, plan.rowsPerSecond());
    lastDue = due;
    long cap = maxRows(limit);
    long capped = start.row() > Long.MAX_VALUE - cap ? Long.MAX_VALUE : start.row() + cap;
    return start.withRow(Math.max(start.row(), Math.min(due, capped)));
  }

  /** The offset everything due now would reach, for Spark's progress ("latestOffset"). */
  @Override
  public Offset reportLatestOffset() {
    return initial == null || lastDue < 0 ? null : initial.withRow(lastDue);
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    StreamgenOffset from = (StreamgenOffset) start;
    StreamgenOffset to = (StreamgenOffset) end;
    return plan.rowSplit().split(from.row(), to.row(), partitions, from.startMicros());
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new RowRangeReader.Factory(plan);
  }

  /** Shown per source in each StreamingQueryProgress: how far behind the target the stream is. */
  @Override
  public Map<String, String> metrics(Optional<Offset> latestConsumedOffset) {
    Map<String, String> m = new HashMap<>();
    m.put("targetRowsPerSecond", Long.toString(plan.rowsPerSecond()));
    if (latestConsumedOffset.isPresent() && lastDue >= 0) {
      long consumed = ((StreamgenOffset) latestConsumedOffset.get()).row();
      m.put("rowsBehind", Long.toString(Math.max(0, lastDue - consumed)));
    }
    return m;
  }

  @Override
  public void commit(Offset end) {
    // Nothing to release: rows are computed, not buffered.
  }

  @Override
  public void stop() {}

  @Override
  public String toString() {
    return "streamgen[" + plan.catalogClass() + ", " + plan.rowsPerSecond() + " rows/s]";
  }

  private static long maxRows(ReadLimit limit) {
    if (limit instanceof ReadMaxRows) {
      return ((ReadMaxRows) limit).maxRows();
    }
    if (limit instanceof CompositeReadLimit) {
      long cap = Long.MAX_VALUE;
      for (ReadLimit part : ((CompositeReadLimit) limit).getReadLimits()) {
        cap = Math.min(cap, maxRows(part));
      }
      return cap;
    }
    if (limit instanceof ReadAllAvailable) {
      return Long.MAX_VALUE;
    }
    return Long.MAX_VALUE;
  }
}
