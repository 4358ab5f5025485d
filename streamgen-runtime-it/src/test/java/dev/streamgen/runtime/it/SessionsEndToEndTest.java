package dev.streamgen.runtime.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.it.sessions.SessionsCatalog;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.source.ItClocks;
import dev.streamgen.runtime.source.StreamClock;
import org.apache.spark.sql.streaming.StreamingQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/sessions.yaml, run by the job to a real Delta table and read back with Spark: grouped
 * by session_id and ordered by timestamp, every session is a path of the machine the YAML declares
 * (written out here), with one start first, at most one end and only last, at most max_events events
 * and one user, steps 0, 1, 2, ... and session times increasing from the start's event time; the machine's events are its declared share of rows (5 sigma); one partition and
 * three give the same rows.
 */
class SessionsEndToEndTest {
  private static final long ROWS = 200_000;
  private static final double WEIGHT = 0.6;
  private static final int MAX_EVENTS = 30;
  static final Map<String, Set<String>> NEXT = Map.of(
      "session.start", Set.of("page.view"),
      "page.view", Set.of("page.view", "cart.add", "session.end"),
      "cart.add", Set.of("page.view", "order.placed", "session.end"),
      "order.placed", Set.of("session.end"),
      "session.end", Set.of());
  private static Dataset<Row> events;

  private static Dataset<Row> run(String name, int partitions) {
    return ItJob.toDelta(SessionsCatalog.class, name, "batch_config.partitions=" + partitions);
  }

  @BeforeAll
  static void writeTheSessionsToDelta() {
    events = run("sessions", 3).cache();
    assertThat(events.count()).isEqualTo(ROWS);
  }

  @Test
  void everySessionIsAPathOfTheMachineInTimestampOrder() {
    checkSessions(events, ROWS, true);
  }

