package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.settings.EventHubsKeys;
import dev.streamgen.runtime.sink.SinkOptions;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;

/**
 * Validates the options and the input's columns as soon as Spark plans the write, so a mistake
 * fails before any task starts or any event is sent.
 */
final class EventHubsWriteBuilder implements WriteBuilder {
  private final EventHubsOptions options;
  private final UnifiedColumns columns;
  private final EventHubsTable.SinkMetrics sinkMetrics;

  EventHubsWriteBuilder(LogicalWriteInfo info, EventHubsTable.SinkMetrics sinkMetrics) {
    this.sinkMetrics = sinkMetrics;
    this.options = EventHubsOptions.from(SinkOptions.fromDataSource(EventHubsKeys.SPEC.type(), info.options()));
    if (options.protocol() != EventHubsOptions.Protocol.AMQP) {
      throw EventHubsErrors.kafkaProtocolInDataSource();
    }
    this.columns = UnifiedColumns.of(info.schema());
  }

  @Override
  public Write build() {
    return new EventHubsWrite(options, columns, sinkMetrics);
  }
}
