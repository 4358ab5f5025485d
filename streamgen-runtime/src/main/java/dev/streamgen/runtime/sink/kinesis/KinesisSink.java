package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.ProvisioningSink;
import dev.streamgen.runtime.sink.SinkOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sink_config.type: kinesis}. Writes through {@code format("streamgen-kinesis")}, which
 * validates the options and applies {@code shard_count} when the write is planned; {@link
 * #provision} and {@link #provisionBatch}, called by the runtime with the target rate or the batch's
 * rows, apply {@code auto_shard_calculation}.
 */
public final class KinesisSink implements ProvisioningSink {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisSink.class);

  @Override
  public void validate(SinkOptions options) {
    KinesisSinkOptions.parse(options.asMap());
  }

  /** Kinesis records have no headers: protobuf payloads travel in StreamgenEnvelope. */
  @Override
  public boolean carriesEventType() {
    return false;
  }

  @Override
  public String destination(SinkOptions options) {
    KinesisSinkOptions o = KinesisSinkOptions.parse(options.asMap());
    return "Kinesis stream '" + o.streamName() + "' at " + o.destination();
  }

  @Override
  public String provision(SinkOptions options, double targetEventsPerSecond, Dataset<Row> sample) {
    KinesisSinkOptions o = KinesisSinkOptions.parse(options.asMap());
    if (!o.autoShardCalculation() && o.shardCount() == 0) {
      return null;
    }
    double averageBytes =
        o.autoShardCalculation() ? KinesisStreamProvisioner.averageRecordBytes(sample) : 0;
    try (KinesisStreamProvisioner p = new KinesisStreamProvisioner(o)) {
      return report(p.provision(targetEventsPerSecond, averageBytes));
    }
  }

  /**
   * {@code auto_shard_calculation} for a batch: the rate that writes {@code totalRows} in {@code
   * batch_target_seconds}, at most {@link ShardMath#BATCH_SHARD_LIMIT} shards.
   */
  @Override
  public String provisionBatch(SinkOptions options, long totalRows, Dataset<Row> sample) {
    KinesisSinkOptions o = KinesisSinkOptions.parse(options.asMap());
    if (!o.autoShardCalculation() && o.shardCount() == 0) {
      return null;
    }
    double averageBytes =
        o.autoShardCalculation() ? KinesisStreamProvisioner.averageRecordBytes(sample) : 0;
    try (KinesisStreamProvisioner p = new KinesisStreamProvisioner(o)) {
      return report(p.provisionBatch(totalRows, averageBytes));
    }
  }

  private static String report(KinesisStreamProvisioner.Result result) {
    LOG.info("{}", result);
    return result.toString();
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    validate(options);
    unified.write()
        .format(KinesisSinkProvider.SHORT_NAME)
        .options(sparkOptions(options))
        .mode(SaveMode.Append)
        .save();
  }

  @Override
  public StreamingQuery startStream(
      Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    validate(options);
    return unified.writeStream()
        .format(KinesisSinkProvider.SHORT_NAME)
        .options(sparkOptions(options))
        .option("checkpointLocation", checkpointLocation)
        .start();
  }

  private static Map<String, String> sparkOptions(SinkOptions options) {
    Map<String, String> m = new HashMap<>(options.asMap());
    m.remove("type");
    return m;
  }
}
