package dev.streamgen.runtime.sink.kinesis;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;

/** A planned write to one Kinesis stream, batch or streaming. */
final class KinesisWrite implements Write {
  private final KinesisSinkOptions options;
  private final UnifiedColumns columns;
  private final KinesisTable table;

  KinesisWrite(KinesisSinkOptions options, UnifiedColumns columns, KinesisTable table) {
    this.options = options;
    this.columns = columns;
    this.table = table;
  }

  @Override
  public String description() {
    // Shown in plans and the UI: no credentials.
    return "Kinesis stream '" + options.streamName() + "' at " + options.destination();
  }

  @Override
  public BatchWrite toBatch() {
    return new KinesisBatchWrite(options, columns);
  }

  @Override
  public StreamingWrite toStreaming() {
    return new KinesisStreamingWrite(options, columns, table);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return KinesisCustomMetrics.supported();
  }
}
