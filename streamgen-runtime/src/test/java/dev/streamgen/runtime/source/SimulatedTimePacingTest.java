package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.junit.jupiter.api.Test;

/**
 * Simulated time, driven as Spark's trigger drives the source but with a manual wall clock and no
 * Spark: at speed s, row i is due once the wall clock has run (eventTime(i) - start) / s past the
 * first row. Expected counts are the integral of the rate over the event-time window a wall-clock
 * window covers, written out here; a window's count may differ from it by one row.
 */
class SimulatedTimePacingTest {
  private static final long WALL = 1_796_601_600_000_000L; // 2026-12-07T00:00:00Z: the wall clock
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z: event time
  private static final long S = 1_000_000L;

  private final StreamClock.Manual clock = new StreamClock.Manual(WALL);

  private StreamgenMicroBatchStream stream(String... options) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("catalog", QuickstartTestCatalog.class.getName());
    for (int i = 0; i < options.length; i += 2) {
      m.put(options[i], options[i + 1]);
    }
    SourceOptions o = SourceOptions.parse(m);
    return new StreamgenMicroBatchStream(GenerationPlan.resolve(o), o, 2, clock);
  }

  /** The warm-up batch, then the batch with row 0 alone; returns the latter's end. */
  private StreamgenOffset start(StreamgenMicroBatchStream s) {
    StreamgenOffset warmUp = next(s, s.initialOffset());
    assertThat(warmUp.row()).as("the first batch is empty").isZero();
    StreamgenOffset first = next(s, warmUp);
    assertThat(first.row()).as("the next holds row 0 alone").isEqualTo(1);
    return first;
  }

  private static StreamgenOffset next(StreamgenMicroBatchStream s, Offset from) {
    return (StreamgenOffset) s.latestOffset(from, s.getDefaultReadLimit());
  }

  @Test
  void anHourOfTrafficTakesAMinuteAtSpeed60() {
    StreamgenMicroBatchStream s = stream("rowsPerSecond", "100", "startTimeMicros", Long.toString(START), "speed", "60");
    clock.advanceSeconds(30); // a slow warm-up: no rows pile up meanwhile
    StreamgenOffset at = start(s);
    assertThat(at.startMicros()).as("row 0's event time is the configured start").isEqualTo(START);
    assertThat(at.wallStartMicros()).as("and it is emitted when the first real batch is planned").isEqualTo(WALL + 30 * S);
    long before = at.row();
    for (int second = 1; second <= 60; second++) {
      clock.advanceSeconds(1);
      at = next(s, at);
      // Each wall second covers 60 s of event time at 100 rows/s: 6,000 rows.
      assertThat(at.row() - before).as("wall second %d", second).isEqualTo(6000);
      before = at.row();
    }
    // An hour of event time, [0, 3600 s], in a minute: 360,000 rows and row 360,000 at 01:00.
    assertThat(at.row()).isEqualTo(360_001);
    assertThat(s.metrics(Optional.<Offset>of(at))).containsEntry("targetRowsPerSecond", "6000");
  }

  @Test
  void belowSpeedOneTimeRunsSlowerThanTheWallClock() {
    StreamgenMicroBatchStream s =
        stream("rowsPerSecond", "100", "startTimeMicros", Long.toString(START), "speed", "0.25", "emitIntervalMillis", "0");
    StreamgenOffset at = start(s);
    for (int second = 1; second <= 40; second++) {
      clock.advanceSeconds(1);
      at = next(s, at);
      // Four wall seconds per event second: 25 rows per wall second, row 25k due at wall 4k s.
      assertThat(at.row()).as("wall second %d", second).isEqualTo(25L * second + 1);
    }
    assertThat(s.metrics(Optional.<Offset>of(at))).containsEntry("targetRowsPerSecond", "25");
  }

  @Test
  void aDailyCurveIsPacedInEventTime() {
    // A day at speed 1440 takes a minute: each wall second covers 24 minutes of the curve.
    double[] hourly = new double[24];
    StringBuilder text = new StringBuilder("daily");
    for (int h = 0; h < 24; h++) {
      hourly[h] = 10 + 5 * (h % 8);
      text.append(h == 0 ? " " : ",").append((long) hourly[h]);
    }
    StreamgenMicroBatchStream s =
        stream("rate", text.toString(), "startTimeMicros", Long.toString(START), "speed", "1440", "emitIntervalMillis", "0");
    StreamgenOffset at = start(s);
    long windowStart = 0;
    for (int second = 1; second <= 120; second++) {
      clock.advanceSeconds(1);
      at = next(s, at);
      if (second % 5 == 0) {
        // Five wall seconds: two hours of event time from (second - 5) * 24 minutes (whole hours).
        double expected = 0;
        for (long t = (second - 5) * 1440L; t < second * 1440L; t++) {
          double clockSeconds = (t + 0.5) % 86_400; // START is midnight UTC: curve hour = clock hour
          int h = (int) (clockSeconds / 3600);
          double f = (clockSeconds - h * 3600) / 3600;
          expected += hourly[h] + (hourly[(h + 1) % 24] - hourly[h]) * f;
        }
        assertThat(Math.abs(at.row() - windowStart - expected)).as("window ending at wall %d s", second).isLessThanOrEqualTo(1.0);
        windowStart = at.row();
      }
    }
  }

  @Test
  void aStartInThePastIsReplayedNotCaughtUpAtOnce() {
    // Real time with a start in the past would make eleven months of rows due at once; simulated
    // time at speed 1 replays them from now.
    StreamgenMicroBatchStream s =
        stream("rowsPerSecond", "1000", "startTimeMicros", Long.toString(START), "speed", "1", "emitIntervalMillis", "0");
    StreamgenOffset at = start(s);
    clock.advanceSeconds(2);
    at = next(s, at);
    assertThat(at.row()).isEqualTo(2001);
    assertThat(at.startMicros()).isEqualTo(START);
  }

  @Test
  void aRestartKeepsTheSimulatedTimelineOfTheCheckpoint() {
    StreamgenMicroBatchStream s = stream("rowsPerSecond", "10", "startTimeMicros", Long.toString(START), "speed", "60", "maxRowsPerBatch", "100000");
    StreamgenOffset at = start(s);
    for (int i = 0; i < 5; i++) {
      clock.advanceSeconds(1);
      at = next(s, at);
    }
    String logged = at.json();
    // The driver dies; a new stream (another wall clock reading, a changed start option) resumes
    // from the logged offset and keeps its origins: 10 s later everything due by then is due.
    clock.advanceSeconds(10);
    StreamgenMicroBatchStream restarted =
        stream("rowsPerSecond", "10", "startTimeMicros", Long.toString(START + 999 * S), "speed", "60", "maxRowsPerBatch", "100000");
    StreamgenOffset resumed = next(restarted, restarted.deserializeOffset(logged));
    assertThat(resumed.startMicros()).isEqualTo(START);
    assertThat(resumed.wallStartMicros()).isEqualTo(at.wallStartMicros());
    // 15 wall seconds = 900 s of event time at 10 rows/s: rows 0 .. 9,000.
    assertThat(resumed.row()).isEqualTo(9001);
  }
}
