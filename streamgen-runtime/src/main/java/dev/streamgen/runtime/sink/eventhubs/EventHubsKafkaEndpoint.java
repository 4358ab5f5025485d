package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.settings.KafkaKeys;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.kafka.KafkaSinkOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code protocol: kafka}: Event Hubs' Kafka endpoint ({@code <namespace>:9093}, SASL_SSL, PLAIN,
 * user {@code $ConnectionString}, password = the connection string), written by the Kafka sink
 * ({@link KafkaSink}, i.e. Spark's Kafka writer). The event hub is the topic; records look exactly
 * like the Kafka sink's: key = partition_key, header {@code event_type_id}, and for Avro the
 * {@code schema_fingerprint} header (8 raw bytes).
 */
final class EventHubsKafkaEndpoint {
  /** Event Hubs' Kafka port (TLS), on the namespace's host. */
  static final int KAFKA_PORT = 9093;
  /** Microsoft's recommended ceiling: the service closes connections above 1,046,528 bytes. */
  static final int MAX_REQUEST_SIZE = 1_000_000;

  private static final String BOOTSTRAP_OVERRIDE = KafkaKeys.PRODUCER_PREFIX + "bootstrap.servers";

  private EventHubsKafkaEndpoint() {}

  /**
   * The Kafka sink's options for this hub: endpoint and sign-in, Microsoft's recommended producer
   * settings for Event Hubs, our retry keys mapped onto Kafka's, then the user's {@code kafka.*}
   * keys over all of it ({@code kafka.bootstrap.servers} replaces {@code <namespace>:9093}, e.g. for a
   * private endpoint or a test broker).
   */
  static KafkaSinkOptions kafkaSinkOptions(EventHubsOptions options) {
    Map<String, String> m = new LinkedHashMap<>();
    String bootstrap = options.kafkaOverrides().get(BOOTSTRAP_OVERRIDE);
    m.put(KafkaKeys.BOOTSTRAP_SERVERS.name(),
        bootstrap != null ? bootstrap : host(options.fullyQualifiedNamespace()) + ":" + KAFKA_PORT);
    m.put(KafkaKeys.TOPIC.name(), options.eventHubName());
    m.put("kafka.security.protocol", "SASL_SSL");
    m.put("kafka.sasl.mechanism", "PLAIN");
    m.put("kafka.sasl.jaas.config", jaasConfig(options.connectionString()));
    // Microsoft's recommendations for Kafka clients of Event Hubs: Azure drops TCP connections idle
    // for 240 s, and requests above 1,046,528 bytes.
    m.put("kafka.metadata.max.age.ms", "180000");
    m.put("kafka.connections.max.idle.ms", "180000");
    int requestSize =
        options.maxBatchBytes() > 0 ? Math.min(options.maxBatchBytes(), MAX_REQUEST_SIZE) : MAX_REQUEST_SIZE;
    m.put("kafka.max.request.size", Integer.toString(requestSize));
    long tryTimeoutMs = options.retryOptions().getTryTimeout().toMillis();
    m.put("kafka.request.timeout.ms", Long.toString(tryTimeoutMs));
    m.put("kafka.retries", Integer.toString(options.maxRetries()));
    // Kafka bounds all tries of a record by delivery.timeout.ms (>= linger.ms + request.timeout.ms).
    m.put("kafka.delivery.timeout.ms", Long.toString(tryTimeoutMs * (options.maxRetries() + 1) + 1000));
    m.put("kafka.acks", "all");
    // Which codecs Event Hubs' Kafka endpoint accepts depends on the tier; send uncompressed as
    // before rather than the Kafka sink's lz4, unless the user's kafka.compression.type says so.
    m.put(KafkaKeys.COMPRESSION.name(), "none");
    for (Map.Entry<String, String> e : options.kafkaOverrides().entrySet()) {
      if (!e.getKey().equals(BOOTSTRAP_OVERRIDE)) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return KafkaSinkOptions.from(new SinkOptions(KafkaKeys.SPEC.type(), m, options.serializationFormat()));
  }

  /** Strips the port a connection string's endpoint may carry (the emulator's); Kafka uses 9093. */
  static String host(String fullyQualifiedNamespace) {
    int colon = fullyQualifiedNamespace.indexOf(':');
    return colon < 0 ? fullyQualifiedNamespace : fullyQualifiedNamespace.substring(0, colon);
  }

  static String jaasConfig(String connectionString) {
    String escaped = connectionString.replace("\\", "\\\\").replace("\"", "\\\"");
    return "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"$ConnectionString\" password=\"" + escaped + "\";";
  }
}
