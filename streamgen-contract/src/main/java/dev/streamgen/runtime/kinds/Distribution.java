package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;

/**
 * How a numeric field spreads its values over its range when not uniformly ({@code distribution:}
 * in the YAML): a sample is a double from the field's hashes, which the field clips to its range
 * (and an integral field rounds half up first). Every sample is arithmetic on {@link
 * Rng#openUnit} plus {@link StrictMath#log}, {@link StrictMath#exp}, {@link StrictMath#pow} and
 * {@link Math#sqrt}: the functions Spark SQL's {@code log}, {@code exp}, {@code pow} and {@code sqrt}
 * compute, so the generated Spark columns give the same bits.
 *
 * <ul>
 *   <li>{@code normal(mean, stddev)}: {@code mean + stddev * z}, z the standard normal quantile of
 *       the open unit by Acklam's rational approximation (relative error below 1.2e-9);
 *   <li>{@code lognormal(mu, sigma)}: {@code exp(mu + sigma * z)};
 *   <li>{@code exponential(mean)}: {@code min - mean * log(p)}, from the range's minimum;
 *   <li>{@code zipf(exponent)} over the n whole numbers of the range: rank {@code k = floor(F⁻¹(p))}
 *       of the power-law density {@code x^-exponent} on [1, n + 1), value {@code min + k - 1}: rank 1
 *       the most frequent, {@code P(k)} falling like {@code k^-exponent};
 *   <li>{@code buckets}: a bucket picked by weight, then uniform within it (on the field's salt + 1).
 * </ul>
 *
 * <p>Packed (after the field's own words): the distribution code, then its parameters as double bits
 * (buckets: their count, the cumulative cuts, then low and high of each bucket).
 */
public final class Distribution implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  static final int NORMAL = 1;
  static final int LOGNORMAL = 2;
  static final int EXPONENTIAL = 3;
  static final int ZIPF = 4;
  static final int BUCKETS = 5;

  /** Acklam's coefficients, as published; the Spark columns use the same constants in the same order. */
  public static final double[] A = {
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
  };
  public static final double[] B = {
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01
  };
  public static final double[] C = {
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
  };
  public static final double[] D = {
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
  };
  /** Below this probability (and above 1 minus it) the tail formula applies. */
  public static final double TAIL = 0.02425;

  private final long[] words;

  private Distribution(long[] words) {
    this.words = words;
  }

  public static Distribution normal(double mean, double stddev) {
    return of(NORMAL, mean, stddev);
  }

  public static Distribution lognormal(double mu, double sigma) {
    return of(LOGNORMAL, mu, sigma);
  }

  public static Distribution exponential(double mean) {
    return of(EXPONENTIAL, mean);
  }

  /** @param count the number of whole values in the field's range (max - min + 1) */
  public static Distribution zipf(double exponent, double count) {
    return of(ZIPF, exponent, count, zipfScale(exponent, count));
  }

  /**
   * The row-independent part of the zipf draw, computed once: {@code ln(count + 1)} for exponent 1,
   * else {@code (count + 1)^(1 - exponent) - 1}. The Spark column takes it as a literal.
   */
  public static double zipfScale(double exponent, double count) {
    return exponent == 1 ? StrictMath.log(count + 1) : StrictMath.pow(count + 1, 1 - exponent) - 1;
  }

  /**
   * @param cumulative running sums of the normalized weights without the last (as {@link Rng#pick})
   * @param lows each bucket's lower bound
   * @param highs each bucket's upper bound (uniform in [low, high))
   */
  public static Distribution buckets(double[] cumulative, double[] lows, double[] highs) {
    int n = lows.length;
    if (highs.length != n || cumulative.length != n - 1) {
      throw new IllegalArgumentException(n + " buckets need " + n + " highs and " + (n - 1) + " cuts");
    }
    double[] parameters = new double[1 + cumulative.length + 2 * n];
    parameters[0] = n;
    System.arraycopy(cumulative, 0, parameters, 1, cumulative.length);
    for (int i = 0; i < n; i++) {
      parameters[n + 2 * i] = lows[i];
      parameters[n + 2 * i + 1] = highs[i];
    }
    return of(BUCKETS, parameters);
  }

  private static Distribution of(int code, double... parameters) {
    long[] words = new long[1 + parameters.length];
    words[0] = code;
    for (int i = 0; i < parameters.length; i++) {
      words[i + 1] = Double.doubleToRawLongBits(parameters[i]);
    }
    return new Distribution(words);
  }

  void pack(Packer p) {
    for (long w : words) {
      p.word(w);
    }
  }

  /** A sample of row {@code row} for a field of salt {@code salt} whose range starts at {@code min}. */
  double sample(long seed, long row, long salt, double min) {
    return sample(words, 0, seed, row, salt, min);
  }

  /** The sample of the packed distribution whose words start at {@code at}. */
  static double sample(long[] code, int at, long seed, long row, long salt, double min) {
    long hash = Rng.hash(row, Rng.stream(seed, salt));
    double a = Double.longBitsToDouble(code[at + 1]);
    switch ((int) code[at]) {
      case NORMAL:
        return a + Double.longBitsToDouble(code[at + 2]) * standardNormal(Rng.openUnit(hash));
      case LOGNORMAL:
        return StrictMath.exp(a + Double.longBitsToDouble(code[at + 2]) * standardNormal(Rng.openUnit(hash)));
      case EXPONENTIAL:
        return min - a * StrictMath.log(Rng.openUnit(hash));
      case ZIPF:
        return min + zipfRank(Rng.openUnit(hash), a, Double.longBitsToDouble(code[at + 2]), Double.longBitsToDouble(code[at + 3])) - 1;
      case BUCKETS:
        int n = (int) a;
        int bucket = Rng.pick(hash, code, at + 2, n - 1);
        double low = Double.longBitsToDouble(code[at + 1 + n + 2 * bucket]);
        double high = Double.longBitsToDouble(code[at + 2 + n + 2 * bucket]);
        return Rng.between(Rng.hash(row, Rng.stream(seed, salt + 1)), low, high);
      default:
        throw new IllegalStateException("unknown distribution code " + code[at]);
    }
  }

  /** A sample as a whole-number field's value: rounded half up, clipped to [min, max]. */
  static long rounded(double sample, long min, long max) {
    return Math.max(min, Math.min(max, (long) Math.floor(sample + 0.5)));
  }

  /** A sample as a floating-point field's value: clipped to [min, max]. */
  static double clipped(double sample, double min, double max) {
    return Math.max(min, Math.min(max, sample));
  }

  /** Words {@link #pack} appends. */
  int words() {
    return words.length;
  }

  /** Acklam's inverse of the standard normal CDF at {@code p} in (0, 1). */
  static double standardNormal(double p) {
    if (p < TAIL) {
      return tail(Math.sqrt(-2 * StrictMath.log(p)));
    }
    if (p <= 1 - TAIL) {
      double q = p - 0.5;
      double r = q * q;
      return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
          / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
    return -tail(Math.sqrt(-2 * StrictMath.log(1 - p)));
  }

  private static double tail(double q) {
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
        / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }

  /**
   * The rank in [1, count] at {@code p}: floor of the power law's inverse CDF on [1, count + 1),
   * with {@code scale} from {@link #zipfScale}.
   */
  static double zipfRank(double p, double exponent, double count, double scale) {
    double x = exponent == 1 ? StrictMath.exp(p * scale) : StrictMath.pow(p * scale + 1, 1 / (1 - exponent));
    return Math.min(Math.floor(x), count);
  }
}
