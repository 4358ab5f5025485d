package dev.streamgen.runtime.sink.eventhubs;

import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** What one task delivered, acknowledged by the hub, reported to the driver on commit. */
final class EventHubsCommitMessage implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  final int partitionId;
  final long eventsSent;
  final long batchesSent;
  final long bytesSent;

  EventHubsCommitMessage(int partitionId, long eventsSent, long batchesSent, long bytesSent) {
    this.partitionId = partitionId;
    this.eventsSent = eventsSent;
    this.batchesSent = batchesSent;
    this.bytesSent = bytesSent;
  }

  /** Sums the tasks' messages (nulls come from tasks that wrote nothing and failed). */
  static EventHubsCommitMessage total(WriterCommitMessage[] messages) {
    long events = 0;
    long batches = 0;
    long bytes = 0;
    for (WriterCommitMessage m : messages) {
      if (m instanceof EventHubsCommitMessage) {
        EventHubsCommitMessage c = (EventHubsCommitMessage) m;
        events += c.eventsSent;
        batches += c.batchesSent;
        bytes += c.bytesSent;
      }
    }
    return new EventHubsCommitMessage(-1, events, batches, bytes);
  }

  @Override
  public String toString() {
    return eventsSent + " events in " + batchesSent + " batches (" + bytesSent + " bytes)";
  }
}
