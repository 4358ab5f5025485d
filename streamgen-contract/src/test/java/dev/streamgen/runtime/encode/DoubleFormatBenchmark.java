package dev.streamgen.runtime.encode;

import java.util.Random;

/**
 * Benchmark, not a test: JSON doubles written by {@link JsonWriter#writeDouble} (allocation-free
 * shortest digits) against the baseline of {@link Double#toString} copied into the same buffer, in
 * one thread of one JVM, on values like a {@code float} range produces.
 *
 * <pre>./mvnw -B -o -q -pl streamgen-contract -am test -DskipTests -Pdouble-format-benchmark</pre>
 */
public final class DoubleFormatBenchmark {
  private DoubleFormatBenchmark() {}

  public static void main(String[] args) {
    int n = Integer.getInteger("benchmark.values", 2_000_000);
    int rounds = Integer.getInteger("benchmark.rounds", 5);
    double[] values = new double[n];
    Random random = new Random(1);
    for (int i = 0; i < n; i++) {
      values[i] = 0.99 + random.nextDouble() * (999.99 - 0.99);
    }
    ByteWriter out = new ByteWriter(64);
    long sink = 0;
    double[] ratios = new double[rounds];
    for (int round = -2; round < rounds; round++) {
      long t0 = System.nanoTime();
      for (double v : values) {
        out.reset();
        String text = Double.toString(v);
        for (int i = 0; i < text.length(); i++) {
          out.write(text.charAt(i));
        }
        sink += out.size();
      }
      long t1 = System.nanoTime();
      for (double v : values) {
        out.reset();
        JsonWriter.writeDouble(out, v);
        sink += out.size();
      }
      long t2 = System.nanoTime();
      double baseline = n / ((t1 - t0) / 1e9);
      double ours = n / ((t2 - t1) / 1e9);
      System.out.printf(
          "%s: Double.toString %,.0f values/s, writeDouble %,.0f values/s, ratio %.2f%n",
          round < 0 ? "warm-up" : "round " + (round + 1), baseline, ours, ours / baseline);
      if (round >= 0) {
        ratios[round] = ours / baseline;
      }
    }
    java.util.Arrays.sort(ratios);
    System.out.printf("values %,d in [0.99, 999.99), %d rounds: writeDouble / Double.toString median ratio %.2f (checksum %d)%n",
        n, rounds, ratios[rounds / 2], sink);
  }
}
