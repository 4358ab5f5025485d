package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.testing.SharedSpark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mistakes a user can make, through the real Spark write path: each fails with its message. */
@ExtendWith(KinesisEmulatorExtension.class)
class KinesisWriteErrorsTest {
  private final SparkSession spark = SharedSpark.session();

  private Throwable write(Dataset<Row> df, Map<String, String> options) {
    return catchThrowable(
        () -> df.write().format("streamgen-kinesis").options(options).mode("append").save());
  }

  private static <T extends Throwable> T causeOfType(Throwable thrown, Class<T> type) {
    assertThat(thrown).as("the write must fail").isNotNull();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the causes of " + thrown, thrown);
  }

  @Test
  void missingStreamName(KinesisEmulator kinesis) {
    Map<String, String> options = kinesis.sinkOptions("x");
    options.remove("stream_name");
    Throwable thrown = write(TestEvents.unified(spark, 0, 10, 1), options);
    assertThat(causeOfType(thrown, IllegalArgumentException.class))
        .hasMessage(
            "sink_config.stream_name is required for sink type 'kinesis'; set it to the name of"
                + " the Kinesis data stream to write to");
  }

  @Test
  void requestLimitAboveTenMebibytes(KinesisEmulator kinesis) {
    Map<String, String> options = kinesis.sinkOptions("x");
    options.put("max_request_bytes", "20971520");
    Throwable thrown = write(TestEvents.unified(spark, 0, 10, 1), options);
    assertThat(causeOfType(thrown, IllegalArgumentException.class))
        .hasMessage(
            "'20971520' is not valid for sink_config.max_request_bytes: expected a whole number from 1 to"
                + " 10485760 (10 MiB, the PutRecords request limit)");
  }

  @Test
  void invalidNumber(KinesisEmulator kinesis) {
    Map<String, String> options = kinesis.sinkOptions("x");
    options.put("retry_timeout_seconds", "2m");
    Throwable thrown = write(TestEvents.unified(spark, 0, 10, 1), options);
    assertThat(causeOfType(thrown, IllegalArgumentException.class))
        .hasMessage(
            "'2m' is not valid for sink_config.retry_timeout_seconds: expected a whole number from 1 to"
                + " 2147483");
  }

  @Test
  void unreachableEndpoint() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort;
    Throwable thrown =
        write(TestEvents.unified(spark, 0, 10, 1), KinesisEmulator.sinkOptions("x", endpoint));
    assertThat(causeOfType(thrown, IllegalStateException.class))
        .hasMessage(
            "sink_config.endpoint_url '" + endpoint + "' cannot be reached (connection refused);"
                + " check the URL and that the network allows it");
  }

  @Test
  void streamThatDoesNotExist(KinesisEmulator kinesis) {
    Throwable thrown =
        write(TestEvents.unified(spark, 0, 10, 1), kinesis.sinkOptions("no-such-stream"));
    assertThat(causeOfType(thrown, IllegalStateException.class))
        .hasMessage(
            "sink_config.stream_name 'no-such-stream': no such Kinesis stream at endpoint "
                + kinesis.endpoint() + "; create it, or set shard_count (or"
                + " auto_shard_calculation: true in a streamgen job run, batch or streaming, which"
                + " sizes it) so the sink creates it");
  }

  @Test
  void inputWithoutPayloadColumn(KinesisEmulator kinesis) {
    kinesis.createStream("errors-columns", 1);
    Dataset<Row> df = TestEvents.unified(spark, 0, 10, 1).drop("serialized_payload");
    Throwable thrown = write(df, kinesis.sinkOptions("errors-columns"));
    assertThat(causeOfType(thrown, IllegalArgumentException.class))
        .hasMessage(
            "the Kinesis sink needs a binary column 'serialized_payload' (the unified stream's"
                + " schema); the input has columns [event_type_id, timestamp, partition_key]");
  }

  @Test
  void recordAboveTheRecordLimitNamesItsEventTypeAndSize(KinesisEmulator kinesis) {
    kinesis.createStream("errors-oversize", 1);
    Dataset<Row> df =
        spark
            .range(0, 5, 1, 1)
            .selectExpr(
                "'user.purchase' AS event_type_id",
                "timestamp_seconds(id) AS timestamp",
                "'k' AS partition_key",
                "encode(repeat('z', 2000), 'UTF-8') AS serialized_payload");
    Map<String, String> options = kinesis.sinkOptions("errors-oversize");
    options.put("max_record_bytes", "1000");
    Throwable thrown = write(df, options);
    assertThat(causeOfType(thrown, KinesisWriteException.class))
        .hasMessage(
            "kinesis stream 'errors-oversize': event type 'user.purchase' has a record of 2001"
                + " bytes (payload 2000 + partition key 1), above sink_config.max_record_bytes"
                + " (1000); shrink the event or raise max_record_bytes (up to 10485760, for streams"
                + " that accept records above 1 MiB) (this task: 1 records handed over, sent 0,"
                + " retried 0, failed 1, throttled 0)");
    assertThat(ShardReader.readAll(kinesis.client(), "errors-oversize")).isEmpty();
  }
}
