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
  CHOICE("one of the allowed values");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
