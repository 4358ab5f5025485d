package dev.streamgen.runtime.job;

import java.util.Locale;

/** How progress lines print counts, rates and durations. */
final class Numbers {
  private Numbers() {}

  /** 1234567 → "1,234,567". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Rows per second, e.g. "1,234" or "1.23M". */
  static String rate(double perSecond) {
    if (perSecond >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2fM", perSecond / 1_000_000);
    }
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  /** A decimal as written, without trailing zeros: 60.0 → "60", 0.25 → "0.25". */
  static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** Microseconds since the epoch as an ISO-8601 instant, e.g. "2026-01-01T00:00:00.001Z". */
  static String instant(long micros) {
    return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
        .toString();
  }

  /** Seconds, e.g. "8.4 s" or "1:02:05". */
  static String seconds(double s) {
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long t = (long) s;
    return String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
  }
}
