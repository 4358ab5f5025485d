package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.testing.SharedSpark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.util.Collections;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/** Auto-sharding and explicit shard counts against the emulator's CreateStream/UpdateShardCount. */
@ExtendWith(KinesisEmulatorExtension.class)
class KinesisStreamProvisionerTest {

  private static KinesisSinkOptions options(KinesisEmulator kinesis, String stream, String... kv) {
    Map<String, String> m = kinesis.sinkOptions(stream);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return KinesisSinkOptions.from(new SinkOptions("kinesis", m));
  }

  @Test
  void autoShardingCreatesTheStreamThenRaisesItForAHigherRate(KinesisEmulator kinesis) {
    KinesisSinkOptions o = options(kinesis, "auto-grow", "auto_shard_calculation", "true");
    try (KinesisStreamProvisioner p = new KinesisStreamProvisioner(o)) {
      // 2,500 events/s of 100 bytes: ceil(2.5) = 3 shards by record rate.
      KinesisStreamProvisioner.Result created = p.provision(2_500, 100);
      assertThat(created.created()).isTrue();
      assertThat(created.shardsAfter()).isEqualTo(3);
      assertThat(kinesis.openShards("auto-grow")).isEqualTo(3);

      // 7,000 events/s: 7 shards, reached by doubling to 6 then 7.
      KinesisStreamProvisioner.Result raised = p.provision(7_000, 100);
      assertThat(raised.created()).isFalse();
      assertThat(raised.shardsBefore()).isEqualTo(3);
      assertThat(raised.steps()).containsExactly(6, 7);
      assertThat(kinesis.openShards("auto-grow")).isEqualTo(7);

      // A lower rate leaves the larger stream alone.
      KinesisStreamProvisioner.Result kept = p.provision(1_000, 100);
      assertThat(kept.steps()).isEmpty();
      assertThat(kinesis.openShards("auto-grow")).isEqualTo(7);
    }
  }

  @Test
  void explicitShardCountSetsTheCountBothWays(KinesisEmulator kinesis) {
    kinesis.createStream("explicit", 5);
    try (KinesisStreamProvisioner p =
        new KinesisStreamProvisioner(options(kinesis, "explicit", "shard_count", "2"))) {
      KinesisStreamProvisioner.Result lowered = p.provision(0, 0);
      assertThat(lowered.steps()).containsExactly(3, 2);
      assertThat(kinesis.openShards("explicit")).isEqualTo(2);
    }
    try (KinesisStreamProvisioner p =
        new KinesisStreamProvisioner(options(kinesis, "explicit", "shard_count", "9"))) {
      KinesisStreamProvisioner.Result raised = p.provision(0, 0);
      assertThat(raised.steps()).containsExactly(4, 8, 9);
      assertThat(kinesis.openShards("explicit")).isEqualTo(9);
    }
  }

  @Test
  void measuresTheAverageRecordSizeFromASample() {
    SparkSession spark = SharedSpark.session();
    double measured =
        KinesisStreamProvisioner.averageRecordBytes(TestEvents.unified(spark, 0, 1_000, 2));
    long total = 0;
    for (long id = 0; id < 1_000; id++) {
      total += TestEvents.payload(id).length + TestEvents.partitionKey(id).length();
    }
    assertThat(measured).isCloseTo(total / 1_000.0, within(1e-9));
  }

  @Test
  void theSinkSizesTheStreamByBytesForLargeRecords(KinesisEmulator kinesis) {
    SparkSession spark = SharedSpark.session();
    // 3,000-byte payloads + 1-byte key at 1,000 events/s: 2.86 MiB/s, so 3 shards (1 by count).
    Dataset<Row> sample =
        spark
            .range(0, 200, 1, 1)
            .selectExpr(
                "'big' AS event_type_id",
                "timestamp_seconds(id) AS timestamp",
                "'k' AS partition_key",
                "encode(repeat('q', 3000), 'UTF-8') AS serialized_payload");
    Map<String, String> m = kinesis.sinkOptions("auto-bytes");
    m.put("auto_shard_calculation", "true");
    Sinks.configure(new SinkOptions("kinesis", m)).provision(1_000, sample);
    assertThat(kinesis.openShards("auto-bytes")).isEqualTo(3);
  }

  @Test
  void onDemandStreamsAreNotResized(KinesisEmulator kinesis) {
    kinesis
        .client()
        .createStream(
            b -> b.streamName("on-demand").streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
    kinesis.awaitActive("on-demand");
    try (KinesisStreamProvisioner p =
        new KinesisStreamProvisioner(options(kinesis, "on-demand", "shard_count", "2"))) {
      assertThatThrownBy(() -> p.provision(0, 0))
          .hasMessage(
              "sink_config.shard_count (2): Kinesis stream 'on-demand' is ON_DEMAND, which sizes"
                  + " itself; remove shard_count, or switch the stream to PROVISIONED");
    }
    int before = kinesis.openShards("on-demand");
    try (KinesisStreamProvisioner p =
        new KinesisStreamProvisioner(
            options(kinesis, "on-demand", "auto_shard_calculation", "true"))) {
      assertThat(p.provision(50_000, 100).steps()).isEmpty();
    }
    assertThat(kinesis.openShards("on-demand")).isEqualTo(before);
  }

  @Test
  void givesUpWaitingForActiveAtTheReadyTimeout() {
    // A second emulator whose streams take 60 s to create.
    try (KinesisEmulator slow =
        KinesisEmulator.start(Collections.singletonMap("CREATE_STREAM_DURATION", "60s"))) {
      Map<String, String> m = KinesisEmulator.sinkOptions("slow", slow.endpoint());
      m.put("shard_count", "1");
      m.put("stream_ready_timeout_seconds", "1");
      try (KinesisStreamProvisioner p = new KinesisStreamProvisioner(KinesisSinkOptions.from(new SinkOptions("kinesis", m)))) {
        assertThatThrownBy(() -> p.provision(0, 0))
            .hasMessage(
                "sink_config.stream_name 'slow': the Kinesis stream at endpoint " + slow.endpoint()
                    + " is still CREATING after 1 seconds (sink_config.stream_ready_timeout_seconds);"
                    + " raise it, or check the stream's state");
      }
    }
  }
}
