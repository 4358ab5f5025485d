package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.sink.SinkOptions;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code sink_config} of {@code type: kafka}, checked before any query starts.
 *
 * <ul>
 *   <li>{@code bootstrap_servers} (required): {@code host:port[,host:port...]}.
 *   <li>{@code topic}: every event to one topic; or {@code topic_pattern}: one topic per event type
 *       (see {@link TopicPattern}). Exactly one of the two.
 *   <li>{@code compression}, {@code linger_ms}, {@code batch_size_bytes}, {@code idempotence}: the
 *       producer settings that decide throughput, with defaults chosen by measurement
 *       (docs/benchmarks.md) rather than the producer's own (no compression, no linger, 16 KiB
 *       batches).
 *   <li>{@code kafka.<producer setting>}: passed to the Kafka producer exactly as Spark's Kafka
 *       writer passes its {@code kafka.*} options ({@code kafka.acks}, {@code kafka.compression.type},
 *       {@code kafka.security.protocol}, {@code kafka.sasl.jaas.config}, {@code kafka.ssl.*}, ...).
 *       The producer's own name wins over the named key above it stands for.
 *   <li>{@code serialization_format}: not a YAML key under sink_config but the run's format, which the
 *       job adds ({@link SinkOptions#SERIALIZATION_FORMAT}) so that Avro payloads get the
 *       {@code schema_fingerprint} header.
 * </ul>
 */
public final class KafkaSinkOptions {
  public static final String BOOTSTRAP_SERVERS = "bootstrap_servers";
  public static final String TOPIC = "topic";
  public static final String TOPIC_PATTERN = "topic_pattern";
  public static final String PRODUCER_PREFIX = "kafka.";
  public static final String SERIALIZATION_FORMAT = SinkOptions.SERIALIZATION_FORMAT;
  public static final String COMPRESSION = "compression";
  public static final String LINGER_MS = "linger_ms";
  public static final String BATCH_SIZE_BYTES = "batch_size_bytes";
  public static final String IDEMPOTENCE = "idempotence";

  /** Compression types kafka-clients knows (Spark distributions ship the codecs' libraries). */
  public static final List<String> COMPRESSION_TYPES =
      Collections.unmodifiableList(Arrays.asList("none", "gzip", "snappy", "lz4", "zstd"));

  public static final String DEFAULT_COMPRESSION = "lz4";
  public static final long DEFAULT_LINGER_MS = 5;
  public static final long DEFAULT_BATCH_SIZE_BYTES = 262_144;
  public static final boolean DEFAULT_IDEMPOTENCE = true;

  /** Each named key and the producer setting it stands for. */
  private static final String[][] NAMED_PRODUCER_SETTINGS = {
    {COMPRESSION, "compression.type"},
    {LINGER_MS, "linger.ms"},
    {BATCH_SIZE_BYTES, "batch.size"},
    {IDEMPOTENCE, "enable.idempotence"},
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

  /** Reads and checks the options; the first problem is thrown, naming the key, value and fix. */
  public static KafkaSinkOptions from(SinkOptions options) {
    String servers = options.require(BOOTSTRAP_SERVERS).trim();
    String topic = blankToNull(options.get(TOPIC, null));
    String pattern = blankToNull(options.get(TOPIC_PATTERN, null));
    if (topic == null && pattern == null) {
      throw new IllegalArgumentException(
          "sink_config." + TOPIC + " or sink_config." + TOPIC_PATTERN + " is required for sink type 'kafka';"
              + " set topic: <name> to write every event to one topic, or topic_pattern: events."
              + TopicPattern.PLACEHOLDER + " for one topic per event type");
    }
    if (topic != null && pattern != null) {
      throw new IllegalArgumentException(
          "sink_config." + TOPIC + " ('" + topic + "') and sink_config." + TOPIC_PATTERN + " ('" + pattern
              + "') are both set; keep one: topic writes every event to one topic, topic_pattern one topic"
              + " per event type");
    }
    if (topic != null) {
      TopicName.check("sink_config." + TOPIC, topic);
    }
    TopicPattern topicPattern = pattern == null ? null : TopicPattern.parse(pattern);

    Map<String, String> producer = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.asMap().entrySet()) {
      String key = e.getKey();
      if (!key.toLowerCase(Locale.ROOT).startsWith(PRODUCER_PREFIX)) {
        continue;
      }
      String setting = key.substring(PRODUCER_PREFIX.length()).toLowerCase(Locale.ROOT);
      if (setting.equals("bootstrap.servers")) {
        throw new IllegalArgumentException(
            "sink_config." + key + " is not supported; set sink_config." + BOOTSTRAP_SERVERS + " instead");
      }
      if (setting.equals("key.serializer") || setting.equals("value.serializer")) {
        throw new IllegalArgumentException(
            "sink_config." + key + " is not supported: Spark's Kafka writer sends keys and values as bytes"
                + " with its own serializers; remove it");
      }
      if (setting.isEmpty()) {
        throw new IllegalArgumentException(
            "sink_config." + key + " names no producer setting; write e.g. sink_config.kafka.acks");
      }
      producer.put(PRODUCER_PREFIX + setting, e.getValue());
    }
    Map<String, String> settings = namedSettings(options);
    settings.putAll(producer);
    checkIdempotenceAndAcks(settings);
    String formatName = options.get(SERIALIZATION_FORMAT, null);
    Format format = formatName == null ? null : Format.parse(formatName);
    return new KafkaSinkOptions(servers, topic, topicPattern, settings, format);
  }

  /** The named keys as {@code kafka.*} producer settings, defaults filled in. */
  private static Map<String, String> namedSettings(SinkOptions options) {
    String compression = options.get(COMPRESSION, DEFAULT_COMPRESSION).trim().toLowerCase(Locale.ROOT);
    if (!COMPRESSION_TYPES.contains(compression)) {
      throw new IllegalArgumentException(
          "sink_config." + COMPRESSION + " must be one of " + String.join(", ", COMPRESSION_TYPES) + ", got '"
              + options.get(COMPRESSION, "") + "'");
    }
    long linger = options.getLong(LINGER_MS, DEFAULT_LINGER_MS);
    if (linger < 0) {
      throw new IllegalArgumentException("sink_config." + LINGER_MS + " must be 0 or more, got " + linger);
    }
    long batch = options.getLong(BATCH_SIZE_BYTES, DEFAULT_BATCH_SIZE_BYTES);
    if (batch <= 0 || batch > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "sink_config." + BATCH_SIZE_BYTES + " must be between 1 and " + Integer.MAX_VALUE + ", got " + batch);
    }
    boolean idempotence = options.getBoolean(IDEMPOTENCE, DEFAULT_IDEMPOTENCE);
    String[] values = {compression, Long.toString(linger), Long.toString(batch), Boolean.toString(idempotence)};
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < NAMED_PRODUCER_SETTINGS.length; i++) {
      m.put(PRODUCER_PREFIX + NAMED_PRODUCER_SETTINGS[i][1], values[i]);
    }
    return m;
  }

  /**
   * The idempotent producer refuses any acks but all, in a Spark task at the first send; say so
   * now, naming the keys to change.
   */
  private static void checkIdempotenceAndAcks(Map<String, String> settings) {
    String acks = settings.get(PRODUCER_PREFIX + "acks");
    boolean idempotent = "true".equalsIgnoreCase(settings.get(PRODUCER_PREFIX + "enable.idempotence").trim());
    // Other invalid values ("banana") are left to the producer, whose message lists what it takes.
    if (idempotent && acks != null && (acks.trim().equals("0") || acks.trim().equals("1"))) {
      throw new IllegalArgumentException(
          "sink_config.kafka.acks '" + acks + "' needs sink_config." + IDEMPOTENCE + ": false (or"
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

  private static String blankToNull(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}
