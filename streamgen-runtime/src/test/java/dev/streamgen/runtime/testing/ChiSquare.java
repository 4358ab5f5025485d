package dev.streamgen.runtime.testing;

/** Pearson's chi-square statistic of observed counts against expected probabilities. */
public final class ChiSquare {
  private ChiSquare() {}

  public static double statistic(long[] observed, double[] probabilities) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    double chi = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = n * probabilities[i];
      double d = observed[i] - expected;
      chi += d * d / expected;
    }
    return chi;
  }
}
