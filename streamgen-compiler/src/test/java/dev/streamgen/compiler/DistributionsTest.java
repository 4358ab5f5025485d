package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code distribution} option draws what it promises: each field of the {@code distributions}
 * type in all_kinds.yaml, read back from its JSON payloads (seed fixed, 40,000 rows), is tested
 * against the distribution's CDF computed here independently of the generator (Kolmogorov–Smirnov
 * for continuous ones, chi-square for discrete ones), at a significance of 0.001 so that a correct
 * generator fails about once in a thousand seeds, and never with this fixed seed.
 */
class DistributionsTest {
  static final int ROWS = 40_000;
  /** The KS statistic's critical value at alpha = 0.001 is 1.949 / sqrt(n). */
  static final double KS_CRITICAL = 1.949 / Math.sqrt(ROWS);

  @TempDir static Path dir;
  static URLClassLoader loader;
  static EventKernel kernel;

  @BeforeAll
  static void compile() throws Exception {
    CompileRequest request = GeneratedSources.request(GeneratedCodeTest.CONFIG, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"));
    Catalog catalog = (Catalog) loader.loadClass("streamgen.generated.AllKindsCatalog").getConstructor().newInstance();
    for (int i = 0; i < catalog.size(); i++) {
      if (catalog.kernel(i).eventTypeId().equals("distributions")) {
        kernel = catalog.kernel(i);
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
    loader.close();
  }

  @Test
  void normalFollowsItsCdf() throws Exception {
    double[] x = values("latency_ms");
    assertThat(ks(x, v -> phi((v - 100) / 15))).isLessThan(KS_CRITICAL);
    assertThat(mean(x)).isCloseTo(100, within(0.5)); // standard error 0.075
  }

  @Test
  void normalOfADoubleIsRoundedToItsPrecisionAfterTheDraw() throws Exception {
    double[] x = values("amount");
    for (double v : x) {
      assertThat(Math.abs(v * 100 - Math.rint(v * 100))).as("%s has at most 2 decimals", v).isLessThan(1e-6);
    }
    // Rounding to cents moves a value by at most 0.005: against a stddev of 15 the KS distance grows
    // by at most 0.005 * the density's peak (0.027), far below the critical value.
    assertThat(ks(x, v -> phi((v - 100) / 15))).isLessThan(KS_CRITICAL + 0.005 * 0.027);
  }

  @Test
  void normalOfAnIntRoundsHalfUpAroundTheRangesMiddle() throws Exception {
    double[] x = values("age");
    // Defaults: mean 54 (the middle of [18, 90]), stddev 12 (a sixth of the width).
    for (double v : x) {
      assertThat(v).isBetween(18.0, 90.0).isEqualTo(Math.rint(v));
    }
    long[] counts = new long[73];
    double[] expected = new double[73];
    for (double v : x) {
      counts[(int) v - 18]++;
    }
    for (int k = 18; k <= 90; k++) {
      // Rounded half up and clipped: the ends take the tails.
      double low = k == 18 ? 0 : phi((k - 0.5 - 54) / 12);
      double high = k == 90 ? 1 : phi((k + 0.5 - 54) / 12);
      expected[k - 18] = (high - low) * ROWS;
    }
    assertChiSquare(counts, expected);
  }

  @Test
  void lognormalsLogarithmIsNormal() throws Exception {
    double[] logs = Arrays.stream(values("basket_value")).map(Math::log).toArray();
    assertThat(ks(logs, v -> phi((v - 3) / 0.75))).isLessThan(KS_CRITICAL);
  }

  @Test
  void exponentialFollowsItsCdf() throws Exception {
    double[] x = values("gap_seconds");
    assertThat(ks(x, v -> 1 - Math.exp(-v / 10))).isLessThan(KS_CRITICAL);
  }

  @Test
  void zipfRanksFallLikeThePowerLaw() throws Exception {
    zipf("product_id", 1, 1000, 1.2);
    zipf("user_rank", -5, 100, 1.0);
    zipf("big_id", 10_000_000_000L, 10_000_001_000L, 1.2);
  }

  @Test
  void bucketsKeepTheirWeightsAndAreUniformInside() throws Exception {
    double[] sizes = values("order_size");
    long[] counts = new long[3];
    long[] inFirst = new long[3];
    for (double v : sizes) {
      assertThat(v).isEqualTo(Math.rint(v));
      int bucket = v <= 3 ? 0 : v <= 20 ? 1 : 2;
      counts[bucket]++;
      if (bucket == 0) {
        inFirst[(int) v - 1]++;
      }
    }
    assertChiSquare(counts, new double[] {0.7 * ROWS, 0.25 * ROWS, 0.05 * ROWS});
    double first = counts[0];
    assertChiSquare(inFirst, new double[] {first / 3, first / 3, first / 3});

    double[] scores = Arrays.stream(values("score")).filter(v -> !Double.isNaN(v)).toArray();
    double below = Arrays.stream(scores).filter(v -> v < 0.5).count();
    assertThat(below / scores.length).isCloseTo(0.2, within(0.01)); // 5 sigma at 36,000 rows
    assertThat(ks(scores, v -> v < 0.5 ? 0.4 * v : 0.2 + 1.6 * (v - 0.5))).isLessThan(1.949 / Math.sqrt(scores.length));
  }

  @Test
  void uniformSpelledOutIsTheDefault() throws Exception {
    long[] counts = new long[6];
    for (double v : values("uniform_spelled_out")) {
      counts[(int) v - 1]++;
    }
    double[] expected = new double[6];
    Arrays.fill(expected, ROWS / 6.0);
    assertChiSquare(counts, expected);
  }

  // ---- statistics, independent of the generator ----

  private static void zipf(String field, long min, long max, double s) throws Exception {
    long n = max - min + 1;
    // The documented law: rank k = floor(X), X with density proportional to x^-s on [1, n + 1).
    DoubleUnaryOperator cdf = s == 1
        ? x -> Math.log(x) / Math.log(n + 1)
        : x -> (Math.pow(x, 1 - s) - 1) / (Math.pow(n + 1, 1 - s) - 1);
    long[] counts = new long[21];
    double[] expected = new double[21];
    for (double v : values(field)) {
      assertThat(v).isBetween((double) min, (double) max);
      long rank = (long) v - min + 1;
      counts[(int) Math.min(rank, 21) - 1]++;
    }
    for (int k = 1; k <= 20; k++) {
      expected[k - 1] = (cdf.applyAsDouble(k + 1) - cdf.applyAsDouble(k)) * ROWS;
    }
    expected[20] = (1 - cdf.applyAsDouble(21)) * ROWS; // ranks 21 and up
    assertChiSquare(counts, expected);
    assertThat(counts[0]).as("rank 1 is the most frequent").isEqualTo(Arrays.stream(counts, 0, 20).max().getAsLong());
  }

  /** Values of a field over ROWS rows, NaN for null. */
  private static double[] values(String field) throws Exception {
    double[] out = new double[ROWS];
    for (int row = 0; row < ROWS; row++) {
      JsonNode json = GeneratedCodeTest.JSON.readTree(GeneratedCodeTest.write(kernel, row, GeneratedCodeTest.BASE_MICROS, Format.JSON));
      JsonNode v = json.get(field);
      out[row] = v.isNull() ? Double.NaN : v.doubleValue();
    }
    return out;
  }

  private static double mean(double[] x) {
    return Arrays.stream(x).average().orElseThrow();
  }

  /** The Kolmogorov–Smirnov statistic of a sample against a continuous CDF. */
  private static double ks(double[] sample, DoubleUnaryOperator cdf) {
    double[] x = sample.clone();
    Arrays.sort(x);
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      double f = cdf.applyAsDouble(x[i]);
      d = Math.max(d, Math.max(f - (double) i / x.length, (double) (i + 1) / x.length - f));
    }
    return d;
  }

  /**
   * Chi-square goodness of fit at alpha = 0.001, cells with fewer than 5 expected merged into
   * their neighbour; critical value by the Wilson–Hilferty approximation.
   */
  private static void assertChiSquare(long[] observed, double[] expected) {
    List<double[]> cells = new ArrayList<>();
    double o = 0;
    double e = 0;
    for (int i = 0; i < observed.length; i++) {
      o += observed[i];
      e += expected[i];
      if (e >= 5) {
        cells.add(new double[] {o, e});
        o = 0;
        e = 0;
      }
    }
    if (e > 0) {
      cells.get(cells.size() - 1)[0] += o;
      cells.get(cells.size() - 1)[1] += e;
    }
    double chi = 0;
    for (double[] c : cells) {
      chi += (c[0] - c[1]) * (c[0] - c[1]) / c[1];
    }
    int k = cells.size() - 1;
    double z = 3.0902; // the standard normal's 0.999 quantile
    double critical = k * Math.pow(1 - 2.0 / (9 * k) + z * Math.sqrt(2.0 / (9 * k)), 3);
    assertThat(chi).as("chi-square with %s degrees of freedom", k).isLessThan(critical);
  }

  /** The standard normal CDF, via erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
  static double phi(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
