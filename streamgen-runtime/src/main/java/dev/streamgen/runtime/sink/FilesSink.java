package dev.streamgen.runtime.sink;

import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code sink_config.type: files}: Spark's file writers (file_format parquet, json or orc) under
 * {@code path}, appending. JSON files hold the payload base64-encoded, as Spark writes binary.
 */
final class FilesSink implements Sink {

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    unified.write().format(fileFormat(options)).mode("append").save(options.require("path"));
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    return unified
        .writeStream()
        .format(fileFormat(options))
        .queryName("streamgen-files")
        .option("checkpointLocation", checkpointLocation)
        .start(options.require("path"));
  }

  @Override
  public String destination(SinkOptions options) {
    return fileFormat(options) + " files under " + options.get("path", "?");
  }

  private static String fileFormat(SinkOptions options) {
    return options.get("file_format", "parquet").toLowerCase(Locale.ROOT);
  }
}
