package dev.streamgen.runtime.job;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.settings.RateShape;
import dev.streamgen.runtime.source.StreamClock;
import dev.streamgen.runtime.source.StreamgenOffset;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.TypeCountAccumulator;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * A streaming run: size the destination for the rate, start the query, print progress every
 * interval (measured from the stream's first row), stop once a bounded stream's last batch is
 * committed (its source ends at the bound's row), then the summary.
 */
final class StreamRun {
  private final JobPlan plan;
  private final RunOutput output;

  StreamRun(JobPlan plan, RunOutput output) {
    this.plan = plan;
    this.output = output;
  }

  /** Streams the rows of {@code options} (which carry the run's type counter, {@code counter}). */
  void run(SparkSession session, SourceOptions options, TypeCountAccumulator counter)
      throws Exception {
    String checkpoint = plan.settings().checkpointLocation();
    if (checkpoint == null) {
      checkpoint = Files.createTempDirectory("streamgen-checkpoint").toString();
      output.report(
          "no streaming_config.checkpoint_location: using "
              + checkpoint
              + " (a restart with it set continues the sequence)");
    }
    String provisioned = SinkProvisioning.forStream(plan, session);
    try (SinkCounts counts = SinkCounts.listen(session)) {
      StreamingQuery query =
          plan.sink().startStream(StreamGen.stream(session, options), checkpoint);
      try {
        watch(query, counter, provisioned, counts);
      } finally {
        query.stop();
      }
    }
    output.report("checkpoint: " + checkpoint);
  }

  private void watch(
      StreamingQuery query, TypeCountAccumulator counter, String provisioned, SinkCounts counts)
      throws Exception {
    ProgressReporter progress = new ProgressReporter(output, counter);
    long intervalNanos = TimeUnit.SECONDS.toNanos(plan.cli().progressIntervalSeconds());
    // A fresh stream's first batch is an empty warm-up; its first row is planned after it.
    while (query.isActive()
        && (query.lastProgress() == null || CommittedRows.endRow(query.lastProgress().sources()[0]) == 0)) {
      query.awaitTermination(50);
    }
    StreamingQueryProgress[] early = query.recentProgress();
    StreamingQueryProgress first = early.length > 0 ? early[0] : null;
    // Time counts from the stream's first row (its event time is when the batch after the warm-up
    // was planned), or for a restarted stream from this run's first batch.
    RateShape rate = plan.settings().rate();
    StreamgenOffset timeline = CommittedRows.timeline(query.lastProgress());
    long origin = timeline.startMicros();
    long firstRow = first == null ? 0L : CommittedRows.startRow(first);
    long runOrigin = firstRow == 0 ? timeline.wallStartMicros() : StreamClock.SYSTEM.nowMicros();
    long endRow = query.lastProgress() == null ? Long.MAX_VALUE : CommittedRows.endRow(query.lastProgress());
    long lastRows = query.lastProgress() == null ? 0L : CommittedRows.endRow(query.lastProgress().sources()[0]);
    long lastTick = System.nanoTime();
    boolean ended = false;
    long committed = lastRows;
    while (query.isActive()) {
      long wait = lastTick + intervalNanos - System.nanoTime();
      if (wait > 0) {
        // Short waits: a bounded stream is stopped as soon as its last batch is committed.
        query.awaitTermination(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(wait))));
      }
      StreamingQueryProgress last = query.lastProgress();
      committed = last == null ? committed : CommittedRows.endRow(last.sources()[0]);
      if (committed >= endRow) {
        ended = true;
        query.stop();
        break;
      }
      long now = System.nanoTime();
      if (now - lastTick >= intervalNanos) {
        // Simulated time: wall seconds since row 0 give speed times as many seconds of event time.
        long wallElapsed = StreamClock.SYSTEM.nowMicros() - timeline.wallStartMicros();
        long elapsed = timeline.eventElapsedMicros(wallElapsed);
        progress.streamLine(
            wallElapsed / 1e6,
            committed,
            Math.min(endRow, rate.rowsDue(origin, elapsed)),
            (committed - lastRows) / ((now - lastTick) / 1e9),
            rate.rowsPerSecondAt(origin, elapsed) * timeline.speed(),
            timeline.simulated() && committed > 0 ? Numbers.instant(rate.micros(origin, committed - 1)) : null,
            plan.catalog());
        lastRows = committed;
        lastTick = now;
      }
    }
    if (query.exception().isDefined()) {
      throw query.exception().get();
    }
    StreamingQueryProgress last = query.lastProgress();
    long confirmedTo = last == null ? firstRow : CommittedRows.endRow(last.sources()[0]);
    double seconds = Math.max(0, StreamClock.SYSTEM.nowMicros() - runOrigin) / 1e6;
    new RunSummary(plan, output)
        .stream(
            counter,
            new RunSummary.Committed(firstRow, confirmedTo, origin, rate, ended ? bound() : null),
            seconds,
            new RunSummary.SinkReport(provisioned, counts.of(query)));
  }

  /** The setting(s) a bounded stream ended at, for the summary. */
  private String bound() {
    StringBuilder b = new StringBuilder();
    if (plan.settings().durationSeconds() > 0) {
      b.append("streaming_config.duration_seconds ").append(plan.settings().durationSeconds());
    }
    if (plan.settings().maxEvents() > 0) {
      b.append(b.length() > 0 ? ", " : "").append("streaming_config.max_events ").append(Numbers.count(plan.settings().maxEvents()));
    }
    return b.toString();
  }
}
