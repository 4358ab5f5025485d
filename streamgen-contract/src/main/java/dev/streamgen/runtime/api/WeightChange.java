package dev.streamgen.runtime.api;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One period of {@code weight_changes}: from {@code startMicros} of event time after a run's first
 * row, for {@code durationMicros}, repeated every {@code everyMicros} (0: once), the types {@code
 * types} have the shares {@code weights} of all rows. The compiler validated and resolved it (type
 * indexes, not names); {@link TimedTypePick} turns it into an alias table. Immutable.
 */
public final class WeightChange implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long startMicros;
  private final long durationMicros;
  private final long everyMicros;
  private final int[] types;
  private final double[] weights;

  public WeightChange(long startMicros, long durationMicros, long everyMicros, int[] types, double[] weights) {
    if (startMicros < 0 || durationMicros <= 0 || everyMicros < 0 || (everyMicros > 0 && everyMicros < durationMicros)
        || types.length != weights.length || types.length == 0) {
      throw new IllegalArgumentException("weight change from " + startMicros + " µs for " + durationMicros + " µs every "
          + everyMicros + " µs over " + types.length + " types and " + weights.length + " weights");
    }
    this.startMicros = startMicros;
    this.durationMicros = durationMicros;
    this.everyMicros = everyMicros;
    this.types = types.clone();
    this.weights = weights.clone();
  }

  /** Whether a row {@code offsetMicros} of event time after the run's first row is in this period. */
  public boolean covers(long offsetMicros) {
    long since = offsetMicros - startMicros;
    if (since < 0) {
      return false;
    }
    return (everyMicros == 0 ? since : since % everyMicros) < durationMicros;
  }

  public long startMicros() {
    return startMicros;
  }

  public long durationMicros() {
    return durationMicros;
  }

  /** The repeat interval; 0 when the period happens once. */
  public long everyMicros() {
    return everyMicros;
  }

  /** The indexes of the types given a weight, in the order they were declared. */
  public int[] types() {
    return types.clone();
  }

  /** Their shares of all rows during the period. */
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WeightChange)) {
      return false;
    }
    WeightChange w = (WeightChange) o;
    return startMicros == w.startMicros && durationMicros == w.durationMicros && everyMicros == w.everyMicros
        && Arrays.equals(types, w.types) && Arrays.equals(weights, w.weights);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(startMicros) + Long.hashCode(durationMicros)) + Arrays.hashCode(types);
  }
}
