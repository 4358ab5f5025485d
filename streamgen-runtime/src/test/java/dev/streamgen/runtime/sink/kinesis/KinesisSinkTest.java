package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.testing.SharedSpark;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink as the runtime uses it: {@code sink_config.type: kinesis}, batch and streaming. */
@ExtendWith(KinesisEmulatorExtension.class)
class KinesisSinkTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void writeBatchCreatesTheStreamWithTheGivenShardCount(KinesisEmulator kinesis) {
    Map<String, String> config = kinesis.sinkOptions("sink-batch");
    config.put("type", "kinesis");
    config.put("shard_count", "2");
    Sinks.configure(new SinkOptions("kinesis", config)).writeBatch(TestEvents.unified(spark, 0, 2_000, 2));

    assertThat(kinesis.openShards("sink-batch")).isEqualTo(2);
    Delivery.assertExactlyOnce(ShardReader.readAll(kinesis.client(), "sink-batch"), 0, 2_000);
  }

  @Test
  void streamsEveryRowOnceAndResumesFromTheCheckpoint(KinesisEmulator kinesis) throws Exception {
    kinesis.createStream("sink-stream", 2);
    String input = SharedSpark.tempDir("kinesis-stream-in");
    String checkpoint = SharedSpark.tempDir("kinesis-stream-checkpoint");
    SinkOptions options = new SinkOptions("kinesis", kinesis.sinkOptions("sink-stream"));
    KinesisSink sink = new KinesisSink();

    TestEvents.unified(spark, 0, 1_500, 2).write().mode("append").parquet(input);
    StructType schema = spark.read().parquet(input).schema();
    StreamingQuery first = Sinks.configure(options).startStream(stream(input, schema), checkpoint);
    first.processAllAvailable();
    first.stop();
    assertThat(first.exception().isDefined()).isFalse();
    assertThat(sentInProgress(first)).isEqualTo(1_500);
    Delivery.assertExactlyOnce(ShardReader.readAll(kinesis.client(), "sink-stream"), 0, 1_500);

    // New input; the restarted query goes on from its checkpoint and sends only the new rows.
    TestEvents.unified(spark, 1_500, 4_000, 2).write().mode("append").parquet(input);
    StreamingQuery second = Sinks.configure(options).startStream(stream(input, schema), checkpoint);
    second.processAllAvailable();
    second.stop();
    assertThat(second.exception().isDefined()).isFalse();
    assertThat(sentInProgress(second)).isEqualTo(2_500);
    Delivery.assertExactlyOnce(ShardReader.readAll(kinesis.client(), "sink-stream"), 0, 4_000);
  }

  /** The parquet folder as a stream. */
  private Dataset<Row> stream(String input, StructType schema) {
    return spark.readStream().schema(schema).parquet(input);
  }

  /** Records sent by this query run, from the sink metrics of its progress reports. */
  private static long sentInProgress(StreamingQuery query) {
    long max = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      String sent = p.sink().metrics().get(KinesisCustomMetrics.RECORDS_SENT);
      if (sent != null) {
        max = Math.max(max, Long.parseLong(sent));
      }
    }
    return max;
  }
}
