package dev.streamgen.runtime.api;

/**
 * Stateless randomness: every value is a hash of (row, stream), so any row can be computed alone, in
 * any order, on any executor. The hash is Spark's own xxhash64, so the generated Spark Column code
 * reproduces the same values with {@code xxhash64(row, lit(stream))}.
 */
public final class Rng {
  /** Spark's default seed for {@code xxhash64}. */
  public static final long SPARK_HASH_SEED = 42L;

  private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
  private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
  private static final long PRIME64_3 = 0x165667B19E3779F9L;
  private static final long PRIME64_4 = 0x85EBCA77C2B2AE63L;
  private static final long PRIME64_5 = 0x27D4EB2F165667C5L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double UNIT = 0x1.0p-53;

  /**
   * The salt of the event-type pick: row r has type {@code AliasTable.pick(hash(r, stream(seed,
   * TYPE_SALT)))}. Field salts chosen by the compiler must differ from it, or a field's values would
   * correlate with the type mix.
   */
  public static final long TYPE_SALT = 0x7374726D54797065L; // "strmType"

  /**
   * The salt of the second type pick of a row inside a weight change ({@link TimedTypePick}): it
   * must be independent of the first, which decides whether the row is free to change type.
   */
  public static final long PERIOD_TYPE_SALT = 0x7374726D50657269L; // "strmPeri"

  private Rng() {}

  /** The stream of one field (or of the type pick) under a run seed: distinct salts never collide. */
  public static long stream(long seed, long salt) {
    return salt + seed * GOLDEN;
  }

  /** Equals Spark's {@code xxhash64(row, stream)} on two LONG columns. */
  public static long hash(long row, long stream) {
    return hashLong(stream, hashLong(row, SPARK_HASH_SEED));
  }

  /** Uniform double in [0, 1) from the top 53 bits; Spark: {@code shiftrightunsigned(h, 11) * 2^-53}. */
  public static double unit(long hash) {
    return (hash >>> 11) * UNIT;
  }

  /**
   * Uniform double in the open interval (0, 1), never 0 or 1 (for logarithms and quantiles): the
   * midpoints of 2^52 equal cells, {@code (2 * (h >>> 12) + 1) * 2^-53}, each exactly representable;
   * Spark: {@code (shiftrightunsigned(h, 12) * 2 + 1) * 2^-53}.
   */
  public static double openUnit(long hash) {
    return ((hash >>> 12) * 2 + 1) * UNIT;
  }

  /** Uniform long in [min, max]; Spark: {@code pmod(h, max - min + 1) + min}. */
  public static long between(long hash, long min, long max) {
    return min + Math.floorMod(hash, max - min + 1);
  }

  /** Uniform double in [min, max); Spark: {@code lit(min) + unit(h) * lit(max - min)}. */
  public static double between(long hash, double min, double max) {
    return min + unit(hash) * (max - min);
  }

  /**
   * A weighted pick: the first index {@code i} with {@code unit(hash) < cumulative[i]}, or
   * {@code cumulative.length} when there is none (the last choice takes the rest). {@code cumulative}
   * holds the running sums of the normalized weights without the last one, non-decreasing. Spark:
   * {@code when(unit < c0, v0).when(unit < c1, v1)...otherwise(vLast)} (RngColumns.pick in the runtime).
   */
  public static int pick(long hash, double[] cumulative) {
    double u = unit(hash);
    // Upper bound: the first cut greater than u. Same answer as a linear scan, fewer compares.
    int lo = 0;
    int hi = cumulative.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * {@link #pick(long, double[])} over cumulative cuts stored as {@link Double#doubleToRawLongBits}
   * words {@code code[from]} to {@code code[from + count - 1]}: the same search, so the same index.
   */
  public static int pick(long hash, long[] code, int from, int count) {
    double u = unit(hash);
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < Double.longBitsToDouble(code[from + mid])) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Spark's XXH64.hashLong, so Java and Spark SQL agree bit for bit. */
  static long hashLong(long input, long seed) {
    long hash = seed + PRIME64_5 + 8L;
    hash ^= Long.rotateLeft(input * PRIME64_2, 31) * PRIME64_1;
    hash = Long.rotateLeft(hash, 27) * PRIME64_1 + PRIME64_4;
    hash ^= hash >>> 33;
    hash *= PRIME64_2;
    hash ^= hash >>> 29;
    hash *= PRIME64_3;
    hash ^= hash >>> 32;
    return hash;
  }
}
