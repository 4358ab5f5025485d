package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.job.Job;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The streamgen job with {@code sink_config.type: kinesis}: the runtime's source generates the
 * seed's quick-start events (JSON), the registry picks the Kinesis sink, and every record read back
 * decodes as the event type its partition key names (the default partition key is the type id).
 */
@ExtendWith(KinesisEmulatorExtension.class)
class KinesisJobTest {
  private static final Map<String, String> FIELD_OF_TYPE = new HashMap<>();

  static {
    FIELD_OF_TYPE.put("user.session.start", "device_type");
    FIELD_OF_TYPE.put("user.purchase", "amount_cents");
    FIELD_OF_TYPE.put("user.session.end", "session_duration_sec");
  }

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void batchRunWritesEveryGeneratedEvent(KinesisEmulator kinesis) throws Exception {
    SharedSpark.session();
    Run run = run(kinesis, "job-batch", "--rows", "3000", "--set", "sink_config.shard_count=2");
    assertThat(run.status).as(run.output()).isEqualTo(Job.OK);

    List<ShardReader.Stored> stored = ShardReader.readAll(kinesis.client(), "job-batch");
    assertThat(kinesis.openShards("job-batch")).isEqualTo(2);
    assertThat(stored).hasSize(3000);
    assertEachDecodesAsItsType(stored);
    assertThat(stored.stream().map(r -> r.partitionKey).distinct())
        .containsExactlyInAnyOrderElementsOf(FIELD_OF_TYPE.keySet());
  }

  @Test
  void batchRunAutoShardsTheStreamForItsRowsAndTargetTime(KinesisEmulator kinesis) throws Exception {
    SharedSpark.session();
    // The seed's setting in a batch: 2,100 rows to be written in 1 s need ceil(2,100 / 1,000) = 3
    // shards (about 100 bytes a record is far below 1 MiB/s a shard).
    Run run =
        run(
            kinesis, "job-batch-auto", "--rows", "2100",
            "--set", "sink_config.auto_shard_calculation=true",
            "--set", "sink_config.batch_target_seconds=1");
    assertThat(run.status).as(run.output()).isEqualTo(Job.OK);

    assertThat(kinesis.openShards("job-batch-auto")).isEqualTo(3);
    List<ShardReader.Stored> stored = ShardReader.readAll(kinesis.client(), "job-batch-auto");
    assertThat(stored).hasSize(2100);
    assertEachDecodesAsItsType(stored);
    // The summary shows what the sink did, which the sink otherwise logs only at INFO.
    assertThat(run.out)
        .contains("[streamgen] provisioned: kinesis stream 'job-batch-auto': created with 3 shards\n")
        .containsPattern(
            "\\[streamgen\\] sink counts: recordsSent 2,100, recordsRetried 0, recordsFailed 0,"
                + " recordsThrottled 0, bytesSent [0-9,]+, putRecordsCalls [0-9,]+\n");
    assertThat(sinkCount(run.out, "bytesSent"))
        .isEqualTo(stored.stream().mapToLong(r -> r.data.length + r.partitionKey.getBytes(StandardCharsets.UTF_8).length).sum());
  }

  @Test
  void streamingRunAutoShardsTheStreamForItsRate(KinesisEmulator kinesis) throws Exception {
    SharedSpark.session();
    Run run =
        run(
            kinesis, "job-stream", "--duration", "2s",
            "--set", "streaming_config.total_rows_per_second=1100",
            "--set", "sink_config.auto_shard_calculation=true",
            "--progress-interval", "2");
    assertThat(run.status).as(run.output()).isEqualTo(Job.OK);

    // 1,100 events/s of about 100 bytes: ceil(1100 / 1000) = 2 shards, created by the job.
    assertThat(kinesis.openShards("job-stream")).isEqualTo(2);
    List<ShardReader.Stored> stored = ShardReader.readAll(kinesis.client(), "job-stream");
    // How many micro-batches complete in 2 s depends on the machine; what arrived must decode.
    assertThat(stored).isNotEmpty();
    assertEachDecodesAsItsType(stored);
    assertThat(run.out)
        .contains("[streamgen] provisioned: kinesis stream 'job-stream': created with 2 shards\n")
        .contains(", recordsFailed 0, recordsThrottled 0, ");
    // Counted from the micro-batches' committed tasks: a task the timed stop cut short may have
    // stored records it never reported.
    assertThat(sinkCount(run.out, "recordsSent")).isPositive().isLessThanOrEqualTo(stored.size());
  }

  /** A count from the summary's "sink counts:" line. */
  private static long sinkCount(String out, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("sink counts: .*\\b" + name + " ([0-9,]+)").matcher(out);
    assertThat(m.find()).as("%s in the sink counts of:%n%s", name, out).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private void assertEachDecodesAsItsType(List<ShardReader.Stored> stored) throws Exception {
    for (ShardReader.Stored s : stored) {
      JsonNode event = json.readTree(new String(s.data, StandardCharsets.UTF_8));
      List<String> fields = new ArrayList<>();
      for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
        fields.add(it.next());
      }
      assertThat(fields)
          .as("fields of a %s event", s.partitionKey)
          .containsExactly(
              "event_type_id", "event_time_micros", "user_id", FIELD_OF_TYPE.get(s.partitionKey));
      assertThat(event.get("event_type_id").asText()).isEqualTo(s.partitionKey);
    }
  }

  /** Runs the job in this JVM (on the shared session); the secret key comes from a secrets file. */
  private Run run(KinesisEmulator kinesis, String stream, String... args) throws Exception {
    Path secrets = Files.createTempFile("kinesis-secrets", ".properties");
    Files.write(
        secrets,
        ("test/aws-secret=" + KinesisEmulator.SECRET_ACCESS_KEY + "\n").getBytes(StandardCharsets.UTF_8));
    List<String> all =
        new ArrayList<>(
            Arrays.asList(
                "--catalog", QuickstartTestCatalog.class.getName(),
                "--secrets-file", secrets.toString(),
                "--set", "sink_config.type=kinesis",
                "--set", "sink_config.stream_name=" + stream,
                "--set", "sink_config.endpoint_url=" + kinesis.endpoint(),
                "--set", "sink_config.region=" + KinesisEmulator.REGION,
                "--set", "sink_config.aws_access_key_id=" + KinesisEmulator.ACCESS_KEY_ID,
                "--set", "sink_config.aws_secret_access_key={{secrets/test/aws-secret}}"));
    all.addAll(Arrays.asList(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new Job(new PrintStream(out, true, "UTF-8"), new PrintStream(err, true, "UTF-8"))
            .run(all.toArray(new String[0]));
    return new Run(status, out.toString("UTF-8"), err.toString("UTF-8"));
  }

  private static final class Run {
    final int status;
    final String out;
    final String err;

    Run(int status, String out, String err) {
      this.status = status;
      this.out = out;
      this.err = err;
    }

    String output() {
      return "stdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}
