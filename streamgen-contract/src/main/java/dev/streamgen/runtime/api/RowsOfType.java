package dev.streamgen.runtime.api;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which rows of a run are of one event type, without generating them: the catalog's type pick
 * ({@link AliasTable#pick} over {@code Rng.hash(row, Rng.stream(seed, Rng.TYPE_SALT))}) restricted to
 * that type. The type is picked when the alias table's column is the type's own and its coin is
 * below the type's probability, or when the column's alias is the type and the coin is not below
 * the column's probability; this holds the type's probability and the columns aliased to it.
 *
 * <p>What a reference to ids another type emits ({@code ref: <event_type_id>.<field>}) searches
 * with. Immutable and thread-safe.
 */
public final class RowsOfType implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int types;
  private final int type;
  private final double probability;
  private final int[] aliasedColumns;
  private final double[] aliasedProbabilities;
  private final double weight;

  /**
   * @param types the number of types in the catalog
   * @param type the type
   * @param probability the alias table's probability of the type's own column
   * @param aliasedColumns the other columns whose alias is the type, ascending
   * @param aliasedProbabilities those columns' probabilities
   */
  public RowsOfType(int types, int type, double probability, int[] aliasedColumns, double[] aliasedProbabilities) {
    if (type < 0 || type >= types || aliasedColumns.length != aliasedProbabilities.length) {
      throw new IllegalArgumentException("type " + type + " of " + types + " with " + aliasedColumns.length + " columns and "
          + aliasedProbabilities.length + " probabilities");
    }
    for (int i = 1; i < aliasedColumns.length; i++) {
      if (aliasedColumns[i] <= aliasedColumns[i - 1]) {
        throw new IllegalArgumentException("aliased columns must ascend: " + Arrays.toString(aliasedColumns));
      }
    }
    this.types = types;
    this.type = type;
    this.probability = probability;
    this.aliasedColumns = aliasedColumns.clone();
    this.aliasedProbabilities = aliasedProbabilities.clone();
    double share = probability;
    for (double p : aliasedProbabilities) {
      share += 1 - p;
    }
    this.weight = share / types;
  }

  /** The type's index in its catalog. */
  public int type() {
    return type;
  }

  /** The share of rows of the type (its normalized weight, as the alias table realizes it). */
  public double weight() {
    return weight;
  }

  /** Whether row {@code row} of a run with seed {@code seed} is of the type. */
  public boolean contains(long seed, long row) {
    return containsHash(Rng.hash(row, Rng.stream(seed, Rng.TYPE_SALT)));
  }

  /** Whether the type pick of {@code hash} is the type: {@link AliasTable#pick} without its table. */
  boolean containsHash(long hash) {
    int column = (int) ((hash >>> 32) % types);
    double coin = (hash & 0xFFFFFFFFL) * 0x1.0p-32;
    if (column == type) {
      return coin < probability;
    }
    int i = Arrays.binarySearch(aliasedColumns, column);
    return i >= 0 && coin >= aliasedProbabilities[i];
  }

  /** The words a packed catalog keeps: types, type, probability bits, column count, then (column, probability bits) pairs. */
  public long[] words() {
    long[] words = new long[4 + 2 * aliasedColumns.length];
    words[0] = types;
    words[1] = type;
    words[2] = Double.doubleToRawLongBits(probability);
    words[3] = aliasedColumns.length;
    for (int i = 0; i < aliasedColumns.length; i++) {
      words[4 + 2 * i] = aliasedColumns[i];
      words[5 + 2 * i] = Double.doubleToRawLongBits(aliasedProbabilities[i]);
    }
    return words;
  }

  /** {@link #contains} over {@link #words} packed at {@code at}. */
  public static boolean contains(long[] code, int at, long seed, long row) {
    long hash = Rng.hash(row, Rng.stream(seed, Rng.TYPE_SALT));
    int column = (int) ((hash >>> 32) % code[at]);
    double coin = (hash & 0xFFFFFFFFL) * 0x1.0p-32;
    if (column == code[at + 1]) {
      return coin < Double.longBitsToDouble(code[at + 2]);
    }
    int lo = 0;
    int hi = (int) code[at + 3] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long c = code[at + 4 + 2 * mid];
      if (c < column) {
        lo = mid + 1;
      } else if (c > column) {
        hi = mid - 1;
      } else {
        return coin >= Double.longBitsToDouble(code[at + 5 + 2 * mid]);
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RowsOfType)) {
      return false;
    }
    RowsOfType r = (RowsOfType) o;
    return types == r.types && type == r.type && probability == r.probability
        && Arrays.equals(aliasedColumns, r.aliasedColumns) && Arrays.equals(aliasedProbabilities, r.aliasedProbabilities);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * types + type) + Arrays.hashCode(aliasedColumns);
  }
}
