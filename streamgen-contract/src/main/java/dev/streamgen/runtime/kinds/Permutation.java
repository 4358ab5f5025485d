package dev.streamgen.runtime.kinds;


/**
 * A keyed pseudo-random permutation of [0, n): on the smallest number of bits b holding n - 1, two
 * rounds of (xor or add a key, multiply by an odd constant, xor-shift right by half of b), each step
 * a bijection of [0, 2^b), walked until the result lands in [0, n) (cycle walking: each walk stays on
 * the permutation's cycle, so the result is a bijection of [0, n)). What {@code unique: true} draws
 * with: distinct rows (or pool members) get distinct values, and the values still look random. The
 * domain is under twice n, so a walk takes under two steps on average, each a few multiplications
 * (a Feistel network of hashes cost about eight hashes a step: docs/benchmarks.md, Relationships).
 */
final class Permutation {
  private static final long M1 = 0xBF58476D1CE4E5B9L;
  private static final long M2 = 0x94D049BB133111EBL;
  private static final long KEY_MIX = 0xD6E8FEB86659FD93L;

  private Permutation() {}

  /** The image of {@code x} (taken modulo n) in [0, n) under the permutation keyed by {@code key}; n ≥ 1. */
  static long apply(long x, long n, long key) {
    if (n <= 1) {
      return 0;
    }
    int bits = 64 - Long.numberOfLeadingZeros(n - 1);
    long mask = (1L << bits) - 1; // n - 1 < 2^63, so bits <= 63
    int shift = Math.max(1, bits / 2);
    long k1 = key & mask;
    long k2 = (key * KEY_MIX) & mask;
    // A power of two (a unique uuid's 2^62) needs no division: the low bits are the remainder.
    long y = n == mask + 1 ? x & mask : Long.remainderUnsigned(x, n);
    do {
      y = ((y ^ k1) * M1) & mask;
      y ^= y >>> shift;
      y = ((y + k2) * M2) & mask;
      y ^= y >>> shift;
    } while (y >= n);
    return y;
  }
}
