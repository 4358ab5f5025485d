package dev.streamgen.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code Main}'s job end to end in this JVM (it uses the tests' Spark session, as it would use a
 * Databricks or spark-submit session), over the hand-written test catalog listed in this module's
 * test resources.
 */
class JobTest {
  private final JobConsole job = new JobConsole();

  @Test
  void helpListsTheFlags() {
    assertThat(job.run("--help")).isZero();
    assertThat(job.out())
        .startsWith("Usage: java -cp <your-app.jar> dev.streamgen.runtime.Main [options]")
        .contains("--config FILE", "--set key.path=value", "--duration", "--rows N", "--seed N", "--catalog CLASS")
        .contains("docs/runtime.md");
  }

  @Test
  void misspeltSetKeyExitsWithTheExactMessage() {
    assertThat(job.run("--set", "streaming_config.total_rows_per_secnd=5000")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: --set streaming_config.total_rows_per_secnd: unknown setting"
                + " 'streaming_config.total_rows_per_secnd'; did you mean 'streaming_config.total_rows_per_second'?\n");
    assertThat(job.out()).isEmpty();
  }

  @Test
  void wrongValueTypeExitsWithTheExactMessage() {
    assertThat(job.run("--set", "batch_config.total_rows=many")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: --set batch_config.total_rows: 'many' is not valid for batch_config.total_rows:"
                + " expected a whole number greater than 0\n");
  }

  @Test
  void unknownFlagSuggestsTheRightOne() {
    assertThat(job.run("--confg", "x.yaml")).isEqualTo(2);
    assertThat(job.err()).isEqualTo("streamgen: unknown option --confg; did you mean '--config'?\nRun with --help for usage.\n");
  }

  @Test
  void badDuration() {
    assertThat(job.run("--duration", "5 minutes")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: --duration '5 minutes': expected seconds, or a whole number with unit s, m or h (e.g. 30s, 5m)\n"
                + "Run with --help for usage.\n");
  }

  @Test
  void rowsAndDurationConflict() {
    assertThat(job.run("--rows", "10", "--duration", "5s")).isEqualTo(2);
    assertThat(job.err()).startsWith("streamgen: --rows (a batch run) and --duration (a streaming run) cannot be combined");
  }

  @Test
  void missingConfigFile() {
    assertThat(job.run("--config", "/nonexistent/run.yaml")).isEqualTo(2);
    assertThat(job.err()).isEqualTo("streamgen: --config /nonexistent/run.yaml: file not found\n");
  }

  @Test
  void sinkProblemsAreReportedBeforeSparkRuns() {
    assertThat(job.run("--rows", "10", "--set", "sink_config.type=delta")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: --set sink_config.type: one of sink_config.path, sink_config.table_name is required for sink"
                + " type 'delta'\n");
  }

  @Test
  void batchToDeltaPrintsASummary() throws Exception {
    String path = SharedSpark.tempDir("job-batch") + "/events";
    int status =
        job.run("--rows", "2000", "--seed", "7", "--set", "sink_config.type=delta", "--set", "sink_config.path=" + path);
    assertThat(status).as(job.err()).isZero();
    assertThat(job.out())
        .contains("[streamgen] batch of 2,000 rows in 2 partitions, 3 event types (quickstart-test.yaml), format json, seed 7")
        .contains("[streamgen] done: 2,000 rows in ")
        .contains("[streamgen] per type: user.session.start ")
        .contains("[streamgen] output: Delta table at " + path);
    assertThat(SharedSpark.session().read().format("delta").load(path).count()).isEqualTo(2000);
  }

