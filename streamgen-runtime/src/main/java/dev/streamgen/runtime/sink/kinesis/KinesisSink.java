package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.ProvisioningSink;
import dev.streamgen.runtime.sink.SinkOptions;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sink_config.type: kinesis}. Writes through {@code format("streamgen-kinesis")}, which
 * applies {@code shard_count} when the write is planned; {@link #provision} and {@link
 * #provisionBatch}, called by the runtime with the target rate or the batch's rows, apply {@code
 * auto_shard_calculation}.
 */
public final class KinesisSink implements ProvisioningSink<KinesisSinkOptions> {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisSink.class);

  @Override
  public KinesisSinkOptions options(SinkOptions options) {
    return KinesisSinkOptions.from(options);
  }

  /** Kinesis records have no headers: protobuf payloads travel in StreamgenEnvelope. */
  @Override
  public boolean carriesEventType() {
    return false;
  }

  @Override
  public String destination(KinesisSinkOptions o) {
    return "Kinesis stream '" + o.streamName() + "' at " + o.destination();
  }

  @Override
  public String provision(KinesisSinkOptions o, double targetEventsPerSecond, Dataset<Row> sample) {
    return provisionWith(o, sample, (p, averageBytes) -> p.provision(targetEventsPerSecond, averageBytes));
  }

  /**
   * {@code auto_shard_calculation} for a batch: the rate that writes {@code totalRows} in {@code
   * batch_target_seconds}, at most {@link ShardMath#BATCH_SHARD_LIMIT} shards.
   */
  @Override
  public String provisionBatch(KinesisSinkOptions o, long totalRows, Dataset<Row> sample) {
    return provisionWith(o, sample, (p, averageBytes) -> p.provisionBatch(totalRows, averageBytes));
  }

  /** Runs {@code sizing} when the options ask for a shard count, with the sample's record size. */
  private static String provisionWith(
      KinesisSinkOptions o,
      Dataset<Row> sample,
      BiFunction<KinesisStreamProvisioner, Double, KinesisStreamProvisioner.Result> sizing) {
    if (!o.autoShardCalculation() && o.shardCount() == 0) {
      return null;
    }
    double averageBytes =
        o.autoShardCalculation() ? KinesisStreamProvisioner.averageRecordBytes(sample) : 0;
    try (KinesisStreamProvisioner p = new KinesisStreamProvisioner(o)) {
      KinesisStreamProvisioner.Result result = sizing.apply(p, averageBytes);
      LOG.info("{}", result);
      return result.toString();
    }
  }

  @Override
  public void writeBatch(Dataset<Row> unified, KinesisSinkOptions o) {
    unified.write()
        .format(KinesisSinkProvider.SHORT_NAME)
        .options(o.dataSourceOptions())
        .mode(SaveMode.Append)
        .save();
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, KinesisSinkOptions o, String checkpointLocation)
      throws TimeoutException {
    return unified.writeStream()
        .format(KinesisSinkProvider.SHORT_NAME)
        .options(o.dataSourceOptions())
        .option("checkpointLocation", checkpointLocation)
        .start();
  }
}
