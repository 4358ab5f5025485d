package dev.streamgen.runtime.sink;

import static dev.streamgen.runtime.settings.LocalSinkKeys.FILES_FORMAT;
import static dev.streamgen.runtime.settings.LocalSinkKeys.FILES_PATH;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code sink_config.type: files}: Spark's file writers (file_format parquet, json or orc) under
 * {@code path}, appending. JSON files hold the payload base64-encoded, as Spark writes binary.
 */
final class FilesSink implements Sink<SinkOptions> {

  @Override
  public SinkOptions options(SinkOptions options) {
    return options;
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    unified.write().format(options.text(FILES_FORMAT)).mode("append").save(options.text(FILES_PATH));
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    return unified
        .writeStream()
        .format(options.text(FILES_FORMAT))
        .queryName("streamgen-files")
        .option("checkpointLocation", checkpointLocation)
        .start(options.text(FILES_PATH));
  }

  @Override
  public String destination(SinkOptions options) {
    return options.text(FILES_FORMAT) + " files under " + options.text(FILES_PATH);
  }
}
