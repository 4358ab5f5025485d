package dev.streamgen.runtime.sink;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code sink_config.type: delta}: Spark's Delta writer, to a path or a catalog table, append or
 * overwrite; streams append with a checkpoint.
 */
final class DeltaSink implements Sink {
  static final String PATH = "path";
  static final String TABLE_NAME = "table_name";
  static final String MODE = "mode";

  @Override
  public void validate(SinkOptions options) {
    String path = options.get(PATH, null);
    String table = options.get(TABLE_NAME, null);
    if (path != null && table != null) {
      throw new IllegalArgumentException(
          "sink_config.path and sink_config.table_name are both set for sink type 'delta': set only one");
    }
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    validate(options);
    DataFrameWriter<Row> w = unified.write().format("delta").mode(options.get(MODE, "append").toLowerCase());
    String table = options.get(TABLE_NAME, null);
    if (table != null) {
      w.saveAsTable(table);
    } else {
      w.save(options.require(PATH));
    }
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    validate(options);
    if (options.get(MODE, "append").equalsIgnoreCase("overwrite")) {
      throw new IllegalArgumentException(
          "sink_config.mode 'overwrite' is not supported by a streaming run (a Delta stream appends): "
              + "use mode append, or generation_mode batch");
    }
    DataStreamWriter<Row> w =
        unified
            .writeStream()
            .format("delta")
            .outputMode("append")
            .queryName("streamgen-delta")
            .option("checkpointLocation", checkpointLocation);
    String table = options.get(TABLE_NAME, null);
    return table != null ? w.toTable(table) : w.start(options.require(PATH));
  }

  @Override
  public String destination(SinkOptions options) {
    String table = options.get(TABLE_NAME, null);
    return table != null ? "Delta table " + table : "Delta table at " + options.get(PATH, "?");
  }
}
