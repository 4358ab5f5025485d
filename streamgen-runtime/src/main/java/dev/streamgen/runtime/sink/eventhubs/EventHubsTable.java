package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.streaming.ReportsSinkMetrics;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * An event hub as a write-only Spark table that accepts the unified stream, batch or streaming.
 * Append only: a hub cannot be truncated, so overwrite modes are refused by Spark's capability check.
 */
final class EventHubsTable implements SupportsWrite, ReportsSinkMetrics {
  private static final Set<TableCapability> CAPABILITIES =
      Collections.unmodifiableSet(
          EnumSet.of(
              TableCapability.BATCH_WRITE,
              TableCapability.STREAMING_WRITE,
              // Column checks are ours (UnifiedColumns): extra columns such as timestamp are fine.
              TableCapability.ACCEPT_ANY_SCHEMA));

  @Override
  public String name() {
    return EventHubsProvider.SHORT_NAME;
  }

  @Override
  public StructType schema() {
    return UnifiedStream.SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return CAPABILITIES;
  }

  private final SinkMetrics sinkMetrics = new SinkMetrics();

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new EventHubsWriteBuilder(info, sinkMetrics);
  }

  /** The last micro-batch's counts, shown in {@code StreamingQueryProgress.sink.metrics}. */
  @Override
  public Map<String, String> metrics() {
    return sinkMetrics.snapshot();
  }

  /** Driver-side counts of the last committed epoch and of the whole query. */
  static final class SinkMetrics {
    private EventHubsCommitMessage lastEpoch = new EventHubsCommitMessage(-1, 0, 0, 0);
    private long totalEvents;

    synchronized void epochCommitted(EventHubsCommitMessage total) {
      lastEpoch = total;
      totalEvents += total.eventsSent;
    }

    synchronized Map<String, String> snapshot() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put(EventHubsMetrics.EVENTS_SENT, Long.toString(lastEpoch.eventsSent));
      m.put(EventHubsMetrics.BATCHES_SENT, Long.toString(lastEpoch.batchesSent));
      m.put(EventHubsMetrics.BYTES_SENT, Long.toString(lastEpoch.bytesSent));
      m.put("totalEventsSent", Long.toString(totalEvents));
      return Collections.unmodifiableMap(m);
    }
  }
}
