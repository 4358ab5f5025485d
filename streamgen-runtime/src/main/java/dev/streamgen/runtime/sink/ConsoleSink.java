package dev.streamgen.runtime.sink;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/** {@code sink_config.type: console}: prints rows (num_rows, truncate), for trying things out. */
final class ConsoleSink implements Sink {

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    unified
        .write()
        .format("console")
        .option("numRows", options.getLong("num_rows", 20))
        .option("truncate", options.getBoolean("truncate", true))
        .save();
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    return unified
        .writeStream()
        .format("console")
        .queryName("streamgen-console")
        .option("numRows", options.getLong("num_rows", 20))
        .option("truncate", options.getBoolean("truncate", true))
        .option("checkpointLocation", checkpointLocation)
        .start();
  }
}
