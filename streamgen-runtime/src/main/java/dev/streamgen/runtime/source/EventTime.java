package dev.streamgen.runtime.source;

/**
 * Event time of a row: row {@code i} happens at {@code start + floor(i * 1e6 / rowsPerSecond)}
 * microseconds, in batch and in streaming alike. A stream emits row {@code i} once the clock passes
 * that time, so event time and emission agree and restarts keep the same timeline.
 */
public final class EventTime {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private EventTime() {}

  /** {@code start + floor(row * 1e6 / rowsPerSecond)} without overflowing for large row indexes. */
  public static long micros(long startMicros, long row, long rowsPerSecond) {
    long whole = row / rowsPerSecond;
    long rest = row % rowsPerSecond;
    return startMicros + whole * MICROS_PER_SECOND + rest * MICROS_PER_SECOND / rowsPerSecond;
  }

  /**
   * How many rows are due {@code elapsedMicros} after the start: the number of rows whose event time
   * is at or before that instant, {@code ceil((elapsed + 1) * rowsPerSecond / 1e6)}, or 0 before the
   * start. Saturates at {@code Long.MAX_VALUE}.
   */
  public static long rowsDue(long elapsedMicros, long rowsPerSecond) {
    if (elapsedMicros < 0) {
      return 0;
    }
    long x = elapsedMicros == Long.MAX_VALUE ? elapsedMicros : elapsedMicros + 1;
    long whole = SourceOptions.saturatedMultiply(x / MICROS_PER_SECOND, rowsPerSecond);
    long restTimesRate = SourceOptions.saturatedMultiply(x % MICROS_PER_SECOND, rowsPerSecond);
    long partial = restTimesRate / MICROS_PER_SECOND + (restTimesRate % MICROS_PER_SECOND == 0 ? 0 : 1);
    long sum = whole + partial;
    return sum < whole ? Long.MAX_VALUE : sum;
  }
}
