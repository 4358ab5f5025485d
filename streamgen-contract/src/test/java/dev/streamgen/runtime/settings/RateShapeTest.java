package dev.streamgen.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shapes' closed forms: rows per window against hand-computed integrals, and N / N⁻¹ agreeing. */
class RateShapeTest {
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z, a Thursday
  private static final long S = 1_000_000L;
  private static final long H = 3600 * S;

  /** micros and rowsDue describe the same timeline: row i is due exactly from its event time. */
  private static void assertConsistent(RateShape shape, long start, long rows) {
    long previous = Long.MIN_VALUE;
    for (long i = 0; i < rows; i += 1 + i / 50) {
      long t = shape.micros(start, i);
      assertThat(t).as("row %d", i).isGreaterThanOrEqualTo(previous);
      previous = t;
      assertThat(shape.rowsDue(start, t - start)).as("due at row %d's time", i).isGreaterThan(i);
      if (t > start) {
        assertThat(shape.rowsDue(start, t - start - 1)).as("due before row %d's time", i).isLessThanOrEqualTo(i);
      }
    }
  }

  @Test
  void constantWholeRateIsTheExactIntegerTimeline() {
    RateShape c = RateShape.parse("1000");
    assertThat(c).isEqualTo(RateShape.parse("1000"));
    assertThat(c.isConstant()).isTrue();
    assertThat(c.micros(START, 0)).isEqualTo(START);
    assertThat(c.micros(START, 1234)).isEqualTo(START + 1_234_000);
    assertThat(c.rowsDue(START, 0)).isEqualTo(1);
    assertThat(c.rowsDue(START, 60 * S)).isEqualTo(60_001);
    assertThat(RateShape.parse("constant 3").micros(START, 1)).isEqualTo(START + 333_333);
    assertConsistent(RateShape.parse("0.5"), START, 100);
  }

  @Test
  void rampRowsFollowTheTrapezoid() {
    RateShape ramp = RateShape.parse("ramp 0 to 1000 over 10s");
    // Integral of 0 -> 1000 over 10 s is 5,000 rows, then 1,000/s.
    assertThat(ramp.rowsIn(START, 10 * S)).isEqualTo(5000.0);
    assertThat(ramp.rowsIn(START, 5 * S)).isEqualTo(1250.0); // 100 t^2 / 2 at t = 5
    assertThat(ramp.rowsDue(START, 10 * S - 1)).isEqualTo(5000);
    assertThat(ramp.rowsDue(START, 10 * S)).isEqualTo(5001);
    assertThat(ramp.rowsDue(START, 20 * S)).isEqualTo(15_001);
    assertThat(ramp.micros(START, 1250)).isEqualTo(START + 5 * S);
    assertThat(ramp.rowsPerSecondAt(START, 5 * S)).isEqualTo(500.0);
    assertThat(ramp.peakRowsPerSecond()).isEqualTo(1000.0);
    assertConsistent(ramp, START, 20_000);
    assertConsistent(RateShape.parse("ramp 1000 -> 10 over 1m"), START, 40_000);
  }

  @Test
  void dailyCurveFollowsTheClockHours() {
    StringBuilder rates = new StringBuilder("daily");
    for (int h = 0; h < 24; h++) {
      rates.append(h == 0 ? " " : ",").append(h < 12 ? 100 : 300);
    }
    RateShape daily = RateShape.parse(rates.toString());
    // 00:00-01:00 at 100/s: 360,000 rows; 11:00-12:00 ramps 100 -> 300: 720,000 rows.
    assertThat(daily.rowsIn(START, H)).isEqualTo(360_000.0);
    assertThat(daily.rowsIn(START + 11 * H, H)).isEqualTo(720_000.0);
    // Starting mid-day the shape is at noon's rate, not at its first hour.
    assertThat(daily.rowsPerSecondAt(START + 13 * H, 0)).isEqualTo(300.0);
    // A day is a day whatever the start: 11.5 h at 100, 11.5 h at 300, two ramps averaging 200.
    assertThat(daily.rowsIn(START + 7 * H, 24 * H)).isCloseTo(23 * 3600 * 200.0 + 3600 * 200.0, org.assertj.core.data.Offset.offset(1e-3));
    assertConsistent(daily, START + 10 * H + 123, 2_000_000);
  }

