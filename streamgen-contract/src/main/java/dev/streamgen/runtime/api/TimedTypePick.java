package dev.streamgen.runtime.api;

import java.io.Serializable;
import java.util.List;

/**
 * The event type of a row when {@code weight_changes} change the mix over event time. Outside every
 * period a row keeps the catalog's type pick. Inside one, a row whose pick is a free type is picked
 * again, with an independent hash, from the period's table: the named types get their declared
 * shares and the other free types share the rest in their catalog proportions. A pinned type (a
 * session machine's start, a change stream, a type whose emitted ids a reference reads) is never
 * given or taken rows: what locates its rows assumes the catalog's pick ({@link RowsOfType}), so its
 * rows are the same with and without the change. A pure function of (seed, row, event time offset
 * from the first row). Immutable and thread-safe.
 */
public final class TimedTypePick implements Serializable {
  private static final long serialVersionUID = 1L;

  private final WeightChange[] periods;
  private final AliasTable[] tables;
  private final boolean[] pinned;

  private TimedTypePick(WeightChange[] periods, AliasTable[] tables, boolean[] pinned) {
    this.periods = periods;
    this.tables = tables;
    this.pinned = pinned;
  }

  /**
   * The pick for a catalog with type weights {@code weights} (summing to 1), its changes and the
   * types they may not move; null when there are no changes, so a catalog without them pays nothing.
   */
  public static TimedTypePick of(double[] weights, List<WeightChange> changes, int[] pinnedTypes) {
    if (changes.isEmpty()) {
      return null;
    }
    boolean[] pinned = new boolean[weights.length];
    for (int t : pinnedTypes) {
      pinned[t] = true;
    }
    WeightChange[] periods = changes.toArray(new WeightChange[0]);
    AliasTable[] tables = new AliasTable[periods.length];
    for (int p = 0; p < periods.length; p++) {
      tables[p] = AliasTable.of(freeWeights(weights, periods[p], pinned));
    }
    return new TimedTypePick(periods, tables, pinned);
  }

  /**
   * The period's shares of the free types (pinned ones 0): the named types' declared shares, the
   * others' catalog weights scaled to fill what the named ones and the pinned ones leave.
   */
  private static double[] freeWeights(double[] weights, WeightChange change, boolean[] pinned) {
    double[] free = new double[weights.length];
    boolean[] named = new boolean[weights.length];
    int[] types = change.types();
    double[] given = change.weights();
    double rest = 1;
    for (int t = 0; t < weights.length; t++) {
      if (pinned[t]) {
        rest -= weights[t];
      }
    }
    for (int i = 0; i < types.length; i++) {
      if (pinned[types[i]]) {
        throw new IllegalArgumentException("type " + types[i] + " is pinned: a weight change cannot name it");
      }
      named[types[i]] = true;
      free[types[i]] = given[i];
      rest -= given[i];
    }
    double others = 0;
    for (int t = 0; t < weights.length; t++) {
      if (!pinned[t] && !named[t]) {
        others += weights[t];
      }
    }
    for (int t = 0; t < weights.length; t++) {
      if (!pinned[t] && !named[t] && others > 0) {
        free[t] = weights[t] * Math.max(0, rest) / others;
      }
    }
    return free;
  }

  /**
   * The type of row {@code row}, whose catalog pick is {@code picked}, at {@code offsetMicros} of
   * event time after the run's first row; {@code periodStream} is {@code Rng.stream(seed,
   * Rng.PERIOD_TYPE_SALT)}.
   */
  public int typeOf(int picked, long row, long offsetMicros, long periodStream) {
    if (pinned[picked]) {
      return picked;
    }
    for (int p = 0; p < periods.length; p++) {
      if (periods[p].covers(offsetMicros)) {
        return tables[p].pick(Rng.hash(row, periodStream));
      }
    }
    return picked;
  }
}
