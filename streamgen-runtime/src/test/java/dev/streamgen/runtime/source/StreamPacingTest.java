package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.settings.RateShape;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import java.util.function.DoubleUnaryOperator;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.junit.jupiter.api.Test;

/**
 * Pacing per rate shape, driven as Spark's trigger drives the source but with a manual clock and no
 * Spark: every step the clock moves and the source plans what is due. Rows emitted per window are
 * compared with the integral of the shape's rate written out here, independently of the code under
 * test (every shape is piecewise linear with corners and steps on whole seconds, so the midpoint
 * rule on a one-second grid is exact). A window's count differs from the integral by at most a row.
 */
class StreamPacingTest {
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z, a Thursday
  private static final long S = 1_000_000L;
  private static final long H = 3600 * S;

  private final StreamClock.Manual clock = new StreamClock.Manual(START);

  private StreamgenMicroBatchStream stream(String... options) {
    SourceOptions.Builder b =
        SourceOptions.builder().catalog(QuickstartTestCatalog.class.getName()).maxRowsPerBatch(Long.MAX_VALUE / 4);
    SourceOptions o = SourceOptions.parse(withCatalog(b.build().asMap(), options));
    return new StreamgenMicroBatchStream(GenerationPlan.resolve(o), o, 2, clock);
  }

  private static java.util.Map<String, String> withCatalog(java.util.Map<String, String> base, String... kv) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Rows of [a, b) seconds of the rate r(t), t in seconds since the first row: midpoints of 1 s. */
  private static double integral(DoubleUnaryOperator r, long a, long b) {
    double sum = 0;
    for (long t = a; t < b; t++) {
      sum += r.applyAsDouble(t + 0.5);
    }
    return sum;
  }

  /**
   * Moves the clock {@code step} seconds at a time for {@code seconds}, planning after each move,
   * and checks the rows emitted in every window of {@code window} seconds against the integral.
   */
  private void assertPaced(StreamgenMicroBatchStream s, DoubleUnaryOperator r, long step, long window, long seconds) {
    StreamgenOffset at = start(s);
    long windowStartRow = 0;
    for (long t = step; t <= seconds; t += step) {
      clock.advanceMicros(step * S);
      at = (StreamgenOffset) s.latestOffset(at, s.getDefaultReadLimit());
      if (t % window == 0) {
        // Rows emitted by now are those with event time <= t; the window holds (t - window, t].
        long achieved = at.row() - windowStartRow;
        double target = integral(r, t - window, t);
        assertThat(Math.abs(achieved - target))
            .as("window ending at %d s: %d rows, target %.3f", t, achieved, target)
            .isLessThanOrEqualTo(1.0 + 1e-9 * target);
        if (target >= 10_000) {
          assertThat(Math.abs(achieved - target) / target).isLessThan(0.01);
        }
        windowStartRow = at.row();
      }
    }
  }

  /** A fresh stream as Spark starts it: the empty warm-up batch, then the batch holding row 0. */
  private static StreamgenOffset start(StreamgenMicroBatchStream s) {
    Offset initial = s.initialOffset();
    StreamgenOffset warmUp = (StreamgenOffset) s.latestOffset(initial, s.getDefaultReadLimit());
    assertThat(warmUp.row()).as("the first batch is empty").isZero();
    StreamgenOffset first = (StreamgenOffset) s.latestOffset(warmUp, s.getDefaultReadLimit());
    assertThat(first.row()).as("the next holds row 0 alone").isEqualTo(1);
    return first;
  }

  @Test
  void firstRowIsDueOnlyOnceSparkHasRunAWarmUpBatch() {
    StreamgenMicroBatchStream s = stream("rowsPerSecond", "1000", "maxRowsPerBatch", "10000");
    Offset initial = s.initialOffset();
    clock.advanceSeconds(12); // the query was made, then Spark took 12 s to plan its first batch
    StreamgenOffset warmUp = (StreamgenOffset) s.latestOffset(initial, s.getDefaultReadLimit());
    assertThat(warmUp.row()).isZero();
    clock.advanceSeconds(40); // a cold first batch (Spark, Delta) takes 40 s
    StreamgenOffset first = (StreamgenOffset) s.latestOffset(warmUp, s.getDefaultReadLimit());
    assertThat(first.row()).isEqualTo(1);
    assertThat(first.startMicros()).isEqualTo(START + 52 * S);
    // Every minute from the first row holds 60,000 rows (60,001 in the first: row 0 is at t = 0).
    StreamgenOffset at = first;
    long minuteStart = 0;
    for (int second = 1; second <= 180; second++) {
      clock.advanceSeconds(1);
      at = (StreamgenOffset) s.latestOffset(at, s.getDefaultReadLimit());
      if (second % 60 == 0) {
        assertThat(at.row() - minuteStart).as("minute ending at %d s", second).isEqualTo(second == 60 ? 60_001 : 60_000);
        minuteStart = at.row();
      }
    }
  }

