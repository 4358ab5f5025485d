package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.settings.KafkaKeys;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka sink's options, from the table-checked keys of {@link KafkaKeys}: the topic or the per-type
 * topic pattern, and the {@code kafka.*} producer settings passed to the producer exactly as Spark's
 * Kafka writer passes its {@code kafka.*} options ({@code kafka.acks}, {@code kafka.security.protocol},
 * {@code kafka.sasl.jaas.config}, {@code kafka.ssl.*}, ...). The run's format decides the Avro
 * {@code schema_fingerprint} header.
 */
public final class KafkaSinkOptions implements Serializable {
  private static final long serialVersionUID = 2L;

  private final String bootstrapServers;
  private final String topic;
  private final TopicPattern topicPattern;
  private final Map<String, String> producerSettings;
  private final Format format;

  private KafkaSinkOptions(
      String bootstrapServers,
      String topic,
      TopicPattern topicPattern,
      Map<String, String> producerSettings,
      Format format) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.topicPattern = topicPattern;
    this.producerSettings = Collections.unmodifiableMap(new LinkedHashMap<>(producerSettings));
    this.format = format;
  }

  /** The rules beyond single keys; the first problem is thrown, naming the key, value and fix. */
  public static KafkaSinkOptions from(SinkOptions options) {
    String topic = options.text(KafkaKeys.TOPIC);
    String pattern = options.text(KafkaKeys.TOPIC_PATTERN);
    if (topic != null) {
      TopicName.check(KafkaKeys.TOPIC.path(), topic);
    }
    TopicPattern topicPattern = pattern == null ? null : TopicPattern.parse(pattern);
    Map<String, String> producer = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.passthrough().entrySet()) {
      String setting = e.getKey().substring(KafkaKeys.PRODUCER_PREFIX.length());
      if (setting.equals("bootstrap.servers")) {
        throw new IllegalArgumentException(
            "sink_config." + e.getKey() + " is not supported; set " + KafkaKeys.BOOTSTRAP_SERVERS.path() + " instead");
      }
      if (setting.equals("key.serializer") || setting.equals("value.serializer")) {
        throw new IllegalArgumentException(
            "sink_config." + e.getKey() + " is not supported: Spark's Kafka writer sends keys and values as bytes"
                + " with its own serializers; remove it");
      }
      producer.put(e.getKey(), e.getValue());
    }
    return new KafkaSinkOptions(
        options.text(KafkaKeys.BOOTSTRAP_SERVERS), topic, topicPattern, producer, options.format());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The single topic, or null when a {@link #topicPattern()} is set. */
  public String topic() {
    return topic;
  }

  /** The per-type topic pattern, or null when a single {@link #topic()} is set. */
  public TopicPattern topicPattern() {
    return topicPattern;
  }

  /** The {@code kafka.*} producer settings, keys with their {@code kafka.} prefix. May hold secrets. */
  public Map<String, String> producerSettings() {
    return producerSettings;
  }

  /** The payload format of the run, or null when the job did not say (then Avro is recognised per row). */
  public Format format() {
    return format;
  }

  /** The options for {@code format("kafka")}, batch or streaming. May hold secrets: never log values. */
  public Map<String, String> sparkWriterOptions() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", bootstrapServers);
    o.putAll(producerSettings);
    if (topic != null) {
      o.put("topic", topic);
    }
    return Collections.unmodifiableMap(o);
  }

  @Override
  public String toString() {
    // Keys only: producer settings may hold credentials.
    return "KafkaSinkOptions{bootstrap_servers=" + bootstrapServers
        + (topic != null ? ", topic=" + topic : ", topic_pattern=" + topicPattern)
        + ", producer settings=" + producerSettings.keySet()
        + ", format=" + (format == null ? "unknown" : format.configName()) + "}";
  }

}
