package dev.streamgen.runtime.sink.kinesis;

import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded write. Each task's records are acknowledged before the task commits, so there is
 * nothing left to do at job commit but report; an abort cannot take back what was acknowledged.
 */
final class KinesisBatchWrite implements BatchWrite {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisBatchWrite.class);

  private final KinesisSinkOptions options;
  private final UnifiedColumns columns;

  KinesisBatchWrite(KinesisSinkOptions options, UnifiedColumns columns) {
    this.options = options;
    this.columns = columns;
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    return new KinesisDataWriterFactory(options, columns);
  }

  /** Kinesis has no transaction to commit: a second attempt of a task just sends again. */
  @Override
  public boolean useCommitCoordinator() {
    return false;
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    LOG.info("kinesis stream '{}': batch write of {} tasks done: {}",
        options.streamName(), messages.length, KinesisWriterCommitMessage.total(messages));
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    LOG.warn("kinesis stream '{}': batch write aborted; tasks that committed reported {}"
            + " (acknowledged records stay in the stream)",
        options.streamName(), KinesisWriterCommitMessage.total(messages));
  }
}
