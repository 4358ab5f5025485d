package dev.streamgen.runtime.sink.kafka;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's rule for topic names (as its broker enforces it): 1 to 249 characters from
 * {@code [a-zA-Z0-9._-]}, and neither {@code .} nor {@code ..}.
 */
final class TopicName {
  static final int MAX_LENGTH = 249;

  /** Every character Kafka does not allow in a topic name; {@link #legalize} replaces each with '_'. */
  static final String ILLEGAL_CHARACTER_REGEX = "[^a-zA-Z0-9._-]";

  private static final Pattern ILLEGAL = Pattern.compile(ILLEGAL_CHARACTER_REGEX);

  private TopicName() {}

  /** {@code name} with each character Kafka rejects (one code point at a time) replaced by '_'. */
  static String legalize(String name) {
    return ILLEGAL.matcher(name).replaceAll("_");
  }

  /** Null when {@code text} is usable inside a topic name, else the first offending character, quoted. */
  static String firstIllegalCharacter(String text) {
    Matcher m = ILLEGAL.matcher(text);
    return m.find() ? "'" + m.group() + "'" : null;
  }

  /** Checks a complete topic name; the message names the setting, the value and the rule. */
  static String check(String setting, String topic) {
    String bad = firstIllegalCharacter(topic);
    if (bad != null) {
      throw new IllegalArgumentException(
          setting + " '" + topic + "' contains " + bad
              + ", which Kafka topic names cannot; use letters, digits, '.', '_' and '-'");
    }
    if (topic.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          setting + " '" + topic + "' is " + topic.length()
              + " characters long; Kafka topic names have at most " + MAX_LENGTH);
    }
    if (topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(setting + " '" + topic + "' is not a valid Kafka topic name");
    }
    return topic;
  }
}
