package dev.streamgen.runtime.sink;

import static dev.streamgen.runtime.settings.LocalSinkKeys.CONSOLE_NUM_ROWS;
import static dev.streamgen.runtime.settings.LocalSinkKeys.CONSOLE_TRUNCATE;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/** {@code sink_config.type: console}: prints rows (num_rows, truncate), for trying things out. */
final class ConsoleSink implements Sink<SinkOptions> {

  @Override
  public SinkOptions options(SinkOptions options) {
    return options;
  }

  @Override
  public String destination(SinkOptions options) {
    return "console sink";
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    unified
        .write()
        .format("console")
        .option("numRows", options.number(CONSOLE_NUM_ROWS))
        .option("truncate", options.flag(CONSOLE_TRUNCATE))
        .save();
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    return unified
        .writeStream()
        .format("console")
        .queryName("streamgen-console")
        .option("numRows", options.number(CONSOLE_NUM_ROWS))
        .option("truncate", options.flag(CONSOLE_TRUNCATE))
        .option("checkpointLocation", checkpointLocation)
        .start();
  }
}
