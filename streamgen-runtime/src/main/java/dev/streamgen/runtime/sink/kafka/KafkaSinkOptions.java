package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.settings.KafkaKeys;
import dev.streamgen.runtime.settings.SettingKey;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka sink's options, from the table-checked keys of {@link KafkaKeys}: the topic or the per-type
 * topic pattern; the named producer keys ({@code compression}, {@code linger_ms}, {@code
 * batch_size_bytes}, {@code idempotence}), whose defaults were chosen by measurement
 * (docs/benchmarks.md) rather than the producer's own; and the {@code kafka.*} producer settings
 * passed to the producer exactly as Spark's Kafka writer passes its {@code kafka.*} options, winning
 * over the named key they stand for. The run's format decides the Avro {@code schema_fingerprint}
 * header.
 */
public final class KafkaSinkOptions implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Each named key and the producer setting it stands for. */
  private static final Object[][] NAMED_PRODUCER_SETTINGS = {
    {KafkaKeys.COMPRESSION, "compression.type"},
    {KafkaKeys.LINGER_MS, "linger.ms"},
    {KafkaKeys.BATCH_SIZE_BYTES, "batch.size"},
    {KafkaKeys.IDEMPOTENCE, "enable.idempotence"},
  };

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
    for (Object[] named : NAMED_PRODUCER_SETTINGS) {
      producer.put(KafkaKeys.PRODUCER_PREFIX + named[1], options.text((SettingKey) named[0]));
    }
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
    checkIdempotenceAndAcks(producer);
    return new KafkaSinkOptions(
        options.text(KafkaKeys.BOOTSTRAP_SERVERS), topic, topicPattern, producer, options.format());
  }

  /**
   * The idempotent producer refuses any acks but all, in a Spark task at the first send; say so
   * now, naming the keys to change.
   */
  private static void checkIdempotenceAndAcks(Map<String, String> settings) {
    String acks = settings.get(KafkaKeys.PRODUCER_PREFIX + "acks");
    String idempotence = settings.get(KafkaKeys.PRODUCER_PREFIX + "enable.idempotence");
    boolean idempotent = idempotence != null && "true".equalsIgnoreCase(idempotence.trim());
    // Other invalid values ("banana") are left to the producer, whose message lists what it takes.
    if (idempotent && acks != null && (acks.trim().equals("0") || acks.trim().equals("1"))) {
      throw new IllegalArgumentException(
          "sink_config.kafka.acks '" + acks + "' needs " + KafkaKeys.IDEMPOTENCE.path() + ": false (or"
              + " kafka.enable.idempotence: false); the idempotent producer (the default) only works with"
              + " acks=all. Remove kafka.acks, or turn idempotence off to accept possible duplicates from the"
              + " producer's retries");
    }
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

  /**
   * The producer settings, keys with their {@code kafka.} prefix: the named keys (defaults filled
   * in), then the {@code kafka.*} keys over them. May hold secrets.
   */
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
