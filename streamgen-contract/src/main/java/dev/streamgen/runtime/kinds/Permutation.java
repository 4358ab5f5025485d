package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;

/**
 * A keyed pseudo-random permutation of [0, n): a four-round Feistel network on the smallest even
 * number of bits holding n - 1, walked until it lands in [0, n) (cycle walking: each walk stays on
 * the permutation's cycle, so the result is a bijection of [0, n)). What {@code unique: true} draws
 * with: distinct rows (or pool members) get distinct values, and the values still look random.
 * The domain is at most four times n, so a walk takes under four steps on average.
 */
final class Permutation {
  private static final int ROUNDS = 4;

  private Permutation() {}

  /** The image of {@code x} (taken modulo n) in [0, n) under the permutation keyed by {@code key}; n ≥ 1. */
  static long apply(long x, long n, long key) {
    if (n <= 1) {
      return 0;
    }
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
    bits += bits & 1;
    int half = bits / 2;
    long mask = half == 32 ? 0xFFFFFFFFL : (1L << half) - 1;
    long y = Long.remainderUnsigned(x, n);
    do {
      y = feistel(y, half, mask, key);
    } while (Long.compareUnsigned(y, n) >= 0);
    return y;
  }

  private static long feistel(long y, int half, long mask, long key) {
    long left = (y >>> half) & mask;
    long right = y & mask;
    for (int round = 0; round < ROUNDS; round++) {
      long next = left ^ (Rng.hash(right, key + round) & mask);
      left = right;
      right = next;
    }
    return (left << half) | right;
  }
}
