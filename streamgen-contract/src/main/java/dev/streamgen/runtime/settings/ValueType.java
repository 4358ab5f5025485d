package dev.streamgen.runtime.settings;

/** What a setting's value may be. Checked the same way at build time (YAML) and at run time (overrides). */
public enum ValueType {
  STRING("a string"),
  /** A whole number greater than zero. */
  POSITIVE_LONG("a whole number greater than 0"),
  /** A whole number, zero or more. */
  NON_NEGATIVE_LONG("a whole number, 0 or more"),
  LONG("a whole number"),
  BOOLEAN("true or false"),
  /** One of {@link SettingKey#allowedValues()}. */
  CHOICE("one of the allowed values"),
  /** An absolute {@code http://} or {@code https://} URL with a host. */
  HTTP_URL("an http(s) URL"),
  /** A {@link RateShape}'s text: {@code 1000}, {@code ramp 100 to 1000 over 10m}, ... */
  RATE_SHAPE("a rate shape"),
  /** A share: a decimal number from 0 to 1 ({@link SettingKey#parse} returns a Double). */
  FRACTION("a number from 0 to 1"),
  /** A decimal number, 0 or more, such as a number of seconds ({@link SettingKey#parse} returns a Double). */
  NON_NEGATIVE_NUMBER("a number, 0 or more"),
  /** A decimal number greater than 0, such as a speed ({@link SettingKey#parse} returns a Double). */
  POSITIVE_NUMBER("a number greater than 0"),
  /** An ISO-8601 instant in UTC or with an offset, {@code 2026-01-01T00:00:00Z} (parsed to text). */
  INSTANT("an ISO-8601 instant");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** True for the whole-number types, whose values {@link SettingKey#parse} returns as a Long. */
  public boolean isNumber() {
    return this == POSITIVE_LONG || this == NON_NEGATIVE_LONG || this == LONG;
  }
}
