package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.settings.RateShape;
import java.io.Serializable;

/**
 * When each row of a run happens: the run's rate shape from its first row. A session time ({@link
 * SessionField}) needs the event time of its session's first row, which another row writes.
 * Immutable.
 */
public final class RowClock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RateShape rate;
  private final long startMicros;

  private RowClock(RateShape rate, long startMicros) {
    this.rate = rate;
    this.startMicros = startMicros;
  }

  /** Rows spaced by {@code rate} from row 0 at {@code startMicros}. */
  public static RowClock of(RateShape rate, long startMicros) {
    if (rate == null) {
      throw new IllegalArgumentException("a row clock needs a rate shape");
    }
    return new RowClock(rate, startMicros);
  }

  /**
   * A constant rate. Only differences between rows' times matter to a session time, and at a constant
   * rate they do not depend on the start.
   */
  public static RowClock constant(long rowsPerSecond) {
    return of(RateShape.constant(rowsPerSecond), 0);
  }

  /** The event time of row {@code row}. */
  public long micros(long row) {
    return rate.micros(startMicros, row);
  }

  /** Whether this clock gives every row the time {@code other} gives it. */
  boolean sameAs(RowClock other) {
    return other != null && startMicros == other.startMicros && rate.equals(other.rate);
  }
}
