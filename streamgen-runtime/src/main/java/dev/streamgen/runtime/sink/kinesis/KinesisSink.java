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
 * {@code sink_config.type: kinesis}. Writes through {@code format("streamgen-kinesis")}; with
 * {@code shard_count} it sizes the stream before writing, and {@link #provision} (called by the
 * runtime with the target rate) handles {@code auto_shard_calculation}.
 */
public final class KinesisSink implements ProvisioningSink {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisSink.class);

  @Override
  public void provision(SinkOptions options, double targetEventsPerSecond, Dataset<Row> sample) {
    KinesisSinkOptions o = KinesisSinkOptions.parse(options.asMap());
    if (!o.autoShardCalculation() && o.shardCount() == 0) {
      return;
    }
    double averageBytes =
        o.autoShardCalculation() ? KinesisStreamProvisioner.averageRecordBytes(sample) : 0;
    try (KinesisStreamProvisioner p = new KinesisStreamProvisioner(o)) {
      LOG.info("{}", p.provision(targetEventsPerSecond, averageBytes));
    }
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    applyShardCount(options);
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
    applyShardCount(options);
    return unified.writeStream()
        .format(KinesisSinkProvider.SHORT_NAME)
        .options(sparkOptions(options))
        .option("checkpointLocation", checkpointLocation)
        .start();
  }

  /** An explicit shard_count needs no rate, so it is applied even if provision was not called. */
  private static void applyShardCount(SinkOptions options) {
    KinesisSinkOptions o = KinesisSinkOptions.parse(options.asMap());
    if (o.shardCount() > 0) {
      try (KinesisStreamProvisioner p = new KinesisStreamProvisioner(o)) {
        LOG.info("{}", p.ensureShards(o.shardCount(), true));
      }
    }
  }

  private static Map<String, String> sparkOptions(SinkOptions options) {
    Map<String, String> m = new HashMap<>(options.asMap());
    m.remove("type");
    return m;
  }
}
