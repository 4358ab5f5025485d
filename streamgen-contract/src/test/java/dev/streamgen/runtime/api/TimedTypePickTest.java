package dev.streamgen.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The type pick under weight changes, over 200,000 rows: outside a period every row keeps the
 * catalog's pick; inside, the shares are the declared ones (5 sigma) and a pinned type's rows are
 * exactly the catalog's; a repeating period covers its repeats only.
 */
class TimedTypePickTest {
  static final long SEED = 3;
  static final int ROWS = 200_000;
  static final long MINUTE = 60_000_000L;
  /** free.a 0.5, free.b 0.2, pinned 0.3. */
  static final double[] WEIGHTS = {0.5, 0.2, 0.3};
  static final AliasTable BASE = AliasTable.of(WEIGHTS);
  /** From minute 10 for 10 minutes, type 1 has 0.6 of all rows. */
  static final WeightChange INCIDENT = new WeightChange(10 * MINUTE, 10 * MINUTE, 0, new int[] {1}, new double[] {0.6});

  private static int base(long row) {
    return BASE.pick(Rng.hash(row, Rng.stream(SEED, Rng.TYPE_SALT)));
  }

  private static int timed(TimedTypePick pick, long row, long offsetMicros) {
    return pick.typeOf(base(row), row, offsetMicros, Rng.stream(SEED, Rng.PERIOD_TYPE_SALT));
  }

  @Test
  void withoutChangesThereIsNoTimedPick() {
    assertThat(TimedTypePick.of(WEIGHTS, Collections.emptyList(), new int[0])).isNull();
  }

  @Test
  void outsideThePeriodEveryRowKeepsTheCatalogsPick() {
    TimedTypePick pick = TimedTypePick.of(WEIGHTS, Collections.singletonList(INCIDENT), new int[] {2});
    for (long row = 0; row < ROWS; row++) {
      assertThat(timed(pick, row, 10 * MINUTE - 1)).isEqualTo(base(row));
      assertThat(timed(pick, row, 20 * MINUTE)).isEqualTo(base(row));
    }
  }

  @Test
  void insideThePeriodTheSharesAreTheDeclaredOnesAndPinnedRowsStay() {
    TimedTypePick pick = TimedTypePick.of(WEIGHTS, Collections.singletonList(INCIDENT), new int[] {2});
    long[] counts = new long[3];
    for (long row = 0; row < ROWS; row++) {
      int type = timed(pick, row, 10 * MINUTE);
      counts[type]++;
      assertThat(type == 2).as("row %d is of the pinned type exactly when the catalog's pick says so", row).isEqualTo(base(row) == 2);
    }
    // Pinned keeps 0.3; type 1 has 0.6; type 0, the only other free type, the remaining 0.1.
    double[] shares = {0.1, 0.6, 0.3};
    for (int t = 0; t < 3; t++) {
      double sigma = Math.sqrt(ROWS * shares[t] * (1 - shares[t]));
      assertThat((double) counts[t]).as("type %d: %s", t, Arrays.toString(counts))
          .isBetween(ROWS * shares[t] - 5 * sigma, ROWS * shares[t] + 5 * sigma);
    }
  }

  @Test
  void aRepeatingPeriodCoversEachRepeatAndNothingBetween() {
    WeightChange hourly = new WeightChange(25 * MINUTE, MINUTE, 60 * MINUTE, new int[] {0}, new double[] {1.0});
    assertThat(hourly.covers(25 * MINUTE - 1)).isFalse();
    assertThat(hourly.covers(25 * MINUTE)).isTrue();
    assertThat(hourly.covers(26 * MINUTE - 1)).isTrue();
    assertThat(hourly.covers(26 * MINUTE)).isFalse();
    assertThat(hourly.covers(85 * MINUTE)).isTrue();
    assertThat(hourly.covers(86 * MINUTE)).isFalse();
    assertThat(INCIDENT.covers(70 * MINUTE)).as("a period without every happens once").isFalse();
  }

  @Test
  void aPinnedTypeCannotBeNamed() {
    assertThatThrownBy(() -> TimedTypePick.of(WEIGHTS, Collections.singletonList(
            new WeightChange(0, MINUTE, 0, new int[] {2}, new double[] {0.5})), new int[] {2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("type 2 is pinned: a weight change cannot name it");
  }
}
