package dev.streamgen.runtime.sink.kafka;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * {@code sink_config.topic_pattern}: one topic per event type, e.g. {@code events.{event_type_id}}.
 * The placeholder {@value #PLACEHOLDER} (the only one) is replaced by the row's event type id, each
 * character Kafka does not allow in topic names replaced by '_': {@code user.login} gives
 * {@code events.user.login}, {@code cart add/v2} gives {@code events.cart_add_v2}.
 */
public final class TopicPattern implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String PLACEHOLDER = "{event_type_id}";
  private static final String SETTING = dev.streamgen.runtime.settings.KafkaKeys.TOPIC_PATTERN.path();

  private final String pattern;
  /** The text around the placeholders: one more element than there are placeholders. */
  private final List<String> literals;

  private TopicPattern(String pattern, List<String> literals) {
    this.pattern = pattern;
    this.literals = Collections.unmodifiableList(new ArrayList<>(literals));
  }

  /** Parses and checks a pattern; messages name the setting, the pattern and the fix. */
  public static TopicPattern parse(String pattern) {
    List<String> literals = new ArrayList<>();
    int start = 0;
    while (true) {
      int open = pattern.indexOf('{', start);
      int close = pattern.indexOf('}', start);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new IllegalArgumentException(
            SETTING + " '" + pattern + "' has a '}' without '{' at position " + close
                + "; the only placeholder is " + PLACEHOLDER);
      }
      if (open < 0) {
        literals.add(pattern.substring(start));
        break;
      }
      if (close < 0) {
        throw new IllegalArgumentException(
            SETTING + " '" + pattern + "' has a '{' without '}' at position " + open
                + "; the only placeholder is " + PLACEHOLDER);
      }
      String placeholder = pattern.substring(open, close + 1);
      if (!placeholder.equals(PLACEHOLDER)) {
        throw new IllegalArgumentException(
            SETTING + " '" + pattern + "' has unknown placeholder " + placeholder
                + "; the only placeholder is " + PLACEHOLDER);
      }
      literals.add(pattern.substring(start, open));
      start = close + 1;
    }
    if (literals.size() == 1) {
      throw new IllegalArgumentException(
          SETTING + " '" + pattern + "' has no " + PLACEHOLDER
              + " placeholder; for a single topic set " + dev.streamgen.runtime.settings.KafkaKeys.TOPIC.path() + " instead");
    }
    for (String literal : literals) {
      String bad = TopicName.firstIllegalCharacter(literal);
      if (bad != null) {
        throw new IllegalArgumentException(
            SETTING + " '" + pattern + "' contains " + bad
                + ", which Kafka topic names cannot; outside the placeholder use letters, digits, '.', '_' and '-'");
      }
    }
    return new TopicPattern(pattern, literals);
  }

  /** The pattern as configured. */
  public String pattern() {
    return pattern;
  }

  /** The topic of an event type, exactly as {@link #column} computes it per row. */
  public String topicFor(String eventTypeId) {
    String id = TopicName.legalize(eventTypeId);
    StringBuilder topic = new StringBuilder(literals.get(0));
    for (int i = 1; i < literals.size(); i++) {
      topic.append(id).append(literals.get(i));
    }
    return topic.toString();
  }

  /** The Spark expression computing the topic of each row from its event type id. */
  public Column column(Column eventTypeId) {
    Column id = regexp_replace(eventTypeId, TopicName.ILLEGAL_CHARACTER_REGEX, "_");
    List<Column> parts = new ArrayList<>();
    parts.add(lit(literals.get(0)));
    for (int i = 1; i < literals.size(); i++) {
      parts.add(id);
      parts.add(lit(literals.get(i)));
    }
    return concat(parts.toArray(new Column[0]));
  }

  @Override
  public String toString() {
    return pattern;
  }
}
