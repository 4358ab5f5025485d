package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KinesisEmulatorExtension.class)
class KinesisBatchWriteTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void writesEveryRowOnceWithItsKeyAndPayload(KinesisEmulator kinesis) throws Exception {
    kinesis.createStream("batch-basic", 3);
    int rows = 5_000;
    Map<String, Long> metrics;
    try (WriteMetricsListener listener = WriteMetricsListener.register(spark)) {
      TestEvents.unified(spark, 0, rows, 4)
          .write()
          .format("streamgen-kinesis")
          .options(kinesis.sinkOptions("batch-basic"))
          .mode("append")
          .save();
      metrics = listener.await();
    }

    List<ShardReader.Stored> stored = ShardReader.readAll(kinesis.client(), "batch-basic");
    Delivery.assertExactlyOnce(stored, 0, rows);
    assertThat(stored.stream().map(s -> s.shardId).distinct().count())
        .as("records spread over the stream's shards by partition key")
        .isEqualTo(3);

    long expectedBytes = 0;
    for (long id = 0; id < rows; id++) {
      expectedBytes += TestEvents.payload(id).length + TestEvents.partitionKey(id).length();
    }
    assertThat(metrics)
        .containsEntry("recordsSent", (long) rows)
        .containsEntry("recordsRetried", 0L)
        .containsEntry("recordsFailed", 0L)
        .containsEntry("recordsThrottled", 0L)
        .containsEntry("bytesSent", expectedBytes);
    // 4 input partitions of 1,250 rows: 3 calls each (500 + 500 + 250).
    assertThat(metrics).containsEntry("putRecordsCalls", 12L);
  }

  @Test
  void splitsCallsAtTheRequestByteLimit(KinesisEmulator kinesis) throws Exception {
    kinesis.createStream("batch-bytes", 1);
    // 40 records of 100,000 payload bytes + a 1-byte key: 400,040 bytes, over a 250,000 limit.
    Dataset<Row> big =
        spark
            .range(0, 40, 1, 1)
            .selectExpr(
                "'big' AS event_type_id",
                "timestamp_seconds(id) AS timestamp",
                "'k' AS partition_key",
                "encode(concat(lpad(cast(id AS string), 10, '0'), repeat('y', 99990)), 'UTF-8')"
                    + " AS serialized_payload");
    Map<String, String> options = kinesis.sinkOptions("batch-bytes");
    options.put("max_request_bytes", "250000");
    options.put("max_record_bytes", "200000");
    Map<String, Long> metrics;
    try (WriteMetricsListener listener = WriteMetricsListener.register(spark)) {
      big.write().format("streamgen-kinesis").options(options).mode("append").save();
      metrics = listener.await();
    }
    // 2 records of 100,001 bytes fit in 250,000; 40 records need 20 calls.
    assertThat(metrics).containsEntry("recordsSent", 40L).containsEntry("putRecordsCalls", 20L);
    List<ShardReader.Stored> stored = ShardReader.readAll(kinesis.client(), "batch-bytes");
    assertThat(stored).hasSize(40);
    TreeMap<String, Integer> sizes = new TreeMap<>();
    for (ShardReader.Stored s : stored) {
      sizes.put(new String(Arrays.copyOf(s.data, 10), java.nio.charset.StandardCharsets.UTF_8), s.data.length);
    }
    assertThat(sizes).hasSize(40);
    assertThat(sizes.values()).containsOnly(100_000);
  }

  @Test
  void readsColumnsByNameWhateverTheirOrderAndExtraColumns(KinesisEmulator kinesis) {
    kinesis.createStream("batch-columns", 1);
    Dataset<Row> reordered =
        TestEvents.unified(spark, 0, 100, 1)
            .selectExpr(
                "serialized_payload", "'extra' AS other", UnifiedStream.PARTITION_KEY,
                UnifiedStream.EVENT_TYPE_ID);
    reordered.write().format("streamgen-kinesis").options(kinesis.sinkOptions("batch-columns"))
        .mode("append").save();
    Delivery.assertExactlyOnce(ShardReader.readAll(kinesis.client(), "batch-columns"), 0, 100);
  }

  static Map<String, Long> expectedTypeCounts(long fromId, long toId) {
    Map<String, Long> m = new HashMap<>();
    for (long id = fromId; id < toId; id++) {
      m.merge(TestEvents.eventType(id), 1L, Long::sum);
    }
    return m;
  }
}
