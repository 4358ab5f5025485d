package dev.streamgen.runtime.sink;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A sink with its options parsed once: what the job holds between checking the settings and writing.
 * Built by {@link Sinks#configure}; hides the type of the sink's options from its callers.
 */
public final class ConfiguredSink {
  private final Bound<?> bound;
  private final String type;

  private ConfiguredSink(Bound<?> bound, String type) {
    this.bound = bound;
    this.type = type;
  }

  static <O> ConfiguredSink of(Sink<O> sink, SinkOptions options) {
    return new ConfiguredSink(new Bound<>(sink, sink.options(options)), options.type());
  }

  /** The sink type ({@code sink_config.type}). */
  public String type() {
    return type;
  }

  public boolean carriesEventType() {
    return bound.sink.carriesEventType();
  }

  public String destination() {
    return bound.destination();
  }

  /** Whether {@link #provision} sizes the destination (Kinesis), so the job should sample records. */
  public boolean provisions() {
    return bound.sink instanceof ProvisioningSink;
  }

  /**
   * Sizes the destination for a stream at the rate (see {@link ProvisioningSink}); what the sink did,
   * or null (always for other sinks).
   */
  public String provision(double targetEventsPerSecond, Dataset<Row> sample) {
    return bound.provision(targetEventsPerSecond, sample);
  }

  /** As {@link #provision}, for a batch of {@code totalRows}. */
  public String provisionBatch(long totalRows, Dataset<Row> sample) {
    return bound.provisionBatch(totalRows, sample);
  }

  public void writeBatch(Dataset<Row> unified) {
    bound.writeBatch(unified);
  }

  public StreamingQuery startStream(Dataset<Row> unified, String checkpointLocation) throws TimeoutException {
    return bound.startStream(unified, checkpointLocation);
  }

  /** A sink and its options, typed alike. */
  private static final class Bound<O> {
    final Sink<O> sink;
    final O options;

    Bound(Sink<O> sink, O options) {
      this.sink = sink;
      this.options = options;
    }

    String destination() {
      return sink.destination(options);
    }

    String provision(double targetEventsPerSecond, Dataset<Row> sample) {
      return sink instanceof ProvisioningSink
          ? ((ProvisioningSink<O>) sink).provision(options, targetEventsPerSecond, sample)
          : null;
    }

    String provisionBatch(long totalRows, Dataset<Row> sample) {
      return sink instanceof ProvisioningSink
          ? ((ProvisioningSink<O>) sink).provisionBatch(options, totalRows, sample)
          : null;
    }

    void writeBatch(Dataset<Row> unified) {
      sink.writeBatch(unified, options);
    }

    StreamingQuery startStream(Dataset<Row> unified, String checkpointLocation) throws TimeoutException {
      return sink.startStream(unified, options, checkpointLocation);
    }
  }
}
