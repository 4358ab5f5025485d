package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void ceilingDoublesUpToTheCap() {
    Backoff b = new Backoff(100, 5_000);
    assertThat(b.ceilingMillis(0)).isEqualTo(100);
    assertThat(b.ceilingMillis(1)).isEqualTo(200);
    assertThat(b.ceilingMillis(5)).isEqualTo(3_200);
    assertThat(b.ceilingMillis(6)).isEqualTo(5_000);
    assertThat(b.ceilingMillis(70)).isEqualTo(5_000);
  }

  @Test
  void delaysAreSpreadOverTheWholeRangeBelowTheCeiling() {
    Backoff b = new Backoff(100, 5_000);
    Random random = new Random(42);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 10_000; i++) {
      long d = b.delayMillis(3, random);
      min = Math.min(min, d);
      max = Math.max(max, d);
      assertThat(d).isBetween(0L, 800L);
    }
    // Full jitter: near zero and near the ceiling both occur.
    assertThat(min).isLessThan(10);
    assertThat(max).isGreaterThan(790);
  }
}
