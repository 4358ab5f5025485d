package dev.streamgen.runtime.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.it.sessions.SessionsCatalog;
import dev.streamgen.it.webshop.WebshopCatalog;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Simulated event time in a batch, through the job to real Delta tables: a day of traffic back-filled
 * in one batch follows the daily curve hour by hour, and the payload fields that carry event time (a
 * plain {@code timestamp} field, a session's time) follow the simulated clock, not the wall clock.
 */
class SimulatedTimeEndToEndTest {
  private static final String START = "2026-03-02T00:00:00Z";
  private static final long START_MICROS = 1_772_409_600_000_000L;
  private static final long HOUR = 3_600_000_000L;
  /** The daily curve: rows per second at 00:00, 01:00, ... UTC; linear in between, 23:00 back to 00:00. */
  private static final double[] HOURLY = {
    1, 0.5, 0.5, 0.5, 0.5, 1, 1.5, 2, 2.5, 3, 3, 2.5, 2.5, 2.5, 3, 3, 2.5, 2, 2, 1.5, 1.5, 1, 1, 1
  };

  private static String dailyShape() {
    StringBuilder b = new StringBuilder("daily ");
    for (int h = 0; h < 24; h++) {
      b.append(h == 0 ? "" : ",").append(HOURLY[h]);
    }
    return b.toString();
  }

  /** Rows in hour h: the integral of a linear piece, (r_h + r_{h+1}) / 2 * 3600. */
  private static double expectedInHour(int h) {
    return (HOURLY[h] + HOURLY[(h + 1) % 24]) / 2 * 3600;
  }

  @Test
  void aDayBackFilledInOneBatchFollowsTheDailyCurveHourByHour() {
    double day = 0;
    for (int h = 0; h < 24; h++) {
      day += expectedInHour(h);
    }
    long rows = Math.round(day); // 151,200: every row of the day, the last just before midnight
    Dataset<Row> events =
        ItJob.toDelta(
                SessionsCatalog.class,
                "simulated-day",
                "streaming_config.rate=" + dailyShape(),
                "streaming_config.event_time.start=" + START,
                "batch_config.total_rows=" + rows)
            .cache();
    assertThat(events.count()).isEqualTo(rows);

    Map<Long, Long> perHour = new HashMap<>();
    Dataset<Row> hours =
        events.select(expr("floor((unix_micros(timestamp) - " + START_MICROS + ") / " + HOUR + ")").as("hour"))
            .groupBy("hour").count();
    for (Row r : hours.collectAsList()) {
      perHour.put(r.getLong(0), r.getLong(1));
    }
    assertThat(perHour.keySet()).as("every row falls in the simulated day").allMatch(h -> h >= 0 && h < 24);
    for (int h = 0; h < 24; h++) {
      // Rows before an instant T are ceil(N(T)); at whole-hour N that is exact but for rounding
      // of the inverse, so an hour's count is the integral within one row.
      assertThat((double) perHour.getOrDefault((long) h, 0L))
          .as("rows in hour %d", h)
          .isCloseTo(expectedInHour(h), org.assertj.core.data.Offset.offset(1.0));
    }

    // Session time follows the simulated clock: a session's start carries its own event time.
    Dataset<Row> starts =
        events.filter(col("event_type_id").equalTo("session.start"))
            .select(expr("unix_micros(to_timestamp(get_json_object(payload, '$.session_time'))) - unix_micros(timestamp)").as("d"));
    assertThat(starts.count()).isGreaterThan(1000);
    assertThat(starts.filter(col("d").isNull().or(col("d").notEqual(0))).count()).isZero();
    // Later steps are the start plus gaps (at most 30 events of at most 120 s): within the day and an hour.
    Dataset<Row> times =
        events.filter(col("event_type_id").notEqual("heartbeat"))
            .select(expr("unix_micros(to_timestamp(get_json_object(payload, '$.session_time')))").as("t"));
    Row range = times.agg(expr("min(t)"), expr("max(t)")).first();
    assertThat(range.getLong(0)).as("the first session starts in the day's first minute").isBetween(START_MICROS, START_MICROS + 60_000_000L);
    assertThat(range.getLong(1)).isBetween(START_MICROS + 23 * HOUR, START_MICROS + 25 * HOUR);

    // The first hour as a plain source read with one partition (the job wrote three): the same rows.
    long firstHour = perHour.get(0L);
    Dataset<Row> read =
        ItSpark.session().read().format("streamgen")
            .option("catalog", SessionsCatalog.class.getName())
            .option("seed", 5)
            .option("rate", dailyShape())
            .option("startTimeMicros", START_MICROS)
            .option("rows", firstHour)
            .option("partitions", 1)
            .load()
            .select("event_type_id", "timestamp", "partition_key", "serialized_payload");
    Dataset<Row> written =
        events.filter(expr("unix_micros(timestamp) < " + (START_MICROS + HOUR)))
            .select("event_type_id", "timestamp", "partition_key", "serialized_payload");
    ItRows.assertSameRows(written, read);
    events.unpersist();
  }

  @Test
  void anEventTimeFieldIsTheSimulatedTime() {
    Dataset<Row> events =
        ItJob.toDelta(
            WebshopCatalog.class,
            "simulated-webshop",
            "streaming_config.rate=ramp 1 to 3 over 1h",
            "streaming_config.event_time.start=" + START,
            "batch_config.total_rows=7200");
    Dataset<Row> d =
        events.select(
            expr("unix_micros(to_timestamp(get_json_object(payload, '$.event_time')))").as("field"),
            expr("unix_micros(timestamp)").as("row"));
    assertThat(d.count()).isEqualTo(7200);
    assertThat(d.filter(col("field").isNull().or(col("field").notEqual(col("row")))).count()).isZero();
    Row range = d.agg(expr("min(field)"), expr("max(field)")).first();
    // The ramp's first hour holds (1 + 3) / 2 * 3600 = 7,200 rows: all of them in [start, start + 1 h).
    assertThat(range.getLong(0)).isEqualTo(START_MICROS);
    assertThat(range.getLong(1)).isBetween(START_MICROS + HOUR - 1_000_000L, START_MICROS + HOUR - 1);
  }
}
