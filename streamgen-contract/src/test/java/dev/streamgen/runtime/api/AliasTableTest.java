package dev.streamgen.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AliasTableTest {

  @Test
  void picksFollowWeightsWithinChiSquareBound() {
    double[] weights = {0.5, 0.3, 0.2};
    AliasTable table = AliasTable.of(weights);
    int n = 300_000;
    long[] counts = new long[3];
    for (long row = 0; row < n; row++) {
      counts[table.pick(Rng.hash(row, 77L))]++;
    }
    double chi2 = 0;
    for (int i = 0; i < 3; i++) {
      double expected = n * weights[i];
      chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    // 2 degrees of freedom: P(chi2 > 13.82) = 0.001.
    assertThat(chi2).isLessThan(13.82);
  }

  @Test
  void zeroWeightIsNeverPicked() {
    AliasTable table = AliasTable.of(new double[] {0.0, 1.0, 0.0});
    for (long row = 0; row < 10_000; row++) {
      assertThat(table.pick(Rng.hash(row, 3L))).isEqualTo(1);
    }
  }

  @Test
  void rejectsNegativeAndNanWeights() {
    assertThatThrownBy(() -> AliasTable.of(new double[] {1.0, -0.1}))
        .hasMessage("weight -0.1 is not a finite non-negative number");
    assertThatThrownBy(() -> AliasTable.of(new double[] {Double.NaN}))
        .hasMessage("weight NaN is not a finite non-negative number");
    assertThatThrownBy(() -> AliasTable.of(new double[] {0.0, 0.0})).hasMessage("weights sum to 0");
  }
}