  @Test
  void aRerunOfTheFirstBatchKeepsTheLoggedTimeline() {
    StreamgenMicroBatchStream s = stream("rowsPerSecond", "1000");
    StreamgenOffset end = start(s);
    // After a crash Spark re-runs batch 0 from a new stream's initial offset to the logged end.
    StreamClock.Manual later = new StreamClock.Manual(START + 30 * S);
    SourceOptions o = SourceOptions.builder().catalog(QuickstartTestCatalog.class.getName()).build();
    StreamgenMicroBatchStream restarted = new StreamgenMicroBatchStream(GenerationPlan.resolve(o), o, 1, later);
    InputPartition[] parts = restarted.planInputPartitions(restarted.initialOffset(), end);
    assertThat(((RowRangeReader.RowRange) parts[0]).startMicros()).isEqualTo(START);
  }

  @Test
  void rampFollowsItsTrapezoid() {
    DoubleUnaryOperator r = t -> t < 60 ? 20 * t : 1200;
    assertPaced(stream("rate", "ramp 0 to 1200 over 1m"), r, 1, 10, 120);
  }

  @Test
  void dailyCurveFollowsTheClockHours() {
    StringBuilder text = new StringBuilder("daily");
    double[] hourly = new double[24];
    for (int h = 0; h < 24; h++) {
      hourly[h] = 2 + 3 * (h % 6);
      text.append(h == 0 ? " " : ",").append((long) hourly[h]);
    }
    clock.advanceMicros(90 * 60 * S); // the first row at 01:30 UTC
    long offset = 5400;
    DoubleUnaryOperator r =
        t -> {
          double clockSeconds = (t + offset) % 86_400;
          int h = (int) (clockSeconds / 3600);
          double f = (clockSeconds - h * 3600) / 3600;
          return hourly[h] + (hourly[(h + 1) % 24] - hourly[h]) * f;
        };
    assertPaced(stream("rate", text.toString()), r, 60, 3600, 2 * 86_400);
  }

  @Test
  void weeklyCurveScalesDaysByWeekday() {
    StringBuilder text = new StringBuilder("weekly");
    for (int h = 0; h < 24; h++) {
      text.append(' ').append(h < 8 ? 1 : 4);
    }
    double[] day = {1, 1, 1, 2, 1, 0.5, 0.5}; // Monday first; START is a Thursday
    text.append(" days 1 1 1 2 1 0.5 0.5");
    DoubleUnaryOperator r =
        t -> {
          long whole = (long) t;
          int d = (int) ((3 + whole / 86_400) % 7);
          int h = (int) (whole % 86_400 / 3600);
          double f = (t - (whole - whole % 3600)) / 3600;
          double here = (h < 8 ? 1 : 4) * day[d];
          int nh = (h + 1) % 24;
          int nd = nh == 0 ? (d + 1) % 7 : d;
          double next = (nh < 8 ? 1 : 4) * day[nd];
          return here + (next - here) * f;
        };
    assertPaced(stream("rate", text.toString()), r, 600, 86_400, 8 * 86_400);
  }

  @Test
  void burstsComeEveryPeriodFromTheFirstRow() {
    DoubleUnaryOperator r = t -> t % 60 >= 50 ? 1000 : 100;
    assertPaced(stream("rate", "bursts 100 peak 1000 for 10s every 1m"), r, 1, 10, 300);
  }

  @Test
  void loopingStagesRepeat() {
    DoubleUnaryOperator r =
        t -> {
          double c = t % 25;
          if (c < 10) {
            return 100;
          }
          return c < 20 ? 100 + 20 * (c - 10) : 0;
        };
    assertPaced(stream("rate", "stages 100 for 10s; ramp 100 to 300 over 10s; 0 for 5s; loop"), r, 1, 5, 150);
  }

  @Test
  void boundedStreamEndsAtItsRow() {
    StreamgenMicroBatchStream byRows = stream("rowsPerSecond", "1000", "maxRows", "2500");
    StreamgenOffset at = start(byRows);
    for (int i = 0; i < 10; i++) {
      clock.advanceSeconds(1);
      at = (StreamgenOffset) byRows.latestOffset(at, byRows.getDefaultReadLimit());
    }
    assertThat(at.row()).isEqualTo(2500);
    assertThat(byRows.metrics(java.util.Optional.<Offset>of(at))).containsEntry("endRow", "2500");

    // Three seconds of event time of a ramp 0 -> 1000 over 10 s: rows with t < 3 s, 100 t^2 / 2 = 450.
    StreamgenMicroBatchStream byTime = stream("rate", "ramp 0 to 1000 over 10s", "durationSeconds", "3");
    at = start(byTime);
    for (int i = 0; i < 10; i++) {
      clock.advanceSeconds(1);
      at = (StreamgenOffset) byTime.latestOffset(at, byTime.getDefaultReadLimit());
    }
    assertThat(at.row()).isEqualTo(450);
    RateShape ramp = RateShape.parse("ramp 0 to 1000 over 10s");
    assertThat(ramp.micros(at.startMicros(), 449)).isLessThan(at.startMicros() + 3 * S);
    assertThat(ramp.micros(at.startMicros(), 450)).isEqualTo(at.startMicros() + 3 * S);
  }
}
