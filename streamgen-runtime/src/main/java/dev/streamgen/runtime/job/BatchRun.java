package dev.streamgen.runtime.job;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.TypeCountAccumulator;
import org.apache.spark.sql.SparkSession;

/** A batch run: size the destination, write every row with progress lines, then the summary. */
final class BatchRun {
  private final JobPlan plan;
  private final RunOutput output;

  BatchRun(JobPlan plan, RunOutput output) {
    this.plan = plan;
    this.output = output;
  }

  /** Writes the rows of {@code options} (which carry the run's type counter, {@code counter}). */
  void run(SparkSession session, SourceOptions options, TypeCountAccumulator counter) {
    String provisioned = SinkProvisioning.forBatch(plan, session);
    ProgressReporter progress = new ProgressReporter(output, counter);
    long started = System.nanoTime();
    try (SinkCounts counts = SinkCounts.listen(session)) {
      try (ProgressReporter.Ticker ticker =
          progress.everyIntervalOfBatch(options.rows(), plan.cli().progressIntervalSeconds())) {
        plan.sink().writeBatch(StreamGen.batch(session, options));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      new RunSummary(plan, output)
          .batch(counter, options.rows(), seconds, new RunSummary.SinkReport(provisioned, counts.ofBatchWrites()));
    }
  }
}
