package dev.streamgen.runtime.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One run-time setting as users write it in YAML or pass it with {@code --set path=value}: its dotted
 * path, what values it takes (type, allowed values, range, pattern), its default, whether it holds a
 * credential, the mode it applies to, and the settings it replaces when a later layer sets it. The
 * compiler checks YAML values with {@link #check}; the runtime parses them with {@link #parse}, so a
 * value valid at build time is valid at run time.
 */
public final class SettingKey {
  private final String path;
  private final ValueType type;
  private final List<String> allowedValues;
  private final String defaultValue;
  private final boolean secret;
  private final String description;
  private final Long min;
  private final Long max;
  private final String rangeNote;
  private final Pattern pattern;
  private final String patternHint;
  private final Condition onlyWhen;
  private final List<String> replaces;

  private SettingKey(Builder b) {
    this.path = b.path;
    this.type = b.type;
    this.allowedValues = Collections.unmodifiableList(new ArrayList<>(b.allowedValues));
    this.defaultValue = b.defaultValue;
    this.secret = b.secret;
    this.description = b.description;
    this.min = b.min;
    this.max = b.max;
    this.rangeNote = b.rangeNote;
    this.pattern = b.pattern;
    this.patternHint = b.patternHint;
    this.onlyWhen = b.onlyWhen;
    this.replaces = Collections.unmodifiableList(new ArrayList<>(b.replaces));
  }

  public static Builder builder(String path, ValueType type) {
    return new Builder(path, type);
  }

  /** Dotted path, e.g. {@code streaming_config.total_rows_per_second}. */
  public String path() {
    return path;
  }

  /** The last path segment, e.g. {@code total_rows_per_second}. */
  public String name() {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  public ValueType type() {
    return type;
  }

  public List<String> allowedValues() {
    return allowedValues;
  }

  /** The default as text, or null when the setting has none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** True for credentials: values are never logged or shown, and {{secrets/...}} references are expected. */
  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }

  /** The mode this setting applies to, or null when it always applies. */
  public Condition onlyWhen() {
    return onlyWhen;
  }

  /**
   * Names of settings (same section) this one replaces: a layer that sets this key drops the values
   * earlier layers gave them ({@code --set sink_config.shard_count=8} over a YAML with
   * {@code auto_shard_calculation: true}).
   */
  public List<String> replaces() {
    return replaces;
  }

  /**
   * Checks a value's text; returns null when valid, else the reason, phrased to follow
   * "'value' is not valid for path: ".
   */
  public String check(String value) {
    String v = value.trim();
    switch (type) {
      case STRING:
        return pattern == null || pattern.matcher(v).matches() ? null : patternHint;
      case HTTP_URL:
        return isHttpUrl(v) ? null : "expected an http(s) URL such as http://127.0.0.1:4568";
      case RATE_SHAPE:
        return RateShape.problem(v);
      case BOOLEAN:
        String b = v.toLowerCase(Locale.ROOT);
        return b.equals("true") || b.equals("false") ? null : "expected true or false";
      case CHOICE:
        return choice(v) != null ? null : "expected one of " + String.join(", ", allowedValues);
      case LONG:
      case POSITIVE_LONG:
      case NON_NEGATIVE_LONG:
        return checkNumber(v);
      case FRACTION:
        return decimal(v) != null && decimal(v) <= 1 ? null : "expected a number from 0 to 1, such as 0.05";
      case NON_NEGATIVE_NUMBER:
        return decimal(v) != null ? null : "expected a number, 0 or more, such as 2.5";
      case POSITIVE_NUMBER:
        return decimal(v) != null && decimal(v) > 0 ? null : "expected a number greater than 0, such as 60 or 0.5";
      case INSTANT:
        return instantMicros(v) != null ? null : "expected an ISO-8601 instant such as 2026-01-01T00:00:00Z";
      default:
        throw new AssertionError(type);
    }
  }

  /**
   * The typed value of valid text: a Long for whole numbers, a Boolean, the allowed spelling of a
   * choice (lower case as declared), else the trimmed text.
   *
   * @throws IllegalArgumentException when {@link #check} finds a problem
   */
  public Object parse(String value) {
    String reason = check(value);
    if (reason != null) {
      String shown = secret ? "the value" : "'" + value.trim() + "'";
      throw new IllegalArgumentException(shown + " is not valid for " + path + ": " + reason);
    }
    String v = value.trim();
    switch (type) {
      case BOOLEAN:
        return Boolean.valueOf(v.toLowerCase(Locale.ROOT));
      case CHOICE:
        return choice(v);
      case LONG:
      case POSITIVE_LONG:
      case NON_NEGATIVE_LONG:
        return Long.valueOf(v);
      case FRACTION:
      case NON_NEGATIVE_NUMBER:
      case POSITIVE_NUMBER:
        return decimal(v);
      default:
        return v;
    }
  }

  /** The largest value of a bounded number, or null. */
  public Long max() {
    return max;
  }

  /** The inclusive range of a number, for docs and messages, e.g. "1 to 64"; null when unbounded. */
  public String range() {
    if (min == null && max == null) {
      return null;
    }
    return (min == null ? lowestOf(type) : min) + " to " + (max == null ? Long.MAX_VALUE : max);
  }

  private String checkNumber(String v) {
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      return "expected " + (range() != null ? "a whole number from " + range() + note() : type.description());
    }
    long low = min != null ? min : lowestOf(type);
    long high = max != null ? max : Long.MAX_VALUE;
    if (n < low || n > high) {
      return range() != null ? "expected a whole number from " + range() + note() : "expected " + type.description();
    }
    return null;
  }

  /** A finite decimal number, 0 or more, or null (no NaN, no infinity, no hex or type suffix). */
  private static Double decimal(String v) {
    if (!v.matches("[+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?")) {
      return null;
    }
    double d = Double.parseDouble(v);
    return Double.isInfinite(d) ? null : d;
  }

  /**
   * Microseconds since the epoch of an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}, or with an
   * offset such as {@code +01:00}), or null when the text is not one or is out of range.
   */
  public static Long instantMicros(String v) {
    try {
      java.time.Instant i = java.time.OffsetDateTime.parse(v.trim()).toInstant();
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000L);
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private String note() {
    return rangeNote == null ? "" : " (" + rangeNote + ")";
  }

  private static long lowestOf(ValueType type) {
    switch (type) {
      case POSITIVE_LONG:
        return 1;
      case NON_NEGATIVE_LONG:
        return 0;
      default:
        return Long.MIN_VALUE;
    }
  }

  private String choice(String v) {
    for (String allowed : allowedValues) {
      if (allowed.equalsIgnoreCase(v)) {
        return allowed;
      }
    }
    return null;
  }

  private static boolean isHttpUrl(String v) {
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return path;
  }

  /** Builds a {@link SettingKey}. */
  public static final class Builder {
    private final String path;
    private final ValueType type;
    private List<String> allowedValues = Collections.emptyList();
    private String defaultValue;
    private boolean secret;
    private String description = "";
    private Long min;
    private Long max;
    private String rangeNote;
    private Pattern pattern;
    private String patternHint;
    private Condition onlyWhen;
    private List<String> replaces = Collections.emptyList();

    private Builder(String path, ValueType type) {
      this.path = path;
      this.type = type;
    }

    public Builder allowed(String... values) {
      this.allowedValues = Arrays.asList(values);
      return this;
    }

    public Builder defaultValue(String value) {
      this.defaultValue = value;
      return this;
    }

    public Builder secret() {
      this.secret = true;
      return this;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /** Inclusive bounds of a whole number; {@code note} says why, when the limit is the service's. */
    public Builder range(long min, long max, String note) {
      this.min = min;
      this.max = max;
      this.rangeNote = note;
      return this;
    }

    public Builder range(long min, long max) {
      return range(min, max, null);
    }

    /** Text values must match {@code regex}; {@code hint} is the reason shown when one does not. */
    public Builder pattern(String regex, String hint) {
      this.pattern = Pattern.compile(regex);
      this.patternHint = hint;
      return this;
    }

    public Builder onlyWhen(Condition condition) {
      this.onlyWhen = condition;
      return this;
    }

    public Builder replaces(String... names) {
      this.replaces = Arrays.asList(names);
      return this;
    }

    public SettingKey build() {
      if (type == ValueType.CHOICE && allowedValues.isEmpty()) {
        throw new IllegalStateException("choice setting " + path + " needs allowed values");
      }
      if ((min != null || pattern != null) && defaultValue != null && new SettingKey(this).check(defaultValue) != null) {
        throw new IllegalStateException("default of " + path + " is outside its own range or pattern");
      }
      return new SettingKey(this);
    }
  }
}
