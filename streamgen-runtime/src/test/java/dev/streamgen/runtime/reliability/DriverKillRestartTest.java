package dev.streamgen.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's driver fault: {@code Main} streams to Delta in a JVM of its own and is killed with
 * SIGKILL three times, each time while a micro-batch is planned but not committed, then restarted
 * with the same checkpoint; a last run ends normally. The table is read back and every row's index is
 * recovered from its event time (row i happens at start + i / rate; the start is in the checkpoint's
 * offsets). Delta's guarantee with a checkpoint is exactly-once: no gap, no duplicate.
 */
@Tag("slow")
class DriverKillRestartTest {
  private static final int RATE = 2000; // rows/s: 500 µs between rows, so event time → row index is exact
  private static final long MICROS_PER_ROW = 1_000_000L / RATE;
  private static final int KILLS = 2;

  @Test
  void deltaStreamKilledMidBatchTwiceResumesWithoutGapOrDuplicate(@TempDir Path tmp) throws Exception {
    Path table = tmp.resolve("table");
    Path checkpoint = tmp.resolve("checkpoint");
    int killedWithBatchInFlight = 0;
    for (int k = 0; k < KILLS; k++) {
      try (ChildJvm job = ChildJvm.main(args(table, checkpoint), java.util.Map.of(), tmp.resolve("run" + k + ".log"))) {
        int commits = deltaCommits(table);
        waitFor(() -> deltaCommits(table) >= commits + 1 || !job.alive(), 300, job);
        assertThat(job.alive()).as("run %d still streaming; output:%n%s", k, job.tail()).isTrue();
        // Kill between planning a batch (offsets/N written) and committing it (commits/N).
        waitFor(() -> batchInFlight(checkpoint) || !job.alive(), 60, job);
        if (batchInFlight(checkpoint)) {
          killedWithBatchInFlight++;
        }
        job.kill9();
      }
    }
    int status;
    String lastOutput;
    try (ChildJvm last = ChildJvm.main(withDuration(args(table, checkpoint), 8), java.util.Map.of(), tmp.resolve("last.log"))) {
      status = last.await(300);
      lastOutput = last.output();
    }
    assertThat(status).as("last run's exit status; output:%n%s", lastOutput).isZero();

    long startMicros = startMicros(checkpoint);
    List<Long> indexes = new ArrayList<>();
    List<Row> rows = SharedSpark.session().read().format("delta").load(table.toString()).select("timestamp").collectAsList();
    long misaligned = 0;
    for (Row r : rows) {
      long micros = micros(r.getTimestamp(0)) - startMicros;
      if (micros % MICROS_PER_ROW != 0) {
        misaligned++;
      }
      indexes.add(micros / MICROS_PER_ROW);
    }
    Collections.sort(indexes);
    long duplicates = 0;
    long gaps = 0;
    for (int i = 1; i < indexes.size(); i++) {
      long step = indexes.get(i) - indexes.get(i - 1);
      if (step == 0) {
        duplicates++;
      } else if (step > 1) {
        gaps += step - 1;
      }
    }
    long committedRows = committedEndRow(checkpoint);
    System.out.printf(
        "driver kill -9 + restart, Delta: %d kills (%d with a batch planned but not committed), %d rows in the table,"
            + " rows 0..%d, committed end offset %d: gaps %d, duplicates %d, misaligned event times %d%n",
        KILLS, killedWithBatchInFlight, indexes.size(), indexes.isEmpty() ? -1 : indexes.get(indexes.size() - 1),
        committedRows, gaps, duplicates, misaligned);
    assertThat(indexes).as("rows written").isNotEmpty();
    assertThat(indexes.get(0)).as("first row").isZero();
    assertThat(misaligned).isZero();
    assertThat(gaps).as("rows missing").isZero();
    assertThat(duplicates).as("rows written twice").isZero();
    // A stop can land after Delta committed a batch and before the checkpoint did: that batch's rows
    // are in the table, and a restart would skip rewriting them (Delta's idempotent transaction).
    assertThat((long) indexes.size()).as("rows in the table vs the checkpoint").isBetween(committedRows, plannedEndRow(checkpoint));
    assertThat(killedWithBatchInFlight).as("kills that hit a batch in flight").isPositive();
  }

  private static List<String> args(Path table, Path checkpoint) {
    return new ArrayList<>(Arrays.asList(
        "--catalog", QuickstartTestCatalog.class.getName(),
        "--seed", "7",
        "--progress-interval", "2",
        "--set", "generation_mode=streaming",
        "--set", "streaming_config.total_rows_per_second=" + RATE,
        "--set", "streaming_config.partitions=2",
        "--set", "streaming_config.checkpoint_location=" + checkpoint,
        "--set", "sink_config.type=delta",
        "--set", "sink_config.path=" + table));
  }

  private static List<String> withDuration(List<String> args, int seconds) {
    args.add("--duration");
    args.add(seconds + "s");
    return args;
  }

  private static void waitFor(BooleanSupplier condition, int seconds, ChildJvm job) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s; output:\n" + job.tail());
      }
      Thread.sleep(20);
    }
  }

  /** Delta commits so far: the JSON files of the table's log. */
  static int deltaCommits(Path table) {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(log)) {
      return (int) files.filter(p -> p.getFileName().toString().matches("\\d+\\.json")).count();
    } catch (IOException e) {
      return 0; // listing raced with a write
    }
  }

  /** True when the highest planned batch (offsets/N) has no commit yet (commits/N). */
  static boolean batchInFlight(Path checkpoint) {
    OptionalLong planned = DeliveryCount.highest(checkpoint.resolve("offsets"));
    OptionalLong committed = DeliveryCount.highest(checkpoint.resolve("commits"));
    return planned.isPresent() && (committed.isEmpty() || planned.getAsLong() > committed.getAsLong());
  }

  /** The streamgen source's offset JSON of batch {@code n}: the third line of offsets/n. */
  private static JsonNode offset(Path checkpoint, long n) throws IOException {
    List<String> lines = Files.readAllLines(checkpoint.resolve("offsets").resolve(Long.toString(n)), StandardCharsets.UTF_8);
    return new ObjectMapper().readTree(lines.get(2));
  }

  /**
   * Row 0's event time: the last committed offset's start (the first batch is an empty warm-up whose
   * offset holds a provisional start; the first batch with rows fixes it).
   */
  private static long startMicros(Path checkpoint) throws IOException {
    return offset(checkpoint, DeliveryCount.highest(checkpoint.resolve("commits")).getAsLong()).get("startMicros").asLong();
  }

  /** The end row of the last committed batch: every row below it must be in the table. */
  private static long committedEndRow(Path checkpoint) throws IOException {
    return offset(checkpoint, DeliveryCount.highest(checkpoint.resolve("commits")).getAsLong()).get("row").asLong();
  }

  private static long plannedEndRow(Path checkpoint) throws IOException {
    return offset(checkpoint, DeliveryCount.highest(checkpoint.resolve("offsets")).getAsLong()).get("row").asLong();
  }

  private static long micros(Timestamp t) {
    return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
  }
}
