package dev.streamgen.runtime.settings;

import static dev.streamgen.runtime.settings.SinkKey.key;

/** The Kafka sink's row of the settings table ({@code sink_config.type: kafka}). */
public final class KafkaKeys {
  /** Keys under this prefix go to the Kafka producer as they are, as with Spark's own Kafka writer. */
  public static final String PRODUCER_PREFIX = "kafka.";

  public static final SettingKey BOOTSTRAP_SERVERS =
      key("bootstrap_servers", ValueType.STRING)
          .pattern("[^,\\s]+(,[^,\\s]+)*", "write host:port[,host:port...] without spaces")
          .description("host:port[,host:port...] of the cluster")
          .build();
  public static final SettingKey TOPIC =
      key("topic", ValueType.STRING).description("every event goes to this topic").build();
  public static final SettingKey TOPIC_PATTERN =
      key("topic_pattern", ValueType.STRING).description("per-type topic, e.g. events.{event_type_id}").build();

  public static final SettingKey COMPRESSION =
      key("compression", ValueType.CHOICE)
          .allowed("none", "gzip", "snappy", "lz4", "zstd")
          .defaultValue("lz4")
          .description("producer compression.type")
          .build();
  public static final SettingKey LINGER_MS =
      key("linger_ms", ValueType.NON_NEGATIVE_LONG)
          .defaultValue("5")
          .range(0, Integer.MAX_VALUE)
          .description("producer linger.ms: how long a batch waits to fill")
          .build();
  public static final SettingKey BATCH_SIZE_BYTES =
      key("batch_size_bytes", ValueType.POSITIVE_LONG)
          .defaultValue("262144")
          .range(1, Integer.MAX_VALUE)
          .description("producer batch.size: bytes per partition batch")
          .build();
  public static final SettingKey IDEMPOTENCE =
      key("idempotence", ValueType.BOOLEAN)
          .defaultValue("true")
          .description("producer enable.idempotence (needs acks=all, the default)")
          .build();

  public static final SinkSpec SPEC =
      SinkSpec.builder("kafka")
          .keys(BOOTSTRAP_SERVERS, TOPIC, TOPIC_PATTERN, COMPRESSION, LINGER_MS, BATCH_SIZE_BYTES, IDEMPOTENCE)
          .required(BOOTSTRAP_SERVERS)
          .required(
              "set topic: <name> to write every event to one topic, or topic_pattern: events.{event_type_id}"
                  + " for one topic per event type",
              TOPIC,
              TOPIC_PATTERN)
          .exclusive(TOPIC, TOPIC_PATTERN)
          .passthrough(PRODUCER_PREFIX, null)
          .build();

  private KafkaKeys() {}
}
