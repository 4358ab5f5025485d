package dev.streamgen.runtime.source;

import dev.streamgen.runtime.settings.RateShape;
import java.util.HashMap;
import java.util.Locale;
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
 * The stream: row {@code i} is due once the clock reaches its event time ({@code start + i /
 * rowsPerSecond}, or the inverse of a rate shape's row count, {@link RateShape}). Each micro-batch takes every row due since the last one, so a slow batch is
 * followed by a bigger one and the average never drifts; {@value SourceOptions#MAX_ROWS_PER_BATCH}
 * caps a batch so catching up stays responsive, and due rows are released in steps of {@value
 * SourceOptions#EMIT_INTERVAL_MILLIS} so batches have a useful size whatever the trigger. Offsets are row indexes; the start time is part of
 * every offset, hence of the checkpoint, so a restart continues the sequence and its pace.
 *
 * <p>Exact start: a fresh stream's first micro-batch is empty (Spark runs a first batch even when
 * the latest offset is the initial one), so Spark, the sink and the generated code warm up before
 * any row is due; row 0 happens when the next batch is planned, and every batch after takes what
 * fell due since. While no row has been emitted the origin is not fixed yet, so this needs no
 * state: any plan from row 0 (not configured with a start time) sets the origin to now. A
 * bound ({@value SourceOptions#MAX_ROWS}, {@value SourceOptions#DURATION_SECONDS} of event time)
 * is an end row: no offset goes past it, so the last batch ends exactly there.
 *
 * <p>Simulated time ({@value SourceOptions#SPEED}): row 0's event time is {@value
 * SourceOptions#START_TIME_MICROS} (or now), but it is emitted when the batch after the warm-up is
 * planned, like a fresh real-time stream's; row {@code i} is due once the wall clock has run
 * {@code (eventTime(i) - start) / speed} past that. Both origins and the speed are in every offset.
 */
final class StreamgenMicroBatchStream
    implements MicroBatchStream, SupportsAdmissionControl, ReportsSourceMetrics {
  private final GenerationPlan plan;
  private final SourceOptions options;
  private final int partitions;
  private final StreamClock clock;
  private final RateShape rate;
  private StreamgenOffset initial;
  /** Whether this stream already let a fresh stream's empty warm-up batch through. */
  private boolean warmedUp;
  private long endRowFor = Long.MIN_VALUE;
  private long endRow = Long.MAX_VALUE;
  private volatile long lastDue = -1;

  StreamgenMicroBatchStream(GenerationPlan plan, SourceOptions options, int partitions, StreamClock clock) {
    this.plan = plan;
    this.options = options;
    this.partitions = partitions;
    this.clock = clock;
    this.rate = plan.rate();
  }

  /**
   * Row 0 at the configured start time, or now; asked for only when the checkpoint has no offset.
   * Without a configured start, or with simulated time, the first {@link #latestOffset(Offset,
   * ReadLimit)} after the warm-up moves row 0 (its wall-clock time) to its own time.
   */
  @Override
  public synchronized Offset initialOffset() {
    if (initial == null) {
      initial = timelineFromNow();
    }
    return initial;
  }

  /** Row 0 now on the wall clock, at the configured start time (or now) in event time. */
  private StreamgenOffset timelineFromNow() {
    long now = clock.nowMicros();
    long start = options.startTimeMicros() != null ? options.startTimeMicros() : now;
    return options.speed() == null
        ? new StreamgenOffset(0, start)
        : new StreamgenOffset(0, start, now, options.speed());
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
  public synchronized Offset latestOffset(Offset startOffset, ReadLimit limit) {
    StreamgenOffset start = StreamgenOffset.of(startOffset);
    if (start.row() == 0 && (options.startTimeMicros() == null || options.speed() != null)) {
      if (!warmedUp) {
        // The first plan: an empty batch. Cold, Spark and the sink can take tens of seconds over
        // a first batch; rows due meanwhile would all land in one burst after it.
        warmedUp = true;
        return start;
      }
      // Nothing emitted yet: row 0 happens now, with Spark ready.
      initial = timelineFromNow();
      start = initial;
    }
    long elapsed = clock.nowMicros() - start.wallStartMicros();
    long step = options.emitIntervalMillis() * 1000L;
    if (step > 0 && elapsed > 0) {
      elapsed -= elapsed % step;
    }
    long eventElapsed = start.eventElapsedMicros(elapsed);
    long due = Math.min(rate.rowsDue(start.startMicros(), eventElapsed), endRow(start.startMicros()));
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
    StreamgenOffset from = StreamgenOffset.of(start);
    StreamgenOffset to = StreamgenOffset.of(end);
    if (to.row() == 0) {
      // The warm-up batch: empty partitions, so tasks still run (readers load the catalog, the
      // sink's writers and commit run) before the first row is due.
      InputPartition[] warmUp = new InputPartition[partitions];
      for (int k = 0; k < partitions; k++) {
        warmUp[k] = new RowRangeReader.RowRange(0, 0, to.startMicros(), 0, 1, 0);
      }
      return warmUp;
    }
    // The end offset's origin: on a re-run of a fresh stream's first batch, Spark passes a new
    // initial offset as the start, while the end comes from the offset log.
    return plan.rowSplit().split(from.row(), to.row(), partitions, to.startMicros());
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new RowRangeReader.Factory(plan);
  }

  /** Shown per source in each StreamingQueryProgress: how far behind the target the stream is. */
  @Override
  public Map<String, String> metrics(Optional<Offset> latestConsumedOffset) {
    Map<String, String> m = new HashMap<>();
    StreamgenOffset origin = initial;
    if (latestConsumedOffset.isPresent()) {
      origin = StreamgenOffset.of(latestConsumedOffset.get());
    }
    // Rows per wall-clock second: a simulated stream at speed 60 emits a minute's rows each second.
    double target =
        origin == null
            ? rate.peakRowsPerSecond() * (options.speed() == null ? 1 : options.speed())
            : rate.rowsPerSecondAt(
                    origin.startMicros(), origin.eventElapsedMicros(clock.nowMicros() - origin.wallStartMicros()))
                * origin.speed();
    m.put("targetRowsPerSecond", rowsPerSecond(target));
    if (origin != null && endRow(origin.startMicros()) != Long.MAX_VALUE) {
      m.put("endRow", Long.toString(endRow(origin.startMicros())));
    }
    if (latestConsumedOffset.isPresent() && lastDue >= 0) {
      long consumed = origin.row();
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
    return "streamgen[" + plan.catalogClass() + ", " + (rate.isConstant() ? rate + " rows/s]" : "rate " + rate + "]");
  }

  /** Whole rates as whole numbers ("1000"), others with up to three decimals. */
  static String rowsPerSecond(double rate) {
    return rate == Math.rint(rate) && rate < 9e15
        ? Long.toString((long) rate)
        : String.format(Locale.ROOT, "%.3f", rate);
  }

  /**
   * The row a bounded stream ends before: at most {@value SourceOptions#MAX_ROWS}, and only rows
   * whose event time is within {@value SourceOptions#DURATION_SECONDS} of row 0; else
   * {@code Long.MAX_VALUE}.
   */
  synchronized long endRow(long startMicros) {
    if (startMicros != endRowFor) {
      endRow = plan.endRow(startMicros);
      endRowFor = startMicros;
    }
    return endRow;
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
