package dev.streamgen.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.junit.jupiter.api.Test;

class RngTest {

  @Test
  void hashLongEqualsSparksXxh64() {
    long[] inputs = {0L, 1L, -1L, 42L, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789ABCDEFL};
    for (long input : inputs) {
      for (long seed : inputs) {
        assertThat(Rng.hashLong(input, seed)).as("input %d seed %d", input, seed)
            .isEqualTo(XXH64.hashLong(input, seed));
      }
    }
  }

  @Test
  void hashChainsLikeSparksMultiColumnXxhash64() {
    // Spark's xxhash64(a, b) feeds a's hash in as the seed of b's, starting from 42.
    long row = 12345L;
    long stream = Rng.stream(7L, 99L);
    long expected = XXH64.hashLong(stream, XXH64.hashLong(row, 42L));
    assertThat(Rng.hash(row, stream)).isEqualTo(expected);
  }

  @Test
  void betweenStaysInsideInclusiveRange() {
    for (long row = 0; row < 10_000; row++) {
      long v = Rng.between(Rng.hash(row, 5L), -3L, 4L);
      assertThat(v).isBetween(-3L, 4L);
    }
  }

  @Test
  void unitIsInHalfOpenInterval() {
    assertThat(Rng.unit(-1L)).isLessThan(1.0);
    assertThat(Rng.unit(0L)).isEqualTo(0.0);
  }

  @Test
  void differentSeedsGiveDifferentStreams() {
    assertThat(Rng.hash(1L, Rng.stream(1L, 10L))).isNotEqualTo(Rng.hash(1L, Rng.stream(2L, 10L)));
  }
}
