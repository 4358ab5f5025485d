package dev.streamgen.runtime.sink;

import static dev.streamgen.runtime.settings.LocalSinkKeys.DELTA_MODE;
import static dev.streamgen.runtime.settings.LocalSinkKeys.DELTA_PATH;
import static dev.streamgen.runtime.settings.LocalSinkKeys.DELTA_TABLE_NAME;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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
final class DeltaSink implements Sink<SinkOptions> {
  /** A class every delta-spark release has: the data source behind {@code format("delta")}. */
  static final String DELTA_SOURCE = "org.apache.spark.sql.delta.sources.DeltaDataSource";

  @Override
  public SinkOptions options(SinkOptions options) {
    requireDelta(classLoader());
    return options;
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    DataFrameWriter<Row> w = unified.write().format("delta").mode(options.text(DELTA_MODE));
    String table = options.text(DELTA_TABLE_NAME);
    if (table != null) {
      w.saveAsTable(table);
    } else {
      w.save(options.text(DELTA_PATH));
    }
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    if (options.text(DELTA_MODE).equals("overwrite")) {
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
    String table = options.text(DELTA_TABLE_NAME);
    return table != null ? w.toTable(table) : w.start(options.text(DELTA_PATH));
  }

  /**
   * Fails before Spark plans anything when Delta is not on the classpath; Spark's own error would be
   * a {@code ClassNotFoundException: delta.DefaultSource} and a stack trace.
   */
  static void requireDelta(ClassLoader loader) {
    try {
      Class.forName(DELTA_SOURCE, false, loader);
    } catch (ClassNotFoundException e) {
      Properties dependency = deltaDependency();
      throw new IllegalArgumentException(
          "sink type 'delta' needs Delta Lake on the classpath, and it is not there: add the dependency "
              + dependency.getProperty("artifact")
              + " (the version this runtime is built and tested with, for Spark "
              + dependency.getProperty("spark")
              + "), or run on Databricks, which includes it");
    }
  }

  private static Properties deltaDependency() {
    Properties p = new Properties();
    try (InputStream in = DeltaSink.class.getResourceAsStream("delta-dependency.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Only the hint is lost; the message still says what is missing.
    }
    if (!p.containsKey("artifact")) {
      p.setProperty("artifact", "io.delta:delta-spark for your Spark version");
      p.setProperty("spark", "your Spark version");
    }
    return p;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : DeltaSink.class.getClassLoader();
  }

  @Override
  public String destination(SinkOptions options) {
    String table = options.text(DELTA_TABLE_NAME);
    return table != null ? "Delta table " + table : "Delta table at " + options.text(DELTA_PATH);
  }
}
