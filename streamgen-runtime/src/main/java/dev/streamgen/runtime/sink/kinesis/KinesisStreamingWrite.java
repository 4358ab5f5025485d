package dev.streamgen.runtime.sink.kinesis;

import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batch write. Every epoch's records are acknowledged before its tasks commit; a
 * micro-batch re-run after a restart sends its records again (at-least-once). Epoch counts add up
 * in the table, which reports them in each query progress ({@code sink.metrics}).
 */
final class KinesisStreamingWrite implements StreamingWrite {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisStreamingWrite.class);

  private final KinesisSinkOptions options;
  private final UnifiedColumns columns;
  private final KinesisTable table;

  KinesisStreamingWrite(KinesisSinkOptions options, UnifiedColumns columns, KinesisTable table) {
    this.options = options;
    this.columns = columns;
    this.table = table;
  }

  @Override
  public StreamingDataWriterFactory createStreamingWriterFactory(PhysicalWriteInfo info) {
    return new KinesisDataWriterFactory(options, columns);
  }

  @Override
  public boolean useCommitCoordinator() {
    return false;
  }

  @Override
  public void commit(long epochId, WriterCommitMessage[] messages) {
    KinesisWriteMetrics epoch = KinesisWriterCommitMessage.total(messages);
    table.addCommitted(epoch);
    LOG.debug("kinesis stream '{}': epoch {} committed: {}", options.streamName(), epochId, epoch);
  }

  @Override
  public void abort(long epochId, WriterCommitMessage[] messages) {
    LOG.warn("kinesis stream '{}': epoch {} aborted; tasks that committed reported {}"
            + " (acknowledged records stay in the stream; the epoch is sent again on restart)",
        options.streamName(), epochId, KinesisWriterCommitMessage.total(messages));
  }
}
