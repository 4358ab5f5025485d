package dev.streamgen.runtime.sink.eventhubs;

import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded write. Events are already acknowledged when tasks commit, so the job commit only reports;
 * an abort cannot take back what the hub accepted (documented: at-least-once).
 */
final class EventHubsBatchWrite implements BatchWrite {
  private static final Logger LOG = LoggerFactory.getLogger(EventHubsBatchWrite.class);

  private final EventHubsOptions options;
  private final UnifiedColumns columns;

  EventHubsBatchWrite(EventHubsOptions options, UnifiedColumns columns) {
    this.options = options;
    this.columns = columns;
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    return new EventHubsDataWriterFactory(options, columns);
  }

  @Override
  public boolean useCommitCoordinator() {
    return false; // nothing to coordinate: each task's events are final once acknowledged
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    LOG.info("{}: {} acknowledged", options.describe(), EventHubsCommitMessage.total(messages));
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    LOG.warn("{}: write aborted after {} were acknowledged; they stay in the hub",
        options.describe(), EventHubsCommitMessage.total(messages));
  }
}
