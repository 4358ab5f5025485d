package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.settings.KinesisKeys;
import dev.streamgen.runtime.sink.SinkOptions;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a write: validates the options and the input columns, then, on the driver, applies {@code
 * shard_count} if set and checks that the stream exists and the endpoint and credentials work, so
 * mistakes fail before any task starts. ({@code auto_shard_calculation} needs the target rate; the
 * streamgen job applies it through {@link KinesisSink#provision} before the query starts.)
 */
final class KinesisWriteBuilder implements WriteBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisWriteBuilder.class);

  private final LogicalWriteInfo info;
  private final KinesisTable table;

  KinesisWriteBuilder(LogicalWriteInfo info, KinesisTable table) {
    this.info = info;
    this.table = table;
  }

  @Override
  public Write build() {
    KinesisSinkOptions options =
        KinesisSinkOptions.from(SinkOptions.fromDataSource(KinesisKeys.SPEC.type(), info.options()));
    UnifiedColumns columns = UnifiedColumns.of(info.schema());
    try (KinesisStreamProvisioner provisioner = new KinesisStreamProvisioner(options)) {
      if (options.shardCount() > 0) {
        // An explicit count needs no rate: applied here, so format("streamgen-kinesis") honours it.
        LOG.info("{}", provisioner.ensureShards(options.shardCount(), true));
      } else {
        provisioner.checkWritable();
      }
    }
    return new KinesisWrite(options, columns, table);
  }
}
