package dev.streamgen.runtime.sink;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/** {@code sink_config.type: noop}: generates and discards, to measure generation alone. */
final class NoopSink implements Sink<SinkOptions> {

  @Override
  public SinkOptions options(SinkOptions options) {
    return options;
  }

  @Override
  public String destination(SinkOptions options) {
    return "noop sink";
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    unified.write().format("noop").mode("overwrite").save();
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    return unified
        .writeStream()
        .format("noop")
        .queryName("streamgen-noop")
        .option("checkpointLocation", checkpointLocation)
        .start();
  }
}
