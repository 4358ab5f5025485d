package dev.streamgen.runtime.settings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@code faults:} section of the settings table: delivery faults a pipeline test wants on purpose
 * (late and out-of-order event times, duplicates, drops) and the opt-in ground truth that lets the
 * test check them exactly. Each key is checked on its own by {@link SettingKey#check}; the rules
 * spanning keys are {@link #check}, which the compiler (at the YAML node), {@link RunSettings} (with
 * the layer's origin) and the runtime's source option all call.
 */
public final class FaultKeys {
  public static final String SECTION = "faults.";

  public static final SettingKey LATE_SHARE =
      fault("late_share", ValueType.FRACTION)
          .defaultValue("0")
          .description("share of rows whose event time is moved back by a delay drawn from late_delay")
          .build();
  public static final SettingKey LATE_DELAY =
      fault("late_delay", ValueType.CHOICE)
          .allowed("uniform", "exponential")
          .defaultValue("uniform")
          .description("distribution of the delay: uniform from late_min_seconds to late_max_seconds, "
              + "or exponential with mean late_mean_seconds")
          .build();
  public static final SettingKey LATE_MIN_SECONDS =
      fault("late_min_seconds", ValueType.NON_NEGATIVE_NUMBER)
          .defaultValue("0")
          .description("smallest delay of a late row (uniform)")
          .build();
  public static final SettingKey LATE_MAX_SECONDS =
      fault("late_max_seconds", ValueType.NON_NEGATIVE_NUMBER)
          .defaultValue("60")
          .description("largest delay of a late row (uniform)")
          .build();
  public static final SettingKey LATE_MEAN_SECONDS =
      fault("late_mean_seconds", ValueType.NON_NEGATIVE_NUMBER)
          .defaultValue("60")
          .description("mean delay of a late row (exponential)")
          .build();
  public static final SettingKey OUT_OF_ORDER_SHARE =
      fault("out_of_order_share", ValueType.FRACTION)
          .defaultValue("0")
          .description("share of rows whose event time is moved back by up to out_of_order_window_seconds")
          .build();
  public static final SettingKey OUT_OF_ORDER_WINDOW_SECONDS =
      fault("out_of_order_window_seconds", ValueType.NON_NEGATIVE_NUMBER)
          .defaultValue("5")
          .description("how far back an out-of-order row may go (uniform from 0)")
          .build();
  public static final SettingKey DUPLICATE_SHARE =
      fault("duplicate_share", ValueType.FRACTION)
          .defaultValue("0")
          .description("share of rows that re-emit an earlier row (same type, payload, key and timestamp)")
          .build();
  public static final SettingKey DUPLICATE_WINDOW_ROWS =
      fault("duplicate_window_rows", ValueType.POSITIVE_LONG)
          .defaultValue("1000")
          .description("a duplicate copies one of this many rows before it")
          .build();
  public static final SettingKey DROP_SHARE =
      fault("drop_share", ValueType.FRACTION)
          .defaultValue("0")
          .description("share of rows skipped (never emitted), counted in the run summary")
          .build();
  public static final SettingKey GROUND_TRUTH =
      fault("ground_truth", ValueType.BOOLEAN)
          .defaultValue("false")
          .description("add each row's index and a duplicate flag: Delta columns, Kafka headers, "
              + "Event Hubs properties (docs/runtime.md)")
          .build();

  /** The keys in documentation order. */
  public static final List<SettingKey> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              LATE_SHARE,
              LATE_DELAY,
              LATE_MIN_SECONDS,
              LATE_MAX_SECONDS,
              LATE_MEAN_SECONDS,
              OUT_OF_ORDER_SHARE,
              OUT_OF_ORDER_WINDOW_SECONDS,
              DUPLICATE_SHARE,
              DUPLICATE_WINDOW_ROWS,
              DROP_SHARE,
              GROUND_TRUTH));

  /** The shares, which together may not pass 1: a row has one fate. */
  private static final List<SettingKey> SHARES =
      Collections.unmodifiableList(Arrays.asList(LATE_SHARE, OUT_OF_ORDER_SHARE, DUPLICATE_SHARE, DROP_SHARE));

  private FaultKeys() {}

  private static SettingKey.Builder fault(String name, ValueType type) {
    return SettingKey.builder(SECTION + name, type);
  }

  /** The key named {@code name} (without {@code faults.}), or null. */
  public static SettingKey key(String name) {
    for (SettingKey k : ALL) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }

  /** A problem of the rules spanning keys: the full path of the key it is about, and the message. */
  public static final class Problem {
    private final String path;
    private final String message;

    Problem(String path, String message) {
      this.path = path;
      this.message = message;
    }

    public String path() {
      return path;
    }

    public String message() {
      return message;
    }

    @Override
    public String toString() {
      return message;
    }
  }

  /**
   * The rules spanning keys, on values each valid on its own ({@code values}: full paths to text;
   * unset keys take their defaults): the shares add up to at most 1; a uniform delay's min is not
   * above its max; an exponential delay has a mean above 0. Every sink carries the ground truth
   * (Kinesis in the partition key), so none is refused here.
   */
  public static List<Problem> check(Map<String, String> values) {
    List<Problem> problems = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    StringBuilder terms = new StringBuilder();
    SettingKey lastSet = null;
    for (SettingKey k : SHARES) {
      BigDecimal share = new BigDecimal(value(values, k));
      if (share.signum() > 0) {
        sum = sum.add(share);
        terms.append(terms.length() == 0 ? "" : " + ").append(k.name()).append(' ').append(share.toPlainString());
        lastSet = k;
      }
    }
    if (sum.compareTo(BigDecimal.ONE) > 0) {
      problems.add(new Problem(lastSet.path(),
          "faults: the shares add up to " + sum.stripTrailingZeros().toPlainString() + " (" + terms
              + "), more than 1: a row is late, out of order, a duplicate or dropped, not several"));
    }
    boolean late = Double.parseDouble(value(values, LATE_SHARE)) > 0;
    String delay = value(values, LATE_DELAY).trim().toLowerCase(java.util.Locale.ROOT);
    double min = Double.parseDouble(value(values, LATE_MIN_SECONDS));
    double max = Double.parseDouble(value(values, LATE_MAX_SECONDS));
    if (late && delay.equals("uniform") && min > max) {
      problems.add(new Problem(LATE_MIN_SECONDS.path(),
          "faults: late_min_seconds " + text(values, LATE_MIN_SECONDS) + " is more than late_max_seconds "
              + text(values, LATE_MAX_SECONDS) + ": the uniform delay's range is empty"));
    }
    if (late && delay.equals("exponential") && Double.parseDouble(value(values, LATE_MEAN_SECONDS)) <= 0) {
      problems.add(new Problem(LATE_MEAN_SECONDS.path(),
          "faults: late_delay exponential needs late_mean_seconds above 0, got " + text(values, LATE_MEAN_SECONDS)));
    }
    return problems;
  }

  private static String value(Map<String, String> values, SettingKey k) {
    String v = values.get(k.path());
    return v == null ? k.defaultValue() : v.trim();
  }

  private static String text(Map<String, String> values, SettingKey k) {
    String v = value(values, k);
    return v.startsWith("+") ? v.substring(1) : v;
  }
}
