package dev.streamgen.runtime.settings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A stream's rate over time ({@code streaming_config.rate}), compiled to piecewise-linear segments:
 * within a segment the rate goes linearly from {@code r0} to {@code r1} rows/s, so the cumulative row
 * count N(t) is closed-form (a quadratic within a ramp) and so is its inverse. Row {@code i} happens
 * at the first instant where N reaches {@code i}: a pure function of (start, i, shape), so offsets
 * and event times agree across restarts and partition counts.
 *
 * <p>The text forms (words in any case; numbers are rows per second, durations take ms, s, m, h, d):
 *
 * <ul>
 *   <li>{@code 1000} or {@code constant 1000}
 *   <li>{@code ramp 100 to 1000 over 10m}: linear, then holds 1000
 *   <li>{@code daily r0,...,r23}: the rate at each hour of the day (UTC of event time), linear in
 *       between, repeating every day
 *   <li>{@code weekly r0,...,r23 days f_mon,...,f_sun}: that daily curve times a factor per weekday
 *   <li>{@code bursts 1000 peak 5000 for 30s every 10m}: base rate, then the peak for the last 30 s
 *       of every 10 minutes from the stream's start
 *   <li>{@code stages 1000 for 5m; ramp 1000 to 5000 over 1m; 5000 for 10m; loop}: stages in turn,
 *       repeating with {@code loop}, else holding the last rate
 * </ul>
 *
 * Loops without alignment (bursts, stages) count from the stream's first row; daily and weekly
 * shapes follow the clock (UTC hours, weeks from Monday 00:00 UTC). A constant whole-number rate uses
 * exact integer arithmetic: row {@code i} at {@code start + floor(i * 1e6 / rate)}.
 */