  @Test
  void configFileLayersOverTheCompiledSettings() throws Exception {
    Path dir = Files.createTempDirectory("streamgen-job-config");
    Path config = dir.resolve("run.yaml");
    String path = dir.resolve("events").toString();
    Files.write(
        config,
        String.join(
                "\n",
                "batch_config:",
                "  total_rows: 321",
                "  partitions: 3",
                "sink_config:",
                "  type: delta",
                "  path: " + path,
                "")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(job.run("--config", config.toString())).as(job.err()).isZero();
    assertThat(SharedSpark.session().read().format("delta").load(path).count()).isEqualTo(321);
    assertThat(job.out()).contains("batch of 321 rows in 3 partitions");
  }

  @Test
  void configFileErrorsAreLocated() throws Exception {
    Path config = Files.createTempFile("streamgen-bad", ".yaml");
    Files.write(config, "streaming_config:\n  total_rows_per_second: fast\n".getBytes(StandardCharsets.UTF_8));
    assertThat(job.run("--config", config.toString())).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: "
                + config
                + ":2:26: 'fast' is not valid for streaming_config.total_rows_per_second: expected a whole number"
                + " greater than 0\n");
  }

  @Test
  void streamsForTheDurationThenSummarizes() throws Exception {
    // Real time and no thresholds: the run stops by itself and what it wrote is rows 0..n-1 once each.
    String dir = SharedSpark.tempDir("job-stream");
    String path = dir + "/events";
    int status =
        job.run(
            "--duration", "4s",
            "--progress-interval", "1",
            "--set", "streaming_config.total_rows_per_second=500",
            "--set", "streaming_config.checkpoint_location=" + dir + "/checkpoint",
            "--set", "sink_config.type=delta",
            "--set", "sink_config.path=" + path);
    assertThat(status).as(job.err()).isZero();
    assertThat(job.out())
        .contains("[streamgen] stream at 500 rows/s for 4.0 s")
        .contains(" from the first row: ")
        .contains("rows/s (target 500)")
        .contains("[streamgen] done: 2,000 rows in ")
        .contains("[streamgen] committed: rows 0 to 1,999 (2,000 rows), event time ")
        .contains("; the stream ended at its bound (streaming_config.duration_seconds 4)")
        .contains("[streamgen] checkpoint: " + dir + "/checkpoint");
    List<Long> micros = new ArrayList<>();
    for (Row r : SharedSpark.session().read().format("delta").load(path).select("timestamp").collectAsList()) {
      Timestamp t = r.getTimestamp(0);
      micros.add(Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000);
    }
    Collections.sort(micros);
    assertThat(micros).isNotEmpty();
    for (int i = 0; i < micros.size(); i++) {
      assertThat(micros.get(i) - micros.get(0)).as("row %d", i).isEqualTo(i * 2000L);
    }
  }

  @Test
  void streamStopsAfterMaxEventsWithACleanFinalCommit() throws Exception {
    String dir = SharedSpark.tempDir("job-max-events");
    String path = dir + "/events";
    int status =
        job.run(
            "--set", "generation_mode=streaming",
            "--set", "streaming_config.rate=ramp 200 to 400 over 10s",
            "--set", "streaming_config.max_events=700",
            "--set", "streaming_config.checkpoint_location=" + dir + "/checkpoint",
            "--set", "sink_config.type=delta",
            "--set", "sink_config.path=" + path);
    assertThat(status).as(job.err()).isZero();
    assertThat(job.out())
        .contains("[streamgen] stream at rate 'ramp 200 to 400 over 10s', at most 700 events,")
        .contains("[streamgen] committed: rows 0 to 699 (700 rows), event time ")
        .contains("; the stream ended at its bound (streaming_config.max_events 700)")
        .doesNotContain("interrupted");
    assertThat(SharedSpark.session().read().format("delta").load(path).count()).isEqualTo(700);
  }

  @Test
  void malformedRateShapeIsRejectedBeforeSparkStarts() {
    assertThat(job.run("--set", "streaming_config.rate=ramp 1 to 2 in 1m")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: --set streaming_config.rate: 'ramp 1 to 2 in 1m' is not valid for streaming_config.rate:"
                + " a ramp is written 'ramp 100 to 1000 over 10m'\n");
  }

  @Test
  void catalogIsFoundOnTheClasspath() {
    assertThat(dev.streamgen.runtime.source.LoadedCatalog.discover()).isEqualTo(QuickstartTestCatalog.class.getName());
  }
}
