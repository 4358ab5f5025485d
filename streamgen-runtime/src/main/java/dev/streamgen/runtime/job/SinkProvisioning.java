package dev.streamgen.runtime.job;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.source.SourceOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Sizes a provisioning sink's destination (Kinesis shards) before a run writes, from record
 * sizes measured on a small batch of the same events. The sample runs without the run's type
 * counter, so the summary counts only the run's rows.
 */
final class SinkProvisioning {
  /** Rows generated to measure record sizes. */
  static final long SAMPLE_ROWS = 10_000;

  private SinkProvisioning() {}

  /** For a stream at the settings' rate (a shape's peak); what the sink did, or null. */
  static String forStream(JobPlan plan, SparkSession session) {
    if (!plan.sink().provisions()) {
      return null;
    }
    long peak = (long) Math.min(Long.MAX_VALUE, Math.ceil(plan.settings().rate().peakRowsPerSecond()));
    return plan.sink().provision(Math.max(1, peak), sample(plan, session));
  }

  /** For a batch of the settings' rows; what the sink did, or null. */
  static String forBatch(JobPlan plan, SparkSession session) {
    if (!plan.sink().provisions()) {
      return null;
    }
    return plan.sink().provisionBatch(plan.settings().batchRows(), sample(plan, session));
  }

  private static Dataset<Row> sample(JobPlan plan, SparkSession session) {
    SourceOptions options = plan.sourceOptions().toBuilder().rows(SAMPLE_ROWS).partitions(1).build();
    return StreamGen.batch(session, options);
  }
}