public final class RateShape implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long HOUR = 3_600_000_000L;
  private static final long DAY = 24 * HOUR;
  /** Monday 1970-01-05T00:00Z: weeks of a weekly shape start there. */
  private static final long FIRST_MONDAY = 4 * DAY;

  private final String text;
  private final long[] begin;
  private final long[] length;
  private final double[] r0;
  private final double[] r1;
  /** Rows before each segment within a cycle; {@code cum[n]} is the whole cycle's. */
  private final double[] cum;
  private final long period;
  private final boolean loop;
  /** Rate after the last segment of a shape that does not loop. */
  private final double tail;
  /** For loops: whether the phase follows the clock ({@code anchor}) or the stream's start. */
  private final boolean aligned;
  private final long anchor;
  /** A constant whole rate, or 0: uses the exact integer formulas. */
  private final long integralRate;

  private RateShape(
      String text, List<double[]> segments, boolean loop, double tail, boolean aligned, long anchor) {
    this.text = text;
    int n = segments.size();
    this.begin = new long[n];
    this.length = new long[n];
    this.r0 = new double[n];
    this.r1 = new double[n];
    this.cum = new double[n + 1];
    long at = 0;
    for (int s = 0; s < n; s++) {
      double[] seg = segments.get(s);
      begin[s] = at;
      length[s] = (long) seg[0];
      r0[s] = seg[1];
      r1[s] = seg[2];
      at += length[s];
      cum[s + 1] = cum[s] + (r0[s] + r1[s]) / 2 * length[s] / MICROS_PER_SECOND;
    }
    this.period = at;
    this.loop = loop;
    this.tail = tail;
    this.aligned = aligned;
    this.anchor = anchor;
    this.integralRate = n == 0 && tail == Math.rint(tail) && tail >= 1 && tail < 9e15 ? (long) tail : 0;
  }

  /** A constant rate of {@code rowsPerSecond}. */
  public static RateShape constant(long rowsPerSecond) {
    if (rowsPerSecond <= 0) {
      throw new IllegalArgumentException("rows per second must be greater than 0, got " + rowsPerSecond);
    }
    return new RateShape(Long.toString(rowsPerSecond), new ArrayList<double[]>(), false, rowsPerSecond, false, 0);
  }

  /**
   * Parses a shape's text.
   *
   * @throws IllegalArgumentException with the reason, phrased to follow "'text' is not valid for
   *     streaming_config.rate: "
   */
  public static RateShape parse(String text) {
    return new Parser(text).shape();
  }

  /** The reason {@code text} is not a shape, or null when it is one. */
  public static String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The text the shape was parsed from. */
  public String text() {
    return text;
  }

  /** True for a constant rate. */
  public boolean isConstant() {
    return begin.length == 0;
  }

  /** The highest rate the shape reaches, rows/s (for sizing sinks and batch caps). */
  public double peakRowsPerSecond() {
    double peak = loop ? 0 : tail;
    for (int s = 0; s < begin.length; s++) {
      peak = Math.max(peak, Math.max(r0[s], r1[s]));
    }
    return peak;
  }

  /** The target rate {@code elapsedMicros} after a stream's first row at {@code startMicros}. */
  public double rowsPerSecondAt(long startMicros, long elapsedMicros) {
    if (isConstant()) {
      return tail;
    }
    long x = phase(startMicros) + Math.max(0, elapsedMicros);
    if (loop) {
      x = Math.floorMod(x, period);
    } else if (x >= period) {
      return tail;
    }
    int s = segmentAt(x);
    return r0[s] + (r1[s] - r0[s]) * (x - begin[s]) / length[s];
  }

  /**
   * Rows due in the first {@code elapsedMicros} after the start (real-valued: the integral of the
   * rate), for targets in progress lines and tests.
   */
  public double rowsIn(long startMicros, long elapsedMicros) {
    if (isConstant()) {
      return tail * elapsedMicros / MICROS_PER_SECOND;
    }
    long p = phase(startMicros);
    return cumulative(p + elapsedMicros) - cumulative(p);
  }

  /** Event time of row {@code row} of a stream whose row 0 is at {@code startMicros}. */
  public long micros(long startMicros, long row) {
    if (integralRate > 0) {
      long whole = row / integralRate;
      long rest = row % integralRate;
      return startMicros + whole * MICROS_PER_SECOND + rest * MICROS_PER_SECOND / integralRate;
    }
    if (row == 0) {
      return startMicros;
    }
    long p = phase(startMicros);
    double x = inverse(row + cumulative(p)) - p;
    return startMicros + Math.max(0L, (long) Math.floor(x));
  }

  /**
   * How many rows are due {@code elapsedMicros} after the start: those whose event time is at or
   * before that instant (0 before the start), consistent with {@link #micros} row by row.
   */
  public long rowsDue(long startMicros, long elapsedMicros) {
    if (elapsedMicros < 0) {
      return 0;
    }
    if (integralRate > 0) {
      return constantRowsDue(elapsedMicros, integralRate);
    }
    double estimate = rowsIn(startMicros, elapsedMicros) + 1;
    long n = estimate >= 9e18 ? Long.MAX_VALUE / 2 : Math.max(1L, (long) Math.floor(estimate));
    long limit = startMicros + elapsedMicros;
    // n rows are due iff row n-1 is and row n is not; the estimate is off by at most a row or two.
    long low = n;
    long step = 1;
    while (low > 0 && micros(startMicros, low - 1) > limit) {
      low = Math.max(0, low - step);
      step *= 2;
    }
    long high = Math.max(low, n);
    step = 1;
    while (micros(startMicros, high) <= limit) {
      low = high + 1;
      high += step;
      step *= 2;
    }
    // Now rows < low are due and row high is not: the first row not due is in [low, high].
    while (low < high) {
      long mid = low + (high - low) / 2;
      if (micros(startMicros, mid) <= limit) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** {@code ceil((elapsed + 1) * rate / 1e6)}, saturating: the rows due at a constant whole rate. */
  static long constantRowsDue(long elapsedMicros, long rowsPerSecond) {
    long x = elapsedMicros == Long.MAX_VALUE ? elapsedMicros : elapsedMicros + 1;
    long whole = saturatedMultiply(x / MICROS_PER_SECOND, rowsPerSecond);
    long restTimesRate = saturatedMultiply(x % MICROS_PER_SECOND, rowsPerSecond);
    long partial = restTimesRate / MICROS_PER_SECOND + (restTimesRate % MICROS_PER_SECOND == 0 ? 0 : 1);
    long sum = whole + partial;
    return sum < whole ? Long.MAX_VALUE : sum;
  }

  private static long saturatedMultiply(long a, long b) {
    long r = a * b;
    if (a != 0 && (r / a != b || (a == -1 && b == Long.MIN_VALUE))) {
      return Long.MAX_VALUE;
    }
    return r;
  }

  /** Where in its cycle the shape is at the stream's start. */
  private long phase(long startMicros) {
    return aligned ? Math.floorMod(startMicros - anchor, period) : 0;
  }

  /** Rows from phase 0 to phase {@code x} (x ≥ 0). */
  private double cumulative(long x) {
    int n = begin.length;
    if (n == 0) {
      return tail * x / MICROS_PER_SECOND;
    }
    double before = 0;
    if (loop) {
      before = (double) (x / period) * cum[n];
      x %= period;
    } else if (x >= period) {
      return cum[n] + tail * (x - period) / MICROS_PER_SECOND;
    }
    int s = segmentAt(x);
    double t = (x - begin[s]) / (double) MICROS_PER_SECOND;
    double d = length[s] / (double) MICROS_PER_SECOND;
    return before + cum[s] + r0[s] * t + (r1[s] - r0[s]) * t * t / (2 * d);
  }

  /** The first phase (micros, real) at which {@code rows} rows have been due: the inverse of N. */
  private double inverse(double rows) {
    int n = begin.length;
    if (n == 0) {
      return rows * MICROS_PER_SECOND / tail;
    }
    double base = 0;
    if (loop) {
      double cycles = Math.floor(rows / cum[n]);
      rows -= cycles * cum[n];
      if (rows >= cum[n]) {
        cycles++;
        rows -= cum[n];
      }
      base = cycles * period;
    } else if (rows >= cum[n]) {
      return period + (rows - cum[n]) * MICROS_PER_SECOND / tail;
    }
    // The segment whose rows reach past `rows`: the first s with cum[s + 1] > rows.
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid + 1] > rows) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int s = lo;
    double m = rows - cum[s];
    if (m <= 0) {
      return base + begin[s];
    }
    double d = length[s] / (double) MICROS_PER_SECOND;
    double a = (r1[s] - r0[s]) / (2 * d);
    // Solve r0 t + a t^2 = m in the form that stays exact as a -> 0.
    double t = 2 * m / (r0[s] + Math.sqrt(Math.max(0, r0[s] * r0[s] + 4 * a * m)));
    return base + begin[s] + Math.min(length[s], t * MICROS_PER_SECOND);
  }

  private int segmentAt(long x) {
    int i = Arrays.binarySearch(begin, x);
    int s = i >= 0 ? i : -i - 2;
    while (s + 1 < begin.length && length[s] == 0) {
      s++;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateShape && ((RateShape) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Reads the text forms; messages name the word or number at fault and show the form expected. */
  private static final class Parser {
    private static final String FORMS =
        "1000, ramp 100 to 1000 over 10m, daily <24 rates>, weekly <24 rates> days <7 factors>,"
            + " bursts 1000 peak 5000 for 30s every 10m, or stages 1000 for 5m; 2000 for 1m; loop";

    private final String text;

    Parser(String text) {
      this.text = text == null ? "" : text.trim();
    }

    RateShape shape() {
      String[] words = words(text);
      if (words.length == 0) {
        throw new IllegalArgumentException("expected a rate shape: " + FORMS);
      }
      String kind = words[0].toLowerCase(Locale.ROOT);
      switch (kind) {
        case "constant":
          expectCount(words, 2, "constant 1000");
          return constantOf(words[1]);
        case "ramp":
          {
            List<double[]> segs = new ArrayList<>();
            double to = ramp(words, 0, segs);
            if (words.length > 6) {
              throw new IllegalArgumentException("unexpected '" + words[6] + "' after the ramp (a ramp holds its end rate; use stages for more)");
            }
            positiveTail(to, "the rate after the ramp");
            return new RateShape(text, segs, false, to, false, 0);
          }
        case "daily":
          return daily(words);
        case "weekly":
          return weekly(words);
        case "bursts":
          return bursts(words);
        case "stages":
          return stages();
        default:
          if (words.length == 1 && isNumber(words[0])) {
            return constantOf(words[0]);
          }
          throw new IllegalArgumentException(
              "unknown rate shape '" + words[0] + "'"
                  + DidYouMean.hint(words[0], Arrays.asList("constant", "ramp", "daily", "weekly", "bursts", "stages"))
                  + ": expected " + FORMS);
      }
    }

    private RateShape constantOf(String word) {
      double r = rate(word);
      positiveTail(r, "a constant rate");
      return new RateShape(text, new ArrayList<double[]>(), false, r, false, 0);
    }

    /** {@code ramp A to B over D} at words[at..at+5]; adds the segment; returns B. */
    private static double ramp(String[] w, int at, List<double[]> segs) {
      String form = "ramp 100 to 1000 over 10m";
      if (w.length < at + 6 || !w[at + 2].equalsIgnoreCase("to") || !w[at + 4].equalsIgnoreCase("over")) {
        throw new IllegalArgumentException("a ramp is written '" + form + "'");
      }
      double from = rate(w[at + 1]);
      double to = rate(w[at + 3]);
      long d = positiveDuration(w[at + 5]);
      segs.add(new double[] {d, from, to});
      return to;
    }

    private RateShape daily(String[] w) {
      double[] hours = numbers(w, 1, w.length, 24, "daily takes 24 rates, one per hour of the day (UTC) from 00:00");
      List<double[]> segs = new ArrayList<>();
      for (int h = 0; h < 24; h++) {
        segs.add(new double[] {HOUR, hours[h], hours[(h + 1) % 24]});
      }
      RateShape s = new RateShape(text, segs, true, 0, true, 0);
      positiveCycle(s, "a day");
      return s;
    }

    private RateShape weekly(String[] w) {
      int days = indexOf(w, "days");
      if (days < 0) {
        throw new IllegalArgumentException("weekly is written 'weekly <24 hourly rates> days <7 factors, Monday first>'");
      }
      double[] hours = numbers(w, 1, days, 24, "weekly takes 24 rates, one per hour of the day (UTC) from 00:00, before 'days'");
      double[] factor = numbers(w, days + 1, w.length, 7, "weekly takes 7 factors after 'days', one per weekday from Monday");
      List<double[]> segs = new ArrayList<>();
      for (int d = 0; d < 7; d++) {
        for (int h = 0; h < 24; h++) {
          int nd = h == 23 ? (d + 1) % 7 : d;
          segs.add(new double[] {HOUR, hours[h] * factor[d], hours[(h + 1) % 24] * factor[nd]});
        }
      }
      RateShape s = new RateShape(text, segs, true, 0, true, FIRST_MONDAY);
      positiveCycle(s, "a week");
      return s;
    }

    private RateShape bursts(String[] w) {
      String form = "bursts 1000 peak 5000 for 30s every 10m";
      if (w.length != 8
          || !w[2].equalsIgnoreCase("peak")
          || !w[4].equalsIgnoreCase("for")
          || !w[6].equalsIgnoreCase("every")) {
        throw new IllegalArgumentException("bursts are written '" + form + "'");
      }
      double base = rate(w[1]);
      double peak = rate(w[3]);
      long burst = positiveDuration(w[5]);
      long every = positiveDuration(w[7]);
      if (burst >= every) {
        throw new IllegalArgumentException(
            "a burst of " + w[5] + " does not fit in every " + w[7] + ": the burst must be shorter than its period");
      }
      List<double[]> segs = new ArrayList<>();
      segs.add(new double[] {every - burst, base, base});
      segs.add(new double[] {burst, peak, peak});
      RateShape s = new RateShape(text, segs, true, 0, false, 0);
      positiveCycle(s, "a period");
      return s;
    }

    private RateShape stages() {
      String body = text.substring(text.toLowerCase(Locale.ROOT).indexOf("stages") + "stages".length());
      String[] parts = body.split(";", -1);
      List<double[]> segs = new ArrayList<>();
      boolean loop = false;
      double last = 0;
      for (int i = 0; i < parts.length; i++) {
        String[] w = words(parts[i]);
        if (w.length == 0) {
          throw new IllegalArgumentException("stage " + (i + 1) + " is empty: write stages as '1000 for 5m; ramp 1000 to 2000 over 1m; loop'");
        }
        if (w.length == 1 && w[0].equalsIgnoreCase("loop")) {
          if (i != parts.length - 1) {
            throw new IllegalArgumentException("'loop' must be the last stage");
          }
          loop = true;
          continue;
        }
        if (w[0].equalsIgnoreCase("ramp")) {
          last = ramp(w, 0, segs);
          if (w.length > 6) {
            throw new IllegalArgumentException("stage " + (i + 1) + ": unexpected '" + w[6] + "' after the ramp");
          }
        } else if (w.length == 3 && w[1].equalsIgnoreCase("for")) {
          last = rate(w[0]);
          segs.add(new double[] {positiveDuration(w[2]), last, last});
        } else {
          throw new IllegalArgumentException(
              "stage " + (i + 1) + " '" + parts[i].trim() + "': expected '<rate> for <duration>' or 'ramp <rate> to <rate> over <duration>'");
        }
      }
      if (segs.isEmpty()) {
        throw new IllegalArgumentException("stages needs at least one stage");
      }
      if (loop) {
        RateShape s = new RateShape(text, segs, true, 0, false, 0);
        positiveCycle(s, "the stages");
        return s;
      }
      positiveTail(last, "the rate after the last stage (it holds; end with 'loop' to repeat)");
      return new RateShape(text, segs, false, last, false, 0);
    }

    private static void positiveTail(double rate, String what) {
      if (!(rate > 0)) {
        throw new IllegalArgumentException(what + " must be greater than 0, or the stream would never end its pause");
      }
    }

    private static void positiveCycle(RateShape s, String what) {
      if (!(s.cum[s.begin.length] > 0)) {
        throw new IllegalArgumentException(what + " must have some rows: every rate is 0");
      }
    }

    private static void expectCount(String[] w, int n, String form) {
      if (w.length != n) {
        throw new IllegalArgumentException("expected '" + form + "'");
      }
    }

    private static double[] numbers(String[] w, int from, int to, int count, String form) {
      if (to - from != count) {
        throw new IllegalArgumentException(form + ", got " + (to - from));
      }
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        out[i] = rate(w[from + i]);
      }
      return out;
    }

    private static int indexOf(String[] w, String word) {
      for (int i = 0; i < w.length; i++) {
        if (w[i].equalsIgnoreCase(word)) {
          return i;
        }
      }
      return -1;
    }

    private static String[] words(String s) {
      String t = s.replace("->", " to ").replace(',', ' ').trim();
      return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static boolean isNumber(String w) {
      try {
        Double.parseDouble(w);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private static double rate(String w) {
      double r;
      try {
        r = Double.parseDouble(w);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + w + "' is not a rate: expected rows per second, a number 0 or more");
      }
      if (!(r >= 0) || Double.isInfinite(r) || r > 1e12) {
        throw new IllegalArgumentException("'" + w + "' is not a rate: expected rows per second from 0 to 1000000000000");
      }
      return r;
    }

    /** A duration with unit ms, s, m, h or d, in microseconds; greater than 0. */
    static long positiveDuration(String w) {
      String lower = w.toLowerCase(Locale.ROOT);
      String[] units = {"ms", "s", "m", "h", "d"};
      long[] micros = {1_000L, MICROS_PER_SECOND, 60 * MICROS_PER_SECOND, HOUR, DAY};
      for (int u = 0; u < units.length; u++) {
        if (lower.endsWith(units[u]) && !(units[u].equals("s") && lower.endsWith("ms"))) {
          String number = lower.substring(0, lower.length() - units[u].length());
          try {
            long n = Long.parseLong(number);
            if (n > 0 && n <= 365L * DAY / micros[u]) {
              return n * micros[u];
            }
          } catch (NumberFormatException e) {
            // reported below
          }
          break;
        }
      }
      throw new IllegalArgumentException(
          "'" + w + "' is not a duration: expected a whole number greater than 0 with unit ms, s, m, h or d (e.g. 30s, 10m), at most a year");
    }
  }
}
