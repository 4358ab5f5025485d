package dev.streamgen.runtime.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One run-time setting as users write it in YAML or pass it with {@code --set path=value}: its
 * dotted path, what values it takes, its default, and whether it may hold a secret reference.
 */
public final class SettingKey {
  private final String path;
  private final ValueType type;
  private final List<String> allowedValues;
  private final String defaultValue;
  private final boolean secret;
  private final String description;

  private SettingKey(Builder b) {
    this.path = b.path;
    this.type = b.type;
    this.allowedValues = Collections.unmodifiableList(new ArrayList<>(b.allowedValues));
    this.defaultValue = b.defaultValue;
    this.secret = b.secret;
    this.description = b.description;
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

  /**
   * Checks a value's text; returns null when valid, else the reason, phrased to follow
   * "'value' is not valid for path: ".
   */
  public String check(String value) {
    String v = value.trim();
    switch (type) {
      case STRING:
        return null;
      case BOOLEAN:
        String b = v.toLowerCase(Locale.ROOT);
        return b.equals("true") || b.equals("false") ? null : "expected true or false";
      case CHOICE:
        for (String allowed : allowedValues) {
          if (allowed.equalsIgnoreCase(v)) {
            return null;
          }
        }
        return "expected one of " + String.join(", ", allowedValues);
      case LONG:
      case POSITIVE_LONG:
      case NON_NEGATIVE_LONG:
        long n;
        try {
          n = Long.parseLong(v);
        } catch (NumberFormatException e) {
          return "expected " + type.description();
        }
        if (type == ValueType.POSITIVE_LONG && n <= 0) {
          return "expected " + type.description();
        }
        if (type == ValueType.NON_NEGATIVE_LONG && n < 0) {
          return "expected " + type.description();
        }
        return null;
      default:
        throw new AssertionError(type);
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

    public SettingKey build() {
      if (type == ValueType.CHOICE && allowedValues.isEmpty()) {
        throw new IllegalStateException("choice setting " + path + " needs allowed values");
      }
      return new SettingKey(this);
    }
  }
}
