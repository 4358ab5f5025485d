package dev.streamgen.runtime.sink;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Where the unified stream goes ({@code sink_config.type}). {@link #options} turns the table-checked
 * {@link SinkOptions} into the sink's own typed options {@code O} once, applying the rules that span
 * keys; every other method receives that value. Implementations never report success before the
 * destination acknowledged every record.
 *
 * @param <O> the sink's parsed options
 */
public interface Sink<O> {

  /**
   * The sink's options from the table-checked keys: rules beyond single values (credentials given in
   * pairs, a record limit within the request limit, required libraries present). Throws
   * IllegalArgumentException naming the key, its value and the fix. Called before any data moves.
   */
  O options(SinkOptions options);

  /**
   * False for destinations whose records carry no header to name the event type (Kinesis): with the
   * protobuf format the runtime then wraps each payload in {@code StreamgenEnvelope} (type id +
   * bytes), so consumers can decode it with the generated {@code .proto}.
   */
  default boolean carriesEventType() {
    return true;
  }

  /** Where the data goes, for the job's summary (never a credential), e.g. "Delta table at /tmp/t". */
  String destination(O options);

  /** Writes a bounded unified DataFrame; returns once everything is acknowledged. */
  void writeBatch(Dataset<Row> unified, O options);

  /** Starts a streaming query writing the unified stream, checkpointing at {@code checkpointLocation}. */
  StreamingQuery startStream(Dataset<Row> unified, O options, String checkpointLocation) throws TimeoutException;
}
