package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.streaming.ReportsSinkMetrics;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * A Kinesis stream as a write-only Spark table. Accepts any input schema and checks for the
 * unified stream's columns itself, to name what is missing. For streaming queries it adds up the
 * committed epochs' counts and reports them in each progress ({@code sink.metrics}).
 */
final class KinesisTable implements SupportsWrite, ReportsSinkMetrics {
  private static final Set<TableCapability> CAPABILITIES =
      Collections.unmodifiableSet(
          new HashSet<>(
              Arrays.asList(
                  TableCapability.BATCH_WRITE,
                  TableCapability.STREAMING_WRITE,
                  TableCapability.ACCEPT_ANY_SCHEMA)));

  private final String streamName;
  private KinesisWriteMetrics committed = KinesisWriteMetrics.ZERO;

  KinesisTable(String streamName) {
    this.streamName = streamName;
  }

  @Override
  public String name() {
    return "kinesis:" + streamName;
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return UnifiedStream.SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new KinesisWriteBuilder(info, this);
  }

  synchronized void addCommitted(KinesisWriteMetrics epoch) {
    committed = committed.plus(epoch);
  }

  /** Totals since the query started, over committed micro-batches. */
  @Override
  public synchronized Map<String, String> metrics() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KinesisCustomMetrics.RECORDS_SENT, Long.toString(committed.recordsSent()));
    m.put(KinesisCustomMetrics.RECORDS_RETRIED, Long.toString(committed.recordsRetried()));
    m.put(KinesisCustomMetrics.RECORDS_FAILED, Long.toString(committed.recordsFailed()));
    m.put(KinesisCustomMetrics.RECORDS_THROTTLED, Long.toString(committed.recordsThrottled()));
    m.put(KinesisCustomMetrics.BYTES_SENT, Long.toString(committed.bytesSent()));
    m.put(KinesisCustomMetrics.PUT_RECORDS_CALLS, Long.toString(committed.putRecordsCalls()));
    return m;
  }

  @Override
  public String toString() {
    return name();
  }
}
