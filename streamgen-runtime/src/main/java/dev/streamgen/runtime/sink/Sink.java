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

  /**
   * Checks the options before any data moves (rules beyond the required keys and value types, which
   * {@link Sinks#validate} checks from {@code ConfigKeys} for every sink). Throws
   * IllegalArgumentException with a message naming the key, its value and the fix.
   */
  default void validate(SinkOptions options) {}

  /**
   * False for destinations whose records carry no header to name the event type (Kinesis): with the
   * protobuf format the runtime then wraps each payload in {@code StreamgenEnvelope} (type id +
   * bytes), so consumers can decode it with the generated {@code .proto}.
   */
  default boolean carriesEventType() {
    return true;
  }

  /** Where the data goes, for the job's summary (never a credential), e.g. "Delta table at /tmp/t". */
  default String destination(SinkOptions options) {
    return options.type() + " sink";
  }

  /** Writes a bounded unified DataFrame; returns once everything is acknowledged. */
  void writeBatch(Dataset<Row> unified, SinkOptions options);

  /** Starts a streaming query writing the unified stream, checkpointing at {@code checkpointLocation}. */
  StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException;
}
