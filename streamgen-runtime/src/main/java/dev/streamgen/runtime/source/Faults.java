package dev.streamgen.runtime.source;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.settings.FaultKeys;
import dev.streamgen.runtime.settings.SettingKey;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Delivery faults on purpose ({@code faults:} in the YAML, the source option {@value
 * SourceOptions#FAULTS}): which rows are late, out of order, duplicates or dropped, by how much a
 * row's event time moves back, and which earlier row a duplicate copies. Every answer is a pure
 * function of (seed, row) through salted hashes, so it is the same for any partition count, in any
 * reading order and after a restart.
 *
 * <p>A row has one fate, picked by one uniform draw cut into consecutive intervals of the declared
 * shares: dropped, duplicate, late, out of order, else an original. An original (late or out of
 * order included) is generated from its own index with its event time moved back by its delay; a
 * duplicate emits exactly what an earlier original row within {@code duplicate_window_rows} emitted
 * (type, payload bytes, partition key, timestamp), so it never copies a drop or another duplicate.
 */
public final class Faults implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Fates of a row. */
  static final int ORIGINAL = 0;
  static final int LATE = 1;
  static final int OUT_OF_ORDER = 2;
  static final int DUPLICATE = 3;
  static final int DROPPED = 4;

  /** No faults: every row an original, no ground truth. */
  public static final Faults NONE = new Faults(new LinkedHashMap<String, String>());

  private static final long FATE_SALT = 0x73746D4661746531L; // "stmFate1"
  private static final long DELAY_SALT = 0x73746D44656C6179L; // "stmDelay"
  private static final long ORIGINAL_SALT = 0x73746D4F72696731L; // "stmOrig1"
  /** Draws of an earlier row a duplicate tries before it stays an original (drops and duplicates are skipped). */
  static final int ORIGINAL_TRIES = 16;
  private static final double MICROS = 1e6;

  private final String text;
  private final double dropEnd;
  private final double duplicateEnd;
  private final double lateEnd;
  private final double outOfOrderEnd;
  private final boolean exponential;
  private final double lateMinMicros;
  private final double lateMaxMicros;
  private final double lateMeanMicros;
  private final double outOfOrderWindowMicros;
  private final long duplicateWindowRows;
  private final boolean groundTruth;

  private Faults(Map<String, String> values) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      b.append(b.length() == 0 ? "" : ",").append(e.getKey().substring(FaultKeys.SECTION.length())).append('=').append(e.getValue());
    }
    this.text = b.toString();
    double drop = number(values, FaultKeys.DROP_SHARE);
    double duplicate = number(values, FaultKeys.DUPLICATE_SHARE);
    double late = number(values, FaultKeys.LATE_SHARE);
    double outOfOrder = number(values, FaultKeys.OUT_OF_ORDER_SHARE);
    this.dropEnd = drop;
    this.duplicateEnd = drop + duplicate;
    this.lateEnd = drop + duplicate + late;
    this.outOfOrderEnd = drop + duplicate + late + outOfOrder;
    this.exponential = "exponential".equals(String.valueOf(FaultKeys.LATE_DELAY.parse(value(values, FaultKeys.LATE_DELAY))));
    this.lateMinMicros = number(values, FaultKeys.LATE_MIN_SECONDS) * MICROS;
    this.lateMaxMicros = number(values, FaultKeys.LATE_MAX_SECONDS) * MICROS;
    this.lateMeanMicros = number(values, FaultKeys.LATE_MEAN_SECONDS) * MICROS;
    this.outOfOrderWindowMicros = number(values, FaultKeys.OUT_OF_ORDER_WINDOW_SECONDS) * MICROS;
    this.duplicateWindowRows = (Long) FaultKeys.DUPLICATE_WINDOW_ROWS.parse(value(values, FaultKeys.DUPLICATE_WINDOW_ROWS));
    this.groundTruth = (Boolean) FaultKeys.GROUND_TRUTH.parse(value(values, FaultKeys.GROUND_TRUTH));
  }

  /**
   * Parses the source option: {@code name=value} pairs joined by commas, names as under {@code
   * faults:} in the YAML ({@code late_share=0.05,late_max_seconds=600,ground_truth=true}); empty or
   * null for none. Checked by the settings table's own rules, so the YAML, {@code --set} and this
   * option reject the same values with the same words.
   */
  public static Faults parse(String option) {
    if (option == null || option.trim().isEmpty()) {
      return NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : option.split(",")) {
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      SettingKey key = FaultKeys.key(name);
      if (key == null || eq < 0) {
        throw SourceOptions.invalid(SourceOptions.FAULTS, option,
            (key == null ? "unknown fault '" + name + "'" + dev.streamgen.runtime.settings.DidYouMean.hint(name, names())
                : "'" + name + "' has no value") + "; write name=value pairs joined by commas",
            "late_share=0.05,late_max_seconds=600");
      }
      String value = pair.substring(eq + 1).trim();
      String reason = key.check(value);
      if (reason != null) {
        throw SourceOptions.invalid(SourceOptions.FAULTS, option, "'" + value + "' is not valid for " + key.path() + ": " + reason,
            "late_share=0.05,late_max_seconds=600");
      }
      values.put(key.path(), value);
    }
    List<FaultKeys.Problem> problems = FaultKeys.check(values);
    if (!problems.isEmpty()) {
      throw SourceOptions.invalid(SourceOptions.FAULTS, option, problems.get(0).message(), "late_share=0.05,late_max_seconds=600");
    }
    return new Faults(values);
  }

  private static List<String> names() {
    List<String> names = new java.util.ArrayList<>();
    for (SettingKey k : FaultKeys.ALL) {
      names.add(k.name());
    }
    return names;
  }

  private static String value(Map<String, String> values, SettingKey key) {
    String v = values.get(key.path());
    return v != null ? v : key.defaultValue();
  }

  private static double number(Map<String, String> values, SettingKey key) {
    return (Double) key.parse(value(values, key));
  }

  /** True when some share is above 0: rows need their fate looked up. */
  boolean active() {
    return outOfOrderEnd > 0;
  }

  /** True when rows carry their index and a duplicate flag (extra columns of the unified stream). */
  public boolean groundTruth() {
    return groundTruth;
  }

  /** The option text, as parsed (empty for none). */
  String text() {
    return text;
  }

  /**
   * The drawn fate of row {@code row}: {@link #DROPPED}, {@link #DUPLICATE}, {@link #LATE},
   * {@link #OUT_OF_ORDER} or {@link #ORIGINAL}. A drawn duplicate with no earlier original to copy
   * ({@link #originalOf} is -1) is written as an original.
   */
  int fate(long seed, long row) {
    double u = Rng.unit(Rng.hash(row, Rng.stream(seed, FATE_SALT)));
    if (u >= outOfOrderEnd) {
      return ORIGINAL;
    }
    if (u < dropEnd) {
      return DROPPED;
    }
    if (u < duplicateEnd) {
      return DUPLICATE;
    }
    return u < lateEnd ? LATE : OUT_OF_ORDER;
  }

  /**
   * The earlier row a duplicate {@code row} re-emits: the first of up to {@value #ORIGINAL_TRIES}
   * draws, each uniform among the {@code duplicate_window_rows} rows before it, that is an original
   * (not dropped, not a duplicate) at index 0 or more; -1 when none is.
   */
  long originalOf(long seed, long row) {
    for (int k = 0; k < ORIGINAL_TRIES; k++) {
      long back = Rng.between(Rng.hash(row, Rng.stream(seed, ORIGINAL_SALT + k)), 1L, duplicateWindowRows);
      long candidate = row - back;
      if (candidate >= 0) {
        int f = fate(seed, candidate);
        if (f != DROPPED && f != DUPLICATE) {
          return candidate;
        }
      }
    }
    return -1;
  }

  /**
   * How far (microseconds, 0 or more) the event time of original row {@code row} with fate {@code
   * fate} moves back: a late row's delay (uniform from min to max, or exponential with the mean), an
   * out-of-order row's uniform shift from 0 to the window, else 0.
   */
  long delayMicros(long seed, long row, int fate) {
    if (fate != LATE && fate != OUT_OF_ORDER) {
      return 0;
    }
    long h = Rng.hash(row, Rng.stream(seed, DELAY_SALT));
    double micros;
    if (fate == OUT_OF_ORDER) {
      micros = Rng.unit(h) * outOfOrderWindowMicros;
    } else if (exponential) {
      micros = -lateMeanMicros * Math.log(Rng.openUnit(h));
    } else {
      micros = lateMinMicros + Rng.unit(h) * (lateMaxMicros - lateMinMicros);
    }
    return (long) Math.min(micros, (double) Long.MAX_VALUE / 2);
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "no faults" : "faults " + text;
  }
}
