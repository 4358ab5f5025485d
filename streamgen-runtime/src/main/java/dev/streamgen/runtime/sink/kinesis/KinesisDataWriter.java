package dev.streamgen.runtime.sink.kinesis;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.unsafe.types.UTF8String;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's writer: hands each row's payload and partition key to a {@link PutRecordsBatcher}.
 * {@link #commit} flushes, waits until Kinesis acknowledged every record, and only then reports
 * success with the task's counts; any record not delivered fails the task instead.
 */
final class KinesisDataWriter implements DataWriter<InternalRow> {
  private static final Logger LOG = LoggerFactory.getLogger(KinesisDataWriter.class);

  /** Distinct event types seen; bounds the name cache for catalogs of any size. */
  private static final int MAX_CACHED_TYPE_NAMES = 100_000;

  private final KinesisSinkOptions options;
  private final UnifiedColumns columns;
  private final int partitionId;
  private final long taskId;
  private final long epochId;
  private final PutRecordsBatcher batcher;
  /** With ground truth in the rows; else null. */
  private final GroundTruthKey groundTruth;
  /** Event type names by their bytes, so a row costs no String for its type. */
  private final Map<UTF8String, String> typeNames = new HashMap<>();

  KinesisDataWriter(
      KinesisSinkOptions options, UnifiedColumns columns, int partitionId, long taskId, long epochId) {
    this.options = options;
    this.columns = columns;
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.epochId = epochId;
    this.batcher = new PutRecordsBatcher(KinesisClients.shared(options), options, Backoff.KINESIS);
    this.groundTruth = columns.rowIndex >= 0 ? new GroundTruthKey() : null;
  }

  @Override
  public void write(InternalRow row) {
    String type = eventType(row);
    String key = row.isNullAt(columns.partitionKey) ? null : row.getUTF8String(columns.partitionKey).toString();
    byte[] payload = row.isNullAt(columns.payload) ? null : row.getBinary(columns.payload);
    if (groundTruth == null) {
      batcher.add(type, key, null, payload);
    } else {
      batcher.add(type,
          GroundTruthKey.partitionKey(key, row.getLong(columns.rowIndex), row.getBoolean(columns.isDuplicate)),
          groundTruth.explicitHashKey(key), payload);
    }
  }

  @Override
  public WriterCommitMessage commit() {
    batcher.flush();
    KinesisWriteMetrics m = batcher.metrics();
    KinesisCustomMetrics.publishFinal(m);
    LOG.debug("kinesis stream '{}': partition {} task {} committed: {}",
        options.streamName(), partitionId, taskId, m);
    return new KinesisWriterCommitMessage(partitionId, taskId, epochId, m);
  }

  @Override
  public void abort() {
    batcher.abort();
    KinesisWriteMetrics m = batcher.metrics();
    if (m.recordsSent() > 0) {
      LOG.warn("kinesis stream '{}': partition {} task {} aborted after Kinesis acknowledged {}"
              + " records; they stay in the stream (delivery is at-least-once): {}",
          options.streamName(), partitionId, taskId, m.recordsSent(), m);
    }
  }

  @Override
  public void close() {
    batcher.close();
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return KinesisCustomMetrics.taskValues(batcher.metrics());
  }

  private String eventType(InternalRow row) {
    if (columns.eventType < 0 || row.isNullAt(columns.eventType)) {
      return "(unknown)";
    }
    UTF8String bytes = row.getUTF8String(columns.eventType);
    String name = typeNames.get(bytes);
    if (name == null) {
      name = bytes.toString();
      if (typeNames.size() < MAX_CACHED_TYPE_NAMES) {
        // A copy: the row's bytes may be reused for the next row.
        typeNames.put(bytes.clone(), name);
      }
    }
    return name;
  }
}
