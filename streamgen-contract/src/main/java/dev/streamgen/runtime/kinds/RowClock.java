package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.settings.RateShape;
import java.io.Serializable;

/**
 * When each row of a run happens: the run's rate shape from its first row, and the row a bounded
 * run ends before. A session time ({@link SessionField}) needs the event time of its session's
 * first row, which another row writes; a reference to ids a type emits later ({@link EmittedRows})
 * must not point past the run's end. Immutable.
 */
public final class RowClock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RateShape rate;
  private final long startMicros;
  private final long endRow;

  private RowClock(RateShape rate, long startMicros, long endRow) {
    this.rate = rate;
    this.startMicros = startMicros;
    this.endRow = endRow;
  }

  /** Rows spaced by {@code rate} from row 0 at {@code startMicros}. */
  public static RowClock of(RateShape rate, long startMicros) {
    if (rate == null) {
      throw new IllegalArgumentException("a row clock needs a rate shape");
    }
    return new RowClock(rate, startMicros, Long.MAX_VALUE);
  }

  /** This clock for a run that ends before row {@code endRow} ({@code Long.MAX_VALUE}: no end). */
  public RowClock endingBefore(long endRow) {
    if (endRow < 0) {
      throw new IllegalArgumentException("a run cannot end before row " + endRow);
    }
    return new RowClock(rate, startMicros, endRow);
  }

  /** The row the run ends before; {@code Long.MAX_VALUE} when it has no end. */
  public long endRow() {
    return endRow;
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

  /** Whether this clock gives every row the time {@code other} gives it, and ends where it ends. */
  boolean sameAs(RowClock other) {
    return other != null && startMicros == other.startMicros && endRow == other.endRow && rate.equals(other.rate);
  }
}
