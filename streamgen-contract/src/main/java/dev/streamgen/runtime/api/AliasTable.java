package dev.streamgen.runtime.api;

import java.io.Serializable;

/**
 * Walker's alias method: picks an index with probability proportional to its weight in O(1),
 * from one hash, whatever the number of event types.
 */
public final class AliasTable implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] probability;
  private final int[] alias;

  private AliasTable(double[] probability, int[] alias) {
    this.probability = probability;
    this.alias = alias;
  }

  /** Builds the table (Vose's stable variant); weights must be finite, non-negative, not all zero. */
  public static AliasTable of(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("no weights");
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight " + w + " is not a finite non-negative number");
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights sum to 0");
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1.0) {
        small[smallCount++] = i;
      } else {
        large[largeCount++] = i;
      }
    }
    double[] probability = new double[n];
    int[] alias = new int[n];
    while (smallCount > 0 && largeCount > 0) {
      int s = small[--smallCount];
      int l = large[--largeCount];
      probability[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0) {
        small[smallCount++] = l;
      } else {
        large[largeCount++] = l;
      }
    }
    while (largeCount > 0) {
      int l = large[--largeCount];
      probability[l] = 1.0;
      alias[l] = l;
    }
    while (smallCount > 0) {
      int s = small[--smallCount];
      probability[s] = 1.0;
      alias[s] = s;
    }
    return new AliasTable(probability, alias);
  }

  public int size() {
    return probability.length;
  }

  /** The index for a 64-bit hash: high bits choose the column, low bits the coin. */
  public int pick(long hash) {
    int column = (int) Math.floorMod(hash >>> 32, (long) probability.length);
    double coin = (hash & 0xFFFFFFFFL) * 0x1.0p-32;
    return coin < probability[column] ? column : alias[column];
  }

  /** The rows whose {@link #pick} is {@code type}, as a test that needs no table ({@link RowsOfType}). */
  public RowsOfType rowsOf(int type) {
    int n = probability.length;
    if (type < 0 || type >= n) {
      throw new IndexOutOfBoundsException("type " + type + " of " + n);
    }
    int count = 0;
    for (int c = 0; c < n; c++) {
      if (c != type && alias[c] == type && probability[c] < 1.0) {
        count++;
      }
    }
    int[] columns = new int[count];
    double[] probabilities = new double[count];
    int k = 0;
    for (int c = 0; c < n; c++) {
      if (c != type && alias[c] == type && probability[c] < 1.0) {
        columns[k] = c;
        probabilities[k++] = probability[c];
      }
    }
    return new RowsOfType(n, type, probability[type], columns, probabilities);
  }
}
