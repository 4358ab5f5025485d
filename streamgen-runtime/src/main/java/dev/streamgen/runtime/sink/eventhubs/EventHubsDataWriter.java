package dev.streamgen.runtime.sink.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * Writes one Spark task's rows. The AMQP connection opens on the first row (empty partitions cost
 * nothing) and is closed on commit, abort or close. Commit sends everything still buffered and
 * reports success only after the hub acknowledged every event; any failure fails the task.
 */
final class EventHubsDataWriter implements DataWriter<InternalRow> {
  private final EventHubsOptions options;
  private final UnifiedColumns columns;
  private final int partitionId;
  private final EventFactory events;
  private EventHubsPublisher publisher;
  private long eventsWritten;
  private long payloadBytesWritten;

  EventHubsDataWriter(EventHubsOptions options, UnifiedColumns columns, int partitionId) {
    this.options = options;
    this.columns = columns;
    this.partitionId = partitionId;
    this.events = new EventFactory(options.serializationFormat());
  }

  @Override
  public void write(InternalRow row) {
    if (publisher == null) {
      publisher = new EventHubsPublisher(options);
    }
    String eventTypeId = row.getUTF8String(columns.eventTypeId).toString();
    String partitionKey =
        row.isNullAt(columns.partitionKey) ? null : row.getUTF8String(columns.partitionKey).toString();
    if (row.isNullAt(columns.payload)) {
      throw EventHubsErrors.nullPayload(eventTypeId);
    }
    byte[] payload = row.getBinary(columns.payload);
    EventData event = events.create(eventTypeId, payload);
    if (columns.rowIndex >= 0) {
      events.groundTruth(event, row.getLong(columns.rowIndex), row.getBoolean(columns.isDuplicate));
    }
    publisher.add(partitionKey, event, eventTypeId);
    eventsWritten++;
    payloadBytesWritten += payload.length;
  }

  @Override
  public WriterCommitMessage commit() {
    if (publisher == null) {
      return new EventHubsCommitMessage(partitionId, 0, 0, 0);
    }
    publisher.flush();
    EventHubsCommitMessage done =
        new EventHubsCommitMessage(
            partitionId, publisher.eventsSent(), publisher.batchesSent(), publisher.bytesSent());
    publisher.close();
    return done;
  }

  @Override
  public void abort() {
    close();
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.close();
    }
  }

  /** See {@link EventHubsMetrics}: Spark reads these for the last time before {@link #commit()}. */
  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return EventHubsMetrics.values(eventsWritten, payloadBytesWritten);
  }
}
