package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EventTimeTest {
  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  /** floor(row * 1e6 / rate) computed with BigInteger, independently of the code under test. */
  private static long expectedMicros(long start, long row, long rate) {
    return start + BigInteger.valueOf(row).multiply(MILLION).divide(BigInteger.valueOf(rate)).longValueExact();
  }

  @Test
  void rowTimesAreSpacedByTheRate() {
    long[] rates = {1, 3, 7, 1000, 999_983, 1_000_000, 3_000_000};
    long[] rows = {0, 1, 2, 999, 1_000_000, 123_456_789_012L, 9_000_000_000_000L};
    for (long rate : rates) {
      for (long row : rows) {
        assertThat(EventTime.micros(42, row, rate)).as("row %d at %d/s", row, rate)
            .isEqualTo(expectedMicros(42, row, rate));
      }
    }
  }

  @Test
  void rowsDueCountsRowsWhoseTimeHasCome() {
    long[] rates = {1, 3, 7, 1000, 999_983, 3_000_000};
    long[] elapsed = {0, 1, 333_333, 333_334, 999_999, 1_000_000, 59_999_999, 86_400_000_000L};
    for (long rate : rates) {
      for (long e : elapsed) {
        // Definition: rows i >= 0 with micros(0, i) <= e.
        long due = EventTime.rowsDue(e, rate);
        assertThat(EventTime.micros(0, due - 1, rate)).as("last due row at %d/s, %d us", rate, e).isLessThanOrEqualTo(e);
        assertThat(EventTime.micros(0, due, rate)).as("first row not due at %d/s, %d us", rate, e).isGreaterThan(e);
      }
    }
    assertThat(EventTime.rowsDue(-1, 1000)).isZero();
  }

  @Test
  void rowsDueSaturatesInsteadOfOverflowing() {
    assertThat(EventTime.rowsDue(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }
}
