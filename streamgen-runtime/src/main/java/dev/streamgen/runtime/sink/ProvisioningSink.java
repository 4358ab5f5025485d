package dev.streamgen.runtime.sink;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A sink whose destination is sized for the rate (Kinesis shards). The runtime calls {@link
 * #provision} once before {@link #writeBatch} or {@link #startStream}, with the run's target rate
 * and a bounded batch sample of the unified stream to measure record sizes from.
 */
public interface ProvisioningSink<O> extends Sink<O> {

  /**
   * Creates or resizes the destination for {@code targetEventsPerSecond}, as the sink's options ask
   * (for Kinesis: {@code shard_count} or {@code auto_shard_calculation}); does nothing when they
   * ask for nothing. Waits until the destination is ready.
   */
  void provision(O options, double targetEventsPerSecond, Dataset<Row> sample);
}