  @Test
  void weeklyScalesTheDayByWeekday() {
    StringBuilder text = new StringBuilder("weekly");
    for (int h = 0; h < 24; h++) {
      text.append(" 100");
    }
    text.append(" days 1 1 1 2 1 0.5 0.5");
    RateShape weekly = RateShape.parse(text.toString());
    // START is a Thursday (factor 2): 200 rows/s until 23:00, then a ramp to Friday's 100.
    assertThat(weekly.rowsPerSecondAt(START, 0)).isEqualTo(200.0);
    assertThat(weekly.rowsIn(START, 23 * H)).isEqualTo(23 * 3600 * 200.0);
    assertThat(weekly.rowsIn(START + 2 * 24 * H, 24 * H)).isEqualTo(24 * 3600 * 50.0); // Saturday
    assertConsistent(weekly, START + 22 * H, 1_000_000);
  }

  @Test
  void burstsRepeatFromTheFirstRow() {
    RateShape bursts = RateShape.parse("bursts 100 peak 1000 for 10s every 1m");
    assertThat(bursts.rowsIn(START, 50 * S)).isEqualTo(5000.0);
    assertThat(bursts.rowsIn(START, 60 * S)).isEqualTo(15_000.0);
    assertThat(bursts.rowsIn(START, 10 * 60 * S)).isEqualTo(150_000.0);
    assertThat(bursts.rowsPerSecondAt(START, 9 * 60 * S + 55 * S)).isEqualTo(1000.0);
    assertThat(bursts.rowsDue(START, 60 * S - 1)).isEqualTo(15_000);
    assertConsistent(bursts, START, 50_000);
  }

  @Test
  void stagesRunInTurnAndLoop() {
    RateShape stages = RateShape.parse("stages 100 for 10s; ramp 100 to 300 over 10s; 0 for 5s; loop");
    // One cycle: 1,000 + 2,000 + 0 rows in 25 s.
    assertThat(stages.rowsIn(START, 25 * S)).isEqualTo(3000.0);
    assertThat(stages.rowsIn(START, 100 * S)).isEqualTo(12_000.0);
    // The pause: nothing is due between 20 s and 25 s; the next row comes at the next cycle's start.
    assertThat(stages.rowsDue(START, 20 * S)).isEqualTo(stages.rowsDue(START, 25 * S - 1));
    assertThat(stages.micros(START, 3000)).isEqualTo(START + 25 * S);
    assertConsistent(stages, START, 20_000);
    RateShape holds = RateShape.parse("stages 100 for 10s; 50 for 10s");
    assertThat(holds.rowsIn(START, 60 * S)).isEqualTo(1000 + 50 * 50.0);
  }

  @Test
  void malformedShapesSayWhatIsExpected() {
    assertThat(RateShape.problem("ramp 100 to 1000 in 10m")).isEqualTo("a ramp is written 'ramp 100 to 1000 over 10m'");
    assertThat(RateShape.problem("ramp 100 to 1000 over 10y"))
        .startsWith("'10y' is not a duration: expected a whole number greater than 0 with unit ms, s, m, h or d");
    assertThat(RateShape.problem("rmap 1 to 2 over 1s")).startsWith("unknown rate shape 'rmap'; did you mean 'ramp'?");
    assertThat(RateShape.problem("daily 1 2 3")).isEqualTo("daily takes 24 rates, one per hour of the day (UTC) from 00:00, got 3");
    assertThat(RateShape.problem("bursts 10 peak 100 for 2m every 1m"))
        .isEqualTo("a burst of 2m does not fit in every 1m: the burst must be shorter than its period");
    assertThat(RateShape.problem("stages 100 for 1m; loop; 5 for 1s")).isEqualTo("'loop' must be the last stage");
    assertThat(RateShape.problem("stages 100 for 1m; ramp 100 to 0 over 1m"))
        .startsWith("the rate after the last stage (it holds; end with 'loop' to repeat) must be greater than 0");
    assertThat(RateShape.problem("stages 0 for 1m; loop")).isEqualTo("the stages must have some rows: every rate is 0");
    assertThat(RateShape.problem("-5")).startsWith("'-5' is not a rate");
    assertThat(RateShape.problem("stages 100 for 1m; ramp 100 to 0 over 1m; loop")).isNull();
    assertThatThrownBy(() -> RateShape.parse("")).hasMessageStartingWith("expected a rate shape: 1000, ramp");
  }
}
