package dev.streamgen.runtime.sink.eventhubs;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;

/** The validated write: options and column positions, for a batch or a stream. */
final class EventHubsWrite implements Write {
  private final EventHubsOptions options;
  private final UnifiedColumns columns;
  private final EventHubsTable.SinkMetrics sinkMetrics;

  EventHubsWrite(EventHubsOptions options, UnifiedColumns columns, EventHubsTable.SinkMetrics sinkMetrics) {
    this.options = options;
    this.columns = columns;
    this.sinkMetrics = sinkMetrics;
  }

  @Override
  public String description() {
    return options.describe();
  }

  @Override
  public BatchWrite toBatch() {
    return new EventHubsBatchWrite(options, columns);
  }

  @Override
  public StreamingWrite toStreaming() {
    return new EventHubsStreamingWrite(options, columns, sinkMetrics);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return EventHubsMetrics.supported();
  }
}
