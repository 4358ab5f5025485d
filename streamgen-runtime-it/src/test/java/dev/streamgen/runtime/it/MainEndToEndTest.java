package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.job.Job;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Main's job with the catalog generated in this build, found on the classpath like in a user's jar,
 * its compiled YAML (the seed's Quick Start: kinesis, secrets) as the defaults; writing local Delta
 * tables read back and decoded with the generated Avro schemas.
 */
class MainEndToEndTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int main(String... args) {
    ItSpark.session();
    return new Job(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  @Test
  void compiledDefaultsNeedTheirSecrets() {
    // The Quick Start YAML streams to Kinesis with {{secrets/my-scope/...}} credentials.
    assertThat(main("--dry-run")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "streamgen: sink_config.aws_access_key_id: secret {{secrets/my-scope/aws-key}} not found; looked in:"
                + " Databricks secrets (not available here), environment variable STREAMGEN_SECRET_MY_SCOPE_AWS_KEY");
  }

  @Test
  void batchAppendAndOverwriteToDeltaDecodeWithTheGeneratedSchemas() {
    String path = ItSpark.tempDir("main-batch") + "/events";
    String[] common = {
      "--set", "sink_config.type=delta",
      "--set", "sink_config.path=" + path,
      "--set", "serialization_format=avro"
    };
    assertThat(main(concat(common, "--rows", "3000", "--seed", "1"))).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(main(concat(common, "--rows", "2000", "--seed", "2"))).isZero();
    Dataset<Row> table = ItSpark.session().read().format("delta").load(path);
    assertThat(table.count()).isEqualTo(5000);
    assertThat(main(concat(common, "--rows", "1000", "--seed", "3", "--set", "sink_config.mode=overwrite"))).isZero();
    List<Row> rows = ItSpark.session().read().format("delta").load(path).collectAsList();
    assertThat(rows).hasSize(1000);
    Payloads.Avro avro = new Payloads.Avro();
    Set<String> types = new HashSet<>();
    for (Row r : rows) {
      byte[] payload = r.getAs("serialized_payload");
      GenericRecord event = avro.decode(payload);
      assertThat(avro.schema(payload).getDoc()).isEqualTo("streamgen event type " + r.getAs("event_type_id"));
      // Quick Start's partition_key_field is user_id.
      assertThat(r.<String>getAs("partition_key")).isEqualTo(event.get("user_id").toString());
      types.add(r.getAs("event_type_id"));
    }
    assertThat(types).containsExactlyInAnyOrder("user.session.start", "user.purchase", "user.session.end");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[streamgen] batch of 1,000 rows in 8 partitions, 3 event types (events.yaml), format avro, seed 3")
        .contains("[streamgen] output: Delta table at " + path);
  }

  @Test
  void streamToDeltaForADurationThenReadBack() {
    String dir = ItSpark.tempDir("main-stream");
    int status =
        main(
            "--duration", "3s",
            "--progress-interval", "1",
            "--set", "streaming_config.checkpoint_location=" + dir + "/checkpoint",
            "--set", "sink_config.type=delta",
            "--set", "sink_config.path=" + dir + "/events",
            "--set", "serialization_format=avro");
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<Row> rows = ItSpark.session().read().format("delta").load(dir + "/events").collectAsList();
    assertThat(rows).isNotEmpty();
    Payloads.Avro avro = new Payloads.Avro();
    for (Row r : rows) {
      avro.decode(r.getAs("serialized_payload"));
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    String count = String.format(java.util.Locale.ROOT, "%,d", rows.size());
    assertThat(printed).contains("[streamgen] stream at 1,000 rows/s for 3.0 s");
    // The duration bounds event time: the rows of the first 3 s from the first row, then a clean
    // final commit, and the summary names exactly those rows.
    assertThat(rows).hasSize(3000);
    assertThat(printed)
        .as(printed)
        .contains("[streamgen] done: " + count + " rows")
        .contains("[streamgen] committed: rows 0 to 2,999 (3,000 rows), event time ")
        .doesNotContain("interrupted");
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
