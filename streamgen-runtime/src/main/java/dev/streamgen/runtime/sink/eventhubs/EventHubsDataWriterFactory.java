package dev.streamgen.runtime.sink.eventhubs;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;

/** Serialized to the executors; creates one writer (and so one AMQP connection) per task. */
final class EventHubsDataWriterFactory implements DataWriterFactory, StreamingDataWriterFactory {
  private static final long serialVersionUID = 1L;

  private final EventHubsOptions options;
  private final UnifiedColumns columns;

  EventHubsDataWriterFactory(EventHubsOptions options, UnifiedColumns columns) {
    this.options = options;
    this.columns = columns;
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new EventHubsDataWriter(options, columns, partitionId);
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
    return new EventHubsDataWriter(options, columns, partitionId);
  }
}
