package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.testing.SharedSpark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throttling, as Kinesis does it: a PutRecords call succeeds but some entries come back with
 * ProvisionedThroughputExceededException and are not stored. The emulator never throttles, so a
 * {@link ThrottlingProxy} in front of it rejects entries; the proxy's own counts are the truth the
 * writer's metrics and the stream's content are checked against.
 */
@ExtendWith(KinesisEmulatorExtension.class)
class KinesisThrottlingTest {
  private final SparkSession spark = SharedSpark.session();

  @Test
  void retriesThrottledRecordsUntilEveryOneIsStoredOnce(KinesisEmulator kinesis) throws Exception {
    kinesis.createStream("throttled", 2);
    int rows = 3_000;
    Map<String, Long> metrics;
    try (ThrottlingProxy proxy = ThrottlingProxy.start(kinesis.endpoint());
        WriteMetricsListener listener = WriteMetricsListener.register(spark)) {
      // Every third entry is rejected, 1,000 rejections in all, some of them of retries.
      proxy.policy(ThrottlingProxy.everyKth(3, 1_000));
      TestEvents.unified(spark, 0, rows, 2)
          .write()
          .format("streamgen-kinesis")
          .options(KinesisEmulator.sinkOptions("throttled", proxy.endpoint()))
          .mode("append")
          .save();
      metrics = listener.await();

      assertThat(proxy.rejected()).isEqualTo(1_000);
      assertThat(proxy.forwarded()).as("each record reached the stream once").isEqualTo(rows);
      assertThat(metrics)
          .containsEntry("recordsSent", (long) rows)
          .containsEntry("recordsThrottled", proxy.rejected())
          .containsEntry("recordsRetried", proxy.rejected())
          .containsEntry("recordsFailed", 0L)
          .containsEntry("putRecordsCalls", proxy.putRecordsCalls());
    }
    Delivery.assertExactlyOnce(ShardReader.readAll(kinesis.client(), "throttled"), 0, rows);
  }

  @Test
  void failsTheTaskWithCountsWhenRecordsAreStillThrottledAtTheDeadline(KinesisEmulator kinesis)
      throws Exception {
    kinesis.createStream("throttled-deadline", 1);
    Map<String, String> options;
    Throwable thrown;
    long rejected;
    try (ThrottlingProxy proxy = ThrottlingProxy.start(kinesis.endpoint())) {
      proxy.policy(ThrottlingProxy.all());
      options = KinesisEmulator.sinkOptions("throttled-deadline", proxy.endpoint());
      options.put("retry_timeout_seconds", "1");
      thrown =
          catchThrowable(
              () ->
                  TestEvents.unified(spark, 0, 100, 1)
                      .write()
                      .format("streamgen-kinesis")
                      .options(options)
                      .mode("append")
                      .save());
      rejected = proxy.rejected();
    }
    KinesisWriteException cause = rootKinesisError(thrown);
    assertThat(rejected).as("every try of every record was throttled").isGreaterThan(100);
    assertThat(cause.getMessage())
        .isEqualTo(
            "kinesis stream 'throttled-deadline': 100 of 100 records not delivered (sent 0,"
                + " retried " + (rejected - 100) + ", failed 100, throttled " + rejected + ");"
                + " records were still not acknowledged when sink_config.retry_timeout_seconds (1) ran out"
                + " (last error: ProvisionedThroughputExceededException: Rate exceeded for shard"
                + " shardId-000000000000 in stream throttled-deadline under account"
                + " 000000000000.); add shards (shard_count or auto_shard_calculation) or raise"
                + " retry_timeout_seconds");
    assertThat(cause.metrics().recordsFailed()).isEqualTo(100);
    assertThat(ShardReader.readAll(kinesis.client(), "throttled-deadline")).isEmpty();
  }

  static KinesisWriteException rootKinesisError(Throwable thrown) {
    assertThat(thrown).as("the write must fail").isNotNull();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof KinesisWriteException) {
        return (KinesisWriteException) t;
      }
    }
    throw new AssertionError("no KinesisWriteException in the causes of " + thrown, thrown);
  }
}
