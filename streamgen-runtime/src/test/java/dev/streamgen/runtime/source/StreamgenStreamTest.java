package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The micro-batch stream, paced by a manual clock the test moves: a minute of streaming is checked
 * without waiting a minute, and without timing thresholds. One short test uses the real clock.
 */
class StreamgenStreamTest {
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
  private static final long MICROS_PER_ROW_AT_1000 = 1000;

  private final String clockName = "test-clock-" + UUID.randomUUID();
  private final StreamClock.Manual clock = new StreamClock.Manual(START);
  private final List<StreamingQuery> queries = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (StreamingQuery q : queries) {
      q.stop();
    }
    StreamClock.unregister(clockName);
  }

  private Dataset<Row> stream(String... options) {
    StreamClock.register(clockName, clock);
    org.apache.spark.sql.streaming.DataStreamReader r =
        SharedSpark.session()
            .readStream()
            .format("streamgen")
            .option("catalog", QuickstartTestCatalog.class.getName())
            .option("rowsPerSecond", 1000)
            .option("partitions", 2)
            .option("clock", clockName);
    for (int i = 0; i < options.length; i += 2) {
      r = r.option(options[i], options[i + 1]);
    }
    return r.load();
  }

  private StreamingQuery toMemory(Dataset<Row> df, String table) throws Exception {
    StreamingQuery q = df.writeStream().format("memory").queryName(table).outputMode("append").start();
    queries.add(q);
    return q;
  }

  private static long batchesWithRows(StreamingQuery q) {
    return java.util.Arrays.stream(q.recentProgress()).filter(p -> p.numInputRows() > 0).count();
  }

  /** Row indexes from event times: at 1000 rows/s row i happens at START + i ms. */
  private static List<Long> rowIndexes(SparkSession spark, String table) {
    List<Long> idx = new ArrayList<>();
    for (Row r : spark.sql("SELECT timestamp FROM " + table).collectAsList()) {
      Timestamp t = r.getTimestamp(0);
      long micros = Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
      assertThat((micros - START) % MICROS_PER_ROW_AT_1000).isZero();
      idx.add((micros - START) / MICROS_PER_ROW_AT_1000);
    }
    Collections.sort(idx);
    return idx;
  }

  private static void assertContiguous(List<Long> idx, long expectedCount) {
    assertThat(idx).hasSize((int) expectedCount);
    for (int i = 0; i < idx.size(); i++) {
      if (idx.get(i) != i) {
        throw new AssertionError("row " + i + " is " + idx.get(i) + " (gap or duplicate)");
      }
    }
  }

  @Test
  void rateHoldsOverAMinuteOfClockTime() throws Exception {
    String table = "rate_minute";
    StreamingQuery q = toMemory(stream(), table);
    q.processAllAvailable();
    for (int tick = 1; tick <= 30; tick++) {
      clock.advanceSeconds(2);
      q.processAllAvailable();
    }
    List<Long> idx = rowIndexes(SharedSpark.session(), table);
    // Rows with event time in [0 s, 60 s]: 60 * 1000 + 1, none missing, none twice.
    assertContiguous(idx, 60_001);
    double achieved = (idx.size() - 1) / 60.0;
    assertThat(Math.abs(achieved - 1000) / 1000).isLessThan(0.01);
  }

  @Test
  void slowBatchIsCaughtUpInCappedBatchesWithoutDrift() throws Exception {
    String table = "catch_up";
    StreamingQuery q = toMemory(stream("maxRowsPerBatch", "2500"), table);
    q.processAllAvailable();
    for (int s = 0; s < 5; s++) {
      clock.advanceSeconds(1);
      q.processAllAvailable();
    }
    // A stall: ten seconds pass before the next trigger. Rows due: 10,000 more than before.
    clock.advanceSeconds(10);
    q.processAllAvailable();
    List<Long> sizes = new ArrayList<>();
    for (StreamingQueryProgress p : q.recentProgress()) {
      if (p.numInputRows() > 0) {
        sizes.add(p.numInputRows());
      }
    }
    assertThat(sizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2500L));
    assertThat(sizes.stream().filter(n -> n == 2500L).count()).isEqualTo(4);
    // Caught up: every row with event time in [0 s, 15 s], exactly once.
    assertContiguous(rowIndexes(SharedSpark.session(), table), 15_001);
  }

  @Test
  void rowsAreReleasedInStepsOfTheEmitInterval() throws Exception {
    String table = "steps";
    StreamingQuery q = toMemory(stream("emitIntervalMillis", "500"), table);
    q.processAllAvailable();
    clock.advanceMicros(400_000);
    q.processAllAvailable();
    assertThat(rowIndexes(SharedSpark.session(), table)).hasSize(1); // only row 0 (t = 0)
    clock.advanceMicros(100_000);
    q.processAllAvailable();
    assertContiguous(rowIndexes(SharedSpark.session(), table), 501); // rows at t <= 500 ms
  }

  @Test
  void sourceReportsHowFarBehindItIs() throws Exception {
    StreamingQuery q = toMemory(stream("maxRowsPerBatch", "100"), "behind");
    q.processAllAvailable();
    clock.advanceSeconds(1);
    q.processAllAvailable();
    StreamingQueryProgress last = q.lastProgress();
    assertThat(last.sources()[0].metrics()).containsEntry("targetRowsPerSecond", "1000");
    assertThat(last.sources()[0].metrics()).containsKey("rowsBehind");
  }

  private static List<Long> eventTimes(SparkSession spark, Dataset<Row> rows) {
    List<Long> out = new ArrayList<>();
    for (Row r : rows.select("timestamp").collectAsList()) {
      Timestamp t = r.getTimestamp(0);
      out.add(Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000);
    }
    Collections.sort(out);
    return out;
  }

  @Test
  void boundedStreamEndsExactlyAtMaxRows() throws Exception {
    String table = "bounded";
    StreamingQuery q = toMemory(stream("maxRows", "2500"), table);
    q.processAllAvailable();
    for (int s = 0; s < 5; s++) {
      clock.advanceSeconds(1);
      q.processAllAvailable();
    }
    assertContiguous(rowIndexes(SharedSpark.session(), table), 2500);
    assertThat(q.lastProgress().sources()[0].metrics()).containsEntry("endRow", "2500");
  }

  @Test
  void restartMidShapeContinuesTheShape() throws Exception {
    // Stages: 100/s for 10 s, a ramp to 300/s over 10 s, a 5 s pause, repeating. Stop in the ramp,
    // stay down 5 s, restart from the checkpoint, run to 40 s from the first row.
    String shape = "stages 100 for 10s; ramp 100 to 300 over 10s; 0 for 5s; loop";
    String dir = SharedSpark.tempDir("rate-restart");
    String[] options = {"rate", shape};
    StreamingQuery first = toFiles(stream(options), dir);
    first.processAllAvailable();
    for (int s = 0; s < 15; s++) {
      clock.advanceSeconds(1);
      first.processAllAvailable();
    }
    first.stop();
    clock.advanceSeconds(5);
    StreamingQuery second = toFiles(stream(options), dir);
    second.processAllAvailable();
    for (int s = 0; s < 20; s++) {
      clock.advanceSeconds(1);
      second.processAllAvailable();
    }
    second.stop();
    SparkSession spark = SharedSpark.session();
    List<Long> times = eventTimes(spark, spark.read().parquet(dir + "/out"));
    // Rows with event time in [0, 40 s]: one cycle of 1,000 + 2,000 rows, then 1,000 at 100/s and
    // 5 s of the ramp from 100 (100 * 5 + 20 * 5^2 / 2 = 750): 4,750 rows, plus row 4,750 at 40 s.
    assertThat(times).hasSize(4751);
    assertThat(new java.util.HashSet<>(times)).hasSize(4751);
    long origin = times.get(0);
    assertThat(origin).isEqualTo(START);
    assertThat(times.get(4750)).isEqualTo(START + 40_000_000L);
    // Per 5 s window of event time: the integral of the rate, within a row.
    double[] expected = {500, 500, 750, 1250, 0, 500, 500, 750};
    for (int w = 0; w < expected.length; w++) {
      long from = START + w * 5_000_000L;
      long to = from + 5_000_000L;
      long n = times.stream().filter(t -> t >= from && t < to).count();
      assertThat((double) n).as("window %d", w).isCloseTo(expected[w], org.assertj.core.data.Offset.offset(1.0));
    }
    // The same rows as one uninterrupted batch read of the same shape from the same origin.
    Dataset<Row> batch =
        spark.read()
            .format("streamgen")
            .option("catalog", QuickstartTestCatalog.class.getName())
            .option("rate", shape)
            .option("rows", 4751)
            .option("startTimeMicros", origin)
            .load();
    assertThat(eventTimes(spark, batch)).isEqualTo(times);
  }

  private StreamingQuery toFiles(Dataset<Row> df, String dir) throws Exception {
    StreamingQuery q =
        df.writeStream()
            .format("parquet")
            .option("path", dir + "/out")
            .option("checkpointLocation", dir + "/checkpoint")
            .start();
    queries.add(q);
    return q;
  }

  @Test
  void faultsInAStreamAreTheBatchsAcrossARestart() throws Exception {
    String faults = "late_share=0.1,out_of_order_share=0.1,duplicate_share=0.1,duplicate_window_rows=500,"
        + "drop_share=0.1,ground_truth=true";
    String dir = SharedSpark.tempDir("faults-stream");
    long end = 0;
    // Two runs of the same checkpoint: the second continues where the first stopped.
    for (int run = 0; run < 2; run++) {
      StreamingQuery q = stream("faults", faults).writeStream().format("parquet")
          .option("checkpointLocation", dir + "/cp").start(dir + "/out");
      queries.add(q);
      q.processAllAvailable();
      for (int tick = 0; tick < 3; tick++) {
        clock.advanceSeconds(2);
        q.processAllAvailable();
      }
      end = StreamgenOffset.fromJson(q.lastProgress().sources()[0].endOffset()).row();
      q.stop();
    }
    assertThat(end).isEqualTo(12_001); // rows due at 12 s of clock time at 1000 rows/s
    SparkSession spark = SharedSpark.session();
    String[] columns = {"row_index", "is_duplicate", "event_type_id", "timestamp", "partition_key", "serialized_payload"};
    List<Row> streamed = spark.read().parquet(dir + "/out").selectExpr(columns)
        .orderBy("row_index", "is_duplicate").collectAsList();
    List<Row> batch = spark.read().format("streamgen")
        .option("catalog", QuickstartTestCatalog.class.getName())
        .option("rows", end).option("rowsPerSecond", 1000).option("startTimeMicros", START)
        .option("partitions", 3).option("faults", faults).load()
        .selectExpr(columns).orderBy("row_index", "is_duplicate").collectAsList();
    assertThat(streamed).hasSizeLessThan((int) end).isEqualTo(batch);
  }

  @Test
  void realClockStreamEmitsAContiguousSequence() throws Exception {
    // Real time, no thresholds: whatever was emitted must be rows 0..n-1 exactly once.
    Dataset<Row> df =
        SharedSpark.session()
            .readStream()
            .format("streamgen")
            .option("catalog", QuickstartTestCatalog.class.getName())
            .option("rowsPerSecond", 1000)
            .option("emitIntervalMillis", 200)
            .load();
    String table = "real_clock";
    StreamingQuery q = toMemory(df, table);
    // Wait for the event the test needs (three micro-batches with rows), not for a time: a loaded
    // machine may take longer than any fixed sleep to run the first one.
    while (batchesWithRows(q) < 3) {
      assertThat(q.exception().isDefined()).as("stream failed").isFalse();
      q.awaitTermination(100);
    }
    q.stop();
    List<Row> rows = SharedSpark.session().sql("SELECT timestamp FROM " + table + " ORDER BY timestamp").collectAsList();
    assertThat(rows).isNotEmpty();
    Timestamp first = rows.get(0).getTimestamp(0);
    for (int i = 0; i < rows.size(); i++) {
      Timestamp t = rows.get(i).getTimestamp(0);
      long deltaMicros =
          (t.getTime() - first.getTime()) * 1000 + (t.getNanos() / 1000 % 1000) - (first.getNanos() / 1000 % 1000);
      assertThat(deltaMicros).as("row %d", i).isEqualTo(i * 1000L);
    }
  }
}
