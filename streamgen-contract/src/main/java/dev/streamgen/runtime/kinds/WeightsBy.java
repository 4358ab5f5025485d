package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;
import java.util.Arrays;

/**
 * {@code weights_by} of a {@code string} or {@code enum} field: the weights its pick uses depend on
 * the value another string or enum field of the event (the referenced field) takes in the same row.
 * That value is not read from the row: the referenced field's pick is drawn again (its salt and cuts
 * are copied here), so fields need no evaluation order. A value of the referenced field that lists
 * no weights, or a null one, leaves the field its own cuts.
 *
 * <p>Packed, after the picking field's words: the referenced field's salt, value count m, its m - 1
 * cuts, its null salt and null ratio (0 when it is not nullable), then for each of its m values and
 * for null (m + 1 words) the row of cuts to use (-1: the field's own), the number of rows R, and the
 * R rows of n - 1 cuts each (n: the picking field's value count). Cuts are double bits.
 *
 * <p>Immutable and thread-safe.
 */
public final class WeightsBy {
  /** {@link #rowOf} entry: the field's own cuts. */
  public static final int OWN = -1;

  private final long salt;
  private final String[] values;
  private final double[] cuts;
  private final long nullSalt;
  private final double nullRatio;
  private final int[] rowOf;
  private final double[][] rows;

  /**
   * @param salt the referenced field's salt
   * @param values the referenced field's values (the Spark column compares with them)
   * @param cuts the referenced field's cuts
   * @param nullSalt the salt of the referenced field's null draw
   * @param nullRatio its null ratio, 0 when it is not nullable
   * @param rowOf for each referenced value, then for null: the row of {@code rows}, or {@link #OWN}
   * @param rows cuts of the picking field, one row per listed referenced value
   */
  public WeightsBy(long salt, String[] values, double[] cuts, long nullSalt, double nullRatio, int[] rowOf, double[][] rows) {
    if (values.length != cuts.length + 1 || rowOf.length != values.length + 1) {
      throw new IllegalArgumentException(
          values.length + " referenced values need " + (values.length - 1) + " cuts and " + (values.length + 1) + " rows, got "
              + cuts.length + " and " + rowOf.length);
    }
    for (int r : rowOf) {
      if (r < OWN || r >= rows.length) {
        throw new IllegalArgumentException("row " + r + " of " + rows.length);
      }
    }
    this.salt = salt;
    this.values = values.clone();
    this.cuts = cuts.clone();
    this.nullSalt = nullSalt;
    this.nullRatio = nullRatio;
    this.rowOf = rowOf.clone();
    this.rows = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      this.rows[i] = rows[i].clone();
    }
  }

  /** Checks the rows fit a field of {@code n} values. */
  void check(String field, int n) {
    for (double[] row : rows) {
      if (row.length != n - 1) {
        throw new IllegalArgumentException("field '" + field + "': " + n + " values need " + (n - 1) + " cuts per row, got " + row.length);
      }
    }
  }

  /** The referenced field's values (a copy). */
  public String[] referencedValues() {
    return values.clone();
  }

  /** The referenced field's cuts (a copy). */
  public double[] referencedCuts() {
    return cuts.clone();
  }

  /** Row {@code row}'s cuts (a copy). */
  public double[] cuts(int row) {
    return Arrays.copyOf(rows[row], rows[row].length);
  }

  /** The cuts of {@code row} of the picking field, whose own are {@code own}. */
  double[] cuts(long seed, long row, double[] own) {
    int r = rowOf[referenced(seed, row, salt, cuts, nullSalt, nullRatio)];
    return r == OWN ? own : rows[r];
  }

  /** The index of the referenced field's value, or the value count when it is null. */
  private static int referenced(long seed, long row, long salt, double[] cuts, long nullSalt, double nullRatio) {
    if (Rng.unit(Rng.hash(row, Rng.stream(seed, nullSalt))) < nullRatio) {
      return cuts.length + 1;
    }
    return Rng.pick(Rng.hash(row, Rng.stream(seed, salt)), cuts);
  }

  void pack(Packer p) {
    p.word(salt);
    p.word(values.length);
    for (double cut : cuts) {
      p.word(Double.doubleToRawLongBits(cut));
    }
    p.word(nullSalt);
    p.word(Double.doubleToRawLongBits(nullRatio));
    for (int r : rowOf) {
      p.word(r);
    }
    p.word(rows.length);
    for (double[] row : rows) {
      for (double cut : row) {
        p.word(Double.doubleToRawLongBits(cut));
      }
    }
  }

  /**
   * Where the cuts of the picking field start for {@code row}, in the packed words at {@code at}
   * ({@link #pack}'s), or {@code own} (where its own are).
   */
  static int packedCuts(long[] code, int at, int own, int n, long seed, long row) {
    int m = (int) code[at + 1];
    int nullAt = at + 2 + (m - 1);
    int index =
        Rng.unit(Rng.hash(row, Rng.stream(seed, code[nullAt]))) < Double.longBitsToDouble(code[nullAt + 1])
            ? m
            : Rng.pick(Rng.hash(row, Rng.stream(seed, code[at])), code, at + 2, m - 1);
    int rowsAt = nullAt + 2;
    int r = (int) code[rowsAt + index];
    return r == OWN ? own : rowsAt + (m + 1) + 1 + r * (n - 1);
  }
}
