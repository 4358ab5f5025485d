package dev.streamgen.runtime.sink.kinesis;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;

/** Shipped to executors; makes one {@link KinesisDataWriter} per task (and micro-batch). */
final class KinesisDataWriterFactory implements DataWriterFactory, StreamingDataWriterFactory {
  private static final long serialVersionUID = 1L;

  private final KinesisSinkOptions options;
  private final UnifiedColumns columns;

  KinesisDataWriterFactory(KinesisSinkOptions options, UnifiedColumns columns) {
    this.options = options;
    this.columns = columns;
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new KinesisDataWriter(options, columns, partitionId, taskId, -1);
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
    return new KinesisDataWriter(options, columns, partitionId, taskId, epochId);
  }
}
