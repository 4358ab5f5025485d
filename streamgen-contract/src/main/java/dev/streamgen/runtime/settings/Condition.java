package dev.streamgen.runtime.settings;

import java.io.Serializable;

/**
 * "Only when key {@code name} is {@code value}": a setting that tunes one mode of a sink (Event Hubs'
 * AMQP client keys apply only with {@code protocol: amqp}). Outside that mode its default is not filled
 * in and a value the user set is reported as ignored.
 */
public final class Condition implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String value;

  private Condition(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /** The setting {@code name} (last path segment, same section) has {@code value} (case-insensitive). */
  public static Condition when(String name, String value) {
    return new Condition(name, value);
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  /** Whether the condition holds for the setting's current value (its default when unset). */
  public boolean holds(String currentValue) {
    return currentValue != null && currentValue.trim().equalsIgnoreCase(value);
  }

  @Override
  public String toString() {
    return name + ": " + value;
  }
}
