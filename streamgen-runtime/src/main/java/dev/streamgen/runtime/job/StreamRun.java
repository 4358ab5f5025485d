package dev.streamgen.runtime.job;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.TypeCountAccumulator;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * A streaming run: size the destination for the rate, start the query, print progress every
 * interval, stop on a batch boundary when the duration is up, then the summary.
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
    // The duration counts from the first completed micro-batch: Spark's start-up is not streaming.
    while (query.isActive() && query.lastProgress() == null) {
      query.awaitTermination(50);
    }
    StreamingQueryProgress[] early = query.recentProgress();
    StreamingQueryProgress first = early.length > 0 ? early[0] : null;
    long started = System.nanoTime();
    long duration = plan.settings().durationSeconds();
    long deadline = duration > 0 ? started + TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
    long lastRows = counter.total();
    long lastTick = started;
    while (query.isActive()) {
      long now = System.nanoTime();
      long wait = Math.min(lastTick + intervalNanos, deadline) - now;
      if (wait > 0) {
        query.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
      }
      now = System.nanoTime();
      if (now >= deadline) {
        stopAfterCurrentBatch(query);
        break;
      }
      if (now - lastTick >= intervalNanos) {
        long rows = counter.total();
        progress.streamLine(
            (now - started) / 1e9,
            rows,
            (rows - lastRows) / ((now - lastTick) / 1e9),
            plan.settings().rowsPerSecond(),
            plan.catalog());
        lastRows = rows;
        lastTick = now;
      }
    }
    if (query.exception().isDefined()) {
      throw query.exception().get();
    }
    StreamingQueryProgress last = query.lastProgress();
    long confirmed = first == null || last == null ? 0L : CommittedRows.between(first, last);
    double seconds = (System.nanoTime() - started) / 1e9;
    new RunSummary(plan, output)
        .stream(counter, confirmed, seconds, new RunSummary.SinkReport(provisioned, counts.of(query)));
  }

  /**
   * Stops once the micro-batch in flight (if any) has committed, so a timed run ends on a batch
   * boundary instead of discarding work; gives up waiting after a minute. Waits for that batch's
   * progress, not for the trigger to go idle: a stream catching up starts the next batch at once,
   * so the trigger may never be seen idle.
   */
  private static void stopAfterCurrentBatch(StreamingQuery query) throws Exception {
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    long lastCompleted = lastBatchId(query);
    while (query.isActive()
        && query.status().isTriggerActive()
        && lastBatchId(query) == lastCompleted
        && System.nanoTime() < giveUp) {
      query.awaitTermination(20);
    }
    query.stop();
  }

  private static long lastBatchId(StreamingQuery query) {
    StreamingQueryProgress last = query.lastProgress();
    return last == null ? -1 : last.batchId();
  }
}
