package dev.streamgen.runtime.sink.eventhubs;

import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch epoch after another. A failed epoch is re-run from the checkpoint, so events its
 * tasks had already delivered may arrive twice (at-least-once, like Spark's Kafka sink).
 */
final class EventHubsStreamingWrite implements StreamingWrite {
  private static final Logger LOG = LoggerFactory.getLogger(EventHubsStreamingWrite.class);

  private final EventHubsOptions options;
  private final UnifiedColumns columns;
  private final EventHubsTable.SinkMetrics sinkMetrics;

  EventHubsStreamingWrite(
      EventHubsOptions options, UnifiedColumns columns, EventHubsTable.SinkMetrics sinkMetrics) {
    this.options = options;
    this.columns = columns;
    this.sinkMetrics = sinkMetrics;
  }

  @Override
  public StreamingDataWriterFactory createStreamingWriterFactory(PhysicalWriteInfo info) {
    return new EventHubsDataWriterFactory(options, columns);
  }

  @Override
  public boolean useCommitCoordinator() {
    return false;
  }

  @Override
  public void commit(long epochId, WriterCommitMessage[] messages) {
    EventHubsCommitMessage total = EventHubsCommitMessage.total(messages);
    sinkMetrics.epochCommitted(total);
    LOG.debug("{}: epoch {}: {} acknowledged", options.describe(), epochId, total);
  }

  @Override
  public void abort(long epochId, WriterCommitMessage[] messages) {
    LOG.warn("{}: epoch {} aborted after {} were acknowledged; the epoch's retry may repeat them",
        options.describe(), epochId, EventHubsCommitMessage.total(messages));
  }
}
