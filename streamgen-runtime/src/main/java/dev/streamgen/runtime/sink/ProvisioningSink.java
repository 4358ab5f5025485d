package dev.streamgen.runtime.sink;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A sink whose destination is sized for the load (Kinesis shards). The runtime calls {@link
 * #provision} once before {@link #startStream}, or {@link #provisionBatch} once before {@link
 * #writeBatch}, with a bounded batch sample of the unified stream to measure record sizes from.
 */
public interface ProvisioningSink<O> extends Sink<O> {

  /**
   * Creates or resizes the destination for a stream at {@code targetEventsPerSecond}, as the sink's
   * options ask (for Kinesis: {@code shard_count} or {@code auto_shard_calculation}); does nothing
   * when they ask for nothing. Waits until the destination is ready.
   *
   * @return what it did, for the run's summary (e.g. "kinesis stream 'events': created with 2
   *     shards"), or null when it did nothing
   */
  String provision(O options, double targetEventsPerSecond, Dataset<Row> sample);

  /**
   * As {@link #provision}, for a batch of {@code totalRows}: the sink turns the rows into a rate
   * from the time its options give a batch (for Kinesis: {@code batch_target_seconds}).
   */
  String provisionBatch(O options, long totalRows, Dataset<Row> sample);
}
