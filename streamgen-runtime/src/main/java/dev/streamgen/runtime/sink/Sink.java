package dev.streamgen.runtime.sink;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Where the unified stream goes ({@code sink_config.type}). Implementations read their keys from
 * {@link SinkOptions}, validate them before any data moves, and never report success before the
 * destination acknowledged every record.
 */
public interface Sink {

  /** Writes a bounded unified DataFrame; returns once everything is acknowledged. */
  void writeBatch(Dataset<Row> unified, SinkOptions options);

  /** Starts a streaming query writing the unified stream, checkpointing at {@code checkpointLocation}. */
  StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException;
}
