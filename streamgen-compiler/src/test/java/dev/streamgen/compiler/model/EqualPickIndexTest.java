package dev.streamgen.compiler.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.api.Rng;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of {@link Kinds#equalPickIndex} (a faker pool's Spark pick, in constant size)
 * against {@link Rng#pick} over the cuts a string field of n equal weights packs, at the draws where
 * rounding could part them: every unit value next to a cut. SparkColumnsTest runs the Spark column
 * itself on random rows; this reaches the boundaries random rows almost never hit.
 */
class EqualPickIndexTest {
  private static final double UNIT = 0x1.0p-53;

  /** The column's formula, in Java doubles and longs as Spark computes it. */
  private static long index(double u, int n) {
    long j = Math.min((long) (u * (double) n), n - 1L);
    if (j > 0 && u < (double) j / (double) n) {
      return j - 1;
    }
    if (j < n - 1 && u >= (double) (j + 1) / (double) n) {
      return j + 1;
    }
    return j;
  }

  @Test
  void theColumnsIndexIsRngPicksAtEveryCut() {
    for (int n : new int[] {1, 2, 3, 7, 10, 20, 500, 999, 1000, 4099, 65_537, 99_991, 100_000}) {
      double[] cuts = Kinds.cuts(java.util.List.of(), n);
      for (double cut : cuts) {
        // The unit values (multiples of 2^-53) just below, at and above the cut.
        long k = (long) Math.floor(cut / UNIT);
        for (long d = -2; d <= 2; d++) {
          long bits = (k + d) << 11;
          assertThat(index(Rng.unit(bits), n)).as("n %s at k %s", n, k + d).isEqualTo(Rng.pick(bits, cuts));
        }
      }
      for (long bits : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
        assertThat(index(Rng.unit(bits), n)).as("n %s", n).isEqualTo(Rng.pick(bits, cuts));
      }
    }
  }
}
