package dev.streamgen.runtime.registry;

import java.util.Locale;

/**
 * How a subject is named, as Confluent's serializers name it ({@code subject.name.strategy}): the
 * registry keeps one version history per subject, so the strategy decides which schemas evolve
 * together.
 */
public enum SubjectStrategy {
  /** TopicNameStrategy: {@code <topic>-value}; one schema per topic, so one event type per topic. */
  TOPIC {
    @Override
    String subject(String topic, String recordName) {
      return topic + "-value";
    }
  },
  /** RecordNameStrategy: the record's full name, whatever the topic. */
  RECORD {
    @Override
    String subject(String topic, String recordName) {
      return recordName;
    }
  },
  /** TopicRecordNameStrategy: {@code <topic>-<record name>}. */
  TOPIC_RECORD {
    @Override
    String subject(String topic, String recordName) {
      return topic + "-" + recordName;
    }
  };

  abstract String subject(String topic, String recordName);

  /** The strategy the setting's value ({@code topic}, {@code record}, {@code topic_record}) names. */
  static SubjectStrategy of(String setting) {
    return valueOf(setting.trim().toUpperCase(Locale.ROOT));
  }

  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
