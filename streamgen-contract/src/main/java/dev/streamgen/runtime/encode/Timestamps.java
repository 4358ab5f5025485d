package dev.streamgen.runtime.encode;

/**
 * ISO-8601 UTC text of a microsecond timestamp, always with six fraction digits
 * ({@code 2026-11-25T18:55:51.123456Z}), and of a day ({@code 2026-11-25}), written without
 * allocation. Years outside 0000..9999 use ISO's expanded form ({@code +10000-01-01T…}, {@code
 * -0001-…}).
 */
public final class Timestamps {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;

  private Timestamps() {}

  /** Appends the text, without quotes. */
  public static void writeIso(ByteWriter out, long micros) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    int fraction = (int) Math.floorMod(micros, MICROS_PER_SECOND);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    writeDate(out, Math.floorDiv(seconds, SECONDS_PER_DAY));
    out.ensure(24);
    out.writeUnchecked('T');
    digits(out, secondOfDay / 3600, 2);
    out.writeUnchecked(':');
    digits(out, (secondOfDay / 60) % 60, 2);
    out.writeUnchecked(':');
    digits(out, secondOfDay % 60, 2);
    out.writeUnchecked('.');
    digits(out, fraction, 6);
    out.writeUnchecked('Z');
  }

  /** Appends the ISO-8601 date of {@code days} since 1970-01-01, without quotes: {@code 2026-11-25}. */
  public static void writeDate(ByteWriter out, long days) {
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097);
    long dayOfEra = z - era * 146097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

    out.ensure(32);
    if (year >= 0 && year <= 9999) {
      digits(out, year, 4);
    } else {
      out.writeUnchecked(year < 0 ? '-' : '+');
      long abs = Math.abs(year);
      digits(out, abs, Math.max(4, Long.toString(abs).length()));
    }
    out.writeUnchecked('-');
    digits(out, month, 2);
    out.writeUnchecked('-');
    digits(out, day, 2);
  }

  /** The text as a String (for partition keys). */
  public static String toIso(long micros) {
    ByteWriter w = new ByteWriter(32);
    writeIso(w, micros);
    return ascii(w);
  }

  /** The date text as a String (for partition keys). */
  public static String dateText(long days) {
    ByteWriter w = new ByteWriter(16);
    writeDate(w, days);
    return ascii(w);
  }

  private static String ascii(ByteWriter w) {
    return new String(w.array(), 0, w.size(), java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static void digits(ByteWriter out, long value, int count) {
    int end = out.size() + count;
    for (int i = 0; i < count; i++) {
      out.writeUnchecked('0');
    }
    byte[] buf = out.array();
    for (int i = end - 1; value > 0 && i >= end - count; i--) {
      buf[i] = (byte) ('0' + (value % 10));
      value /= 10;
    }
  }
}