  /** Checks every session of {@code events} ({@code rows} rows) against the machine. */
  private static void checkSessions(Dataset<Row> events, long rows, boolean mostEnd) {
    Dataset<Row> machine = events.filter(col("event_type_id").notEqual("heartbeat"))
        .select(col("event_type_id"), col("timestamp"),
            get_json_object(col("payload"), "$.session_id").as("session_id"),
            get_json_object(col("payload"), "$.user_id").as("user_id"),
            get_json_object(col("payload"), "$.step").cast("int").as("step"),
            get_json_object(col("payload"), "$.session_time").as("session_time"));
    long n = machine.count();
    double sigma = Math.sqrt(rows * WEIGHT * (1 - WEIGHT));
    assertThat((double) n).as("machine events").isBetween(rows * WEIGHT - 5 * sigma, rows * WEIGHT + 5 * sigma);
    assertThat(machine.filter(col("session_id").isNull().or(col("user_id").isNull())).count()).isZero();

    Map<String, List<Row>> sessions = new HashMap<>();
    for (Row r : machine.collectAsList()) {
      sessions.computeIfAbsent(r.getString(2), k -> new ArrayList<>()).add(r);
    }
    int ended = 0;
    double exponentialSum = 0;
    long exponentialGaps = 0;
    for (Map.Entry<String, List<Row>> e : sessions.entrySet()) {
      List<Row> s = e.getValue();
      s.sort((a, b) -> a.getTimestamp(1).compareTo(b.getTimestamp(1)));
      List<String> path = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        path.add(s.get(i).getString(0));
        assertThat(s.get(i).getInt(4)).as("step of event %d of session %s", i, e.getKey()).isEqualTo(i);
        if (i > 0) {
          assertThat(Instant.parse(s.get(i).getString(5))).as("session times of session %s increase", e.getKey())
              .isAfter(Instant.parse(s.get(i - 1).getString(5)));
          assertThat(s.get(i).getTimestamp(1)).as("timestamps of session %s increase", e.getKey()).isAfter(s.get(i - 1).getTimestamp(1));
          // The YAML's gaps: cart.add -> order.placed uniform in [5, 60] s, every other step 1 s plus an
          // exponential of mean 20 s, clipped to [1, 120] s.
          long gap = ChronoUnit.MICROS.between(Instant.parse(s.get(i - 1).getString(5)), Instant.parse(s.get(i).getString(5)));
          boolean ordered = s.get(i - 1).getString(0).equals("cart.add") && s.get(i).getString(0).equals("order.placed");
          assertThat(gap).as("gap before event %d of session %s", i, e.getKey())
              .isBetween(ordered ? 5_000_000L : 1_000_000L, ordered ? 60_000_000L : 120_000_000L);
          if (!ordered) {
            exponentialSum += gap / 1e6;
            exponentialGaps++;
          }
          assertThat(s.get(i).getString(3)).as("one user per session").isEqualTo(s.get(0).getString(3));
        }
      }
      assertThat(path.get(0)).as("session %s starts", e.getKey()).isEqualTo("session.start");
      assertThat(Instant.parse(s.get(0).getString(5))).as("the session time of session %s starts at its start's event time", e.getKey())
          .isEqualTo(s.get(0).getTimestamp(1).toInstant());
      assertThat(path.size()).isLessThanOrEqualTo(MAX_EVENTS);
      for (int i = 1; i < path.size(); i++) {
        assertThat(NEXT.get(path.get(i - 1))).as("%s after %s in %s", path.get(i), path.get(i - 1), path).contains(path.get(i));
      }
      long ends = path.stream().filter("session.end"::equals).count();
      assertThat(ends).isLessThanOrEqualTo(1);
      if (ends == 1) {
        ended++;
        assertThat(path.get(path.size() - 1)).isEqualTo("session.end");
      }
    }
    double mean = 1 + 20 * (1 - Math.exp(-119.0 / 20));
    assertThat(Math.abs(exponentialSum / exponentialGaps - mean)).as("mean exponential gap of %d", exponentialGaps)
        .isLessThan(5 * 20 / Math.sqrt(exponentialGaps));
    // A session of this machine ends within 30 events with probability near 1; only those still in
    // progress at the end of the run (at most one per lane, 500) or of a block are cut.
    if (mostEnd) {
      assertThat(ended).as("ended of %d sessions", sessions.size()).isGreaterThan(sessions.size() * 9 / 10);
      assertThat(sessions.size()).isGreaterThan(10_000);
    }
  }

  /**
   * A stream stopped and restarted from its checkpoint (a manual clock: 3 s, stop, 2 s pass, 2 s more)
   * writes exactly the rows a batch read of the same seed writes, sessions in flight at the stop
   * included; and every session in it is a path of the machine.
   */
  @Test
  void aStreamRestartedFromItsCheckpointContinuesItsSessions() throws Exception {
    long start = 1_767_225_600_000_000L;
    long rate = 10_000;
    String dir = ItSpark.tempDir("sessions-stream");
    String path = dir + "/events";
    String checkpoint = dir + "/checkpoint";
    String clockName = "sessions-restart-" + java.util.UUID.randomUUID();
    StreamClock.Manual clock = new StreamClock.Manual(start);
    ItClocks.register(clockName, clock);
    try {
      SinkOptions options = new SinkOptions("delta", Map.of("path", path));
      StreamingQuery first = Sinks.configure(options).startStream(stream(clockName, rate), checkpoint);
      first.processAllAvailable();
      for (int s = 0; s < 3; s++) {
        clock.advanceSeconds(1);
        first.processAllAvailable();
      }
      first.stop();
      clock.advanceSeconds(2);
      StreamingQuery second = Sinks.configure(options).startStream(stream(clockName, rate), checkpoint);
      second.processAllAvailable();
      for (int s = 0; s < 2; s++) {
        clock.advanceSeconds(1);
        second.processAllAvailable();
      }
      second.stop();
      long rows = 7 * rate + 1; // event times 0 .. 7 s
      Dataset<Row> back = ItSpark.session().read().format("delta").load(path)
          .withColumn("payload", col("serialized_payload").cast("string"));
      assertThat(back.count()).isEqualTo(rows);
      Dataset<Row> batch = ItRows.batch(SessionsCatalog.class, rows, 5, start, rate);
      Dataset<Row> a = back.select("event_type_id", "timestamp", "partition_key", "payload");
      Dataset<Row> b = batch.select("event_type_id", "timestamp", "partition_key", "payload");
      ItRows.assertSameRows(a, b);
      checkSessions(back, rows, false);
      // Sessions in flight at the stop (the first run wrote event times up to 3 s) continue after it.
      java.sql.Timestamp stop = new java.sql.Timestamp((start + 3_000_000L) / 1000);
      long straddling = back.filter(col("event_type_id").notEqual("heartbeat"))
          .select(get_json_object(col("payload"), "$.session_id").as("sid"), col("timestamp"))
          .groupBy("sid").agg(org.apache.spark.sql.functions.min("timestamp").as("lo"), org.apache.spark.sql.functions.max("timestamp").as("hi"))
          .filter(col("lo").leq(org.apache.spark.sql.functions.lit(stop)).and(col("hi").gt(org.apache.spark.sql.functions.lit(stop))))
          .count();
      assertThat(straddling).as("sessions across the restart").isGreaterThan(100);
    } finally {
      ItClocks.unregister(clockName);
    }
  }

  /** The typed columns of a machine's type (session_id and the session's user through UDFs) equal its kernel at every row. */
  @Test
  void typedColumnsOfASessionTypeEqualTheKernel() {
    long seed = 5;
    long time = 1_767_225_600_000_000L;
    Dataset<Row> typed = dev.streamgen.runtime.StreamGen.typed(ItSpark.session(), SessionsCatalog.class, "page.view", 400, seed, time, 1000);
    SessionsCatalog catalog = new SessionsCatalog();
    List<Row> rows = typed.collectAsList();
    String[] names = typed.columns();
    assertThat(names).containsExactly("session_id", "step", "session_time", "user_id", "url");
    for (int i = 0; i < rows.size(); i++) {
      dev.streamgen.runtime.encode.ByteWriter out = new dev.streamgen.runtime.encode.ByteWriter();
      catalog.kernel(2).write(seed, i, time + i * 1000L, dev.streamgen.runtime.api.Format.JSON, out);
      com.fasterxml.jackson.databind.JsonNode kernel = Payloads.json(out.toByteArray());
      for (int c = 0; c < names.length; c++) {
        Object value = rows.get(i).get(c);
        String text = value instanceof java.sql.Timestamp t ? t.toInstant().toString() : String.valueOf(value);
        String expected = names[c].equals("session_time") ? Instant.parse(kernel.get(names[c]).asText()).toString() : kernel.get(names[c]).asText();
        assertThat(text).as("row %d %s", i, names[c]).isEqualTo(expected);
      }
    }
  }

  private static Dataset<Row> stream(String clockName, long rate) {
    return ItSpark.session().readStream().format("streamgen")
        .option("catalog", SessionsCatalog.class.getName())
        .option("rowsPerSecond", rate)
        .option("seed", 5)
        .option("clock", clockName)
        .load();
  }

  /**
   * The rows of two runs, whose start times differ: the payload without its session time (an
   * absolute time), and the session time as an offset from the row's own timestamp.
   */
  private static Dataset<Row> comparable(Dataset<Row> events) {
    return events.select(col("event_type_id"), col("partition_key"),
        regexp_replace(col("payload"), "\"session_time\":\"[^\"]*\"", "").as("payload"),
        expr("unix_micros(to_timestamp(get_json_object(payload, '$.session_time'))) - unix_micros(timestamp)")
            .as("session_time_offset"));
  }

  @Test
  void oneAndThreePartitionsGiveTheSameRows() {
    Dataset<Row> one = run("sessions-one-partition", 1);
    Dataset<Row> a = comparable(events);
    Dataset<Row> b = comparable(one);
    assertThat(a.filter(col("event_type_id").notEqual("heartbeat").and(col("session_time_offset").isNull())).count()).isZero();
    assertThat(b.count()).isEqualTo(ROWS);
    ItRows.assertSameRows(a, b);
  }
}
