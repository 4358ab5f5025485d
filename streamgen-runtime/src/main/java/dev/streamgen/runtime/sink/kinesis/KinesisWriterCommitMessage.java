package dev.streamgen.runtime.sink.kinesis;

import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** What one task reports when its records are all acknowledged: who it was, and its counts. */
public final class KinesisWriterCommitMessage implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  private final int partitionId;
  private final long taskId;
  private final long epochId;
  private final KinesisWriteMetrics metrics;

  KinesisWriterCommitMessage(int partitionId, long taskId, long epochId, KinesisWriteMetrics metrics) {
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.epochId = epochId;
    this.metrics = metrics;
  }

  public int partitionId() {
    return partitionId;
  }

  public long taskId() {
    return taskId;
  }

  /** The micro-batch, or -1 for a batch write. */
  public long epochId() {
    return epochId;
  }

  public KinesisWriteMetrics metrics() {
    return metrics;
  }

  /** The counts of all committed tasks; failed tasks leave null messages, which are skipped. */
  static KinesisWriteMetrics total(WriterCommitMessage[] messages) {
    KinesisWriteMetrics sum = KinesisWriteMetrics.ZERO;
    for (WriterCommitMessage m : messages) {
      if (m instanceof KinesisWriterCommitMessage) {
        sum = sum.plus(((KinesisWriterCommitMessage) m).metrics);
      }
    }
    return sum;
  }

  @Override
  public String toString() {
    return "KinesisWriterCommitMessage{partition=" + partitionId + ", task=" + taskId
        + ", epoch=" + epochId + ", " + metrics + "}";
  }
}
