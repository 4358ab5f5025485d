package dev.streamgen.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code streamgen.event_time} through the job: the settings, their errors (named by the --set that
 * gave them), what the run prints, and the rows it writes. Real clock, no timing thresholds: a
 * simulated hour at speed 3600 is a bounded stream that stops by itself.
 */
class SimulatedTimeJobTest {
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z

  private final JobConsole job = new JobConsole();

  @Test
  void badStartIsNamedByItsSet() {
    assertThat(job.run("--set", "streaming_config.event_time.start=yesterday")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: --set streaming_config.event_time.start: 'yesterday' is not valid for"
                + " streaming_config.event_time.start: expected an ISO-8601 instant such as 2026-01-01T00:00:00Z\n");
  }

  @Test
  void zeroSpeedIsNamedByItsSet() {
    assertThat(job.run("--set", "streaming_config.event_time.speed=0")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo(
            "streamgen: --set streaming_config.event_time.speed: '0' is not valid for"
                + " streaming_config.event_time.speed: expected a number greater than 0, such as 60 or 0.5\n");
  }

  @Test
  void anHourOfEventTimeStreamsAtSpeed3600AndEndsAtItsBound() {
    String dir = SharedSpark.tempDir("job-simulated");
    String path = dir + "/events";
    int status =
        job.run(
            "--progress-interval", "1",
            "--set", "generation_mode=streaming",
            "--set", "streaming_config.total_rows_per_second=10",
            "--set", "streaming_config.event_time.start=2026-01-01T00:00:00Z",
            "--set", "streaming_config.event_time.speed=3600",
            "--set", "streaming_config.duration_seconds=3600",
            "--set", "streaming_config.checkpoint_location=" + dir + "/checkpoint",
            "--set", "sink_config.type=delta",
            "--set", "sink_config.path=" + path);
    assertThat(status).as(job.err()).isZero();
    assertThat(job.out())
        .contains("[streamgen] stream at 10 rows/s for 1:00:00 of event time, simulated event time from 2026-01-01T00:00:00Z at 3600x, 3 event types")
        .contains("[streamgen] committed: rows 0 to 35,999 (36,000 rows), event time 2026-01-01T00:00:00Z to 2026-01-01T00:59:59.900Z")
        .contains("; the stream ended at its bound (streaming_config.duration_seconds 3600)");
    for (String line : job.out().split("\n")) {
      if (line.contains(" from the first row: ") && !line.contains(": 0 rows committed")) {
        // Rows per wall second: 10 rows/s of event time at 3600x.
        assertThat(line).contains("(target 36,000)").contains(", event time reached 2026-01-01T");
      }
    }
    List<Long> micros = new ArrayList<>();
    for (Row r : SharedSpark.session().read().format("delta").load(path).select("timestamp").collectAsList()) {
      Timestamp t = r.getTimestamp(0);
      micros.add(Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000);
    }
    Collections.sort(micros);
    assertThat(micros).hasSize(36_000);
    for (int i = 0; i < micros.size(); i++) {
      assertThat(micros.get(i)).as("row %d", i).isEqualTo(START + i * 100_000L);
    }
  }

  @Test
  void aBatchWithAStartSaysWhichEventTimesItWrote() {
    String path = SharedSpark.tempDir("job-simulated-batch") + "/events";
    int status =
        job.run(
            "--rows", "7200",
            "--set", "streaming_config.rate=ramp 1 to 3 over 1h",
            "--set", "streaming_config.event_time.start=2026-01-01T00:00:00Z",
            "--set", "sink_config.type=delta",
            "--set", "sink_config.path=" + path);
    assertThat(status).as(job.err()).isZero();
    // 7,200 rows of the ramp: 1 h holds (1 + 3) / 2 * 3600 = 7,200 rows, the last one just before 01:00.
    assertThat(job.out())
        .contains("[streamgen] batch of 7,200 rows in 2 partitions, simulated event time from 2026-01-01T00:00:00Z, 3 event types")
        .contains("[streamgen] event time: 2026-01-01T00:00:00Z to 2026-01-01T00:59:59.");
  }
}
