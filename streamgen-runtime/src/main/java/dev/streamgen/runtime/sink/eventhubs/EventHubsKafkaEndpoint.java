package dev.streamgen.runtime.sink.eventhubs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.UnifiedStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code protocol: kafka}: Event Hubs' Kafka endpoint ({@code <namespace>:9093}, SASL_SSL, PLAIN,
 * user {@code $ConnectionString}, password = the connection string), written by Spark's own Kafka
 * writer. The event hub is the topic; records carry the same metadata as AMQP events: key =
 * partition_key, header {@code event_type_id}, and for Avro {@code schema_fingerprint}.
 */
final class EventHubsKafkaEndpoint {
  /** Event Hubs' Kafka port (TLS); the namespace's AMQP host serves it. */
  static final int KAFKA_PORT = 9093;
  /** Microsoft's recommended ceiling: the service closes connections above 1,046,528 bytes. */
  static final int MAX_REQUEST_SIZE = 1_000_000;

  private EventHubsKafkaEndpoint() {}

  /**
   * Options for {@code format("kafka")}: the endpoint and sign-in, Microsoft's recommended producer
   * settings for Event Hubs, our retry keys mapped onto Kafka's, then the user's {@code kafka.*} keys
   * over all of it.
   */
  static Map<String, String> writerOptions(EventHubsOptions options) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("topic", options.eventHubName());
    m.put("kafka.bootstrap.servers", host(options.fullyQualifiedNamespace()) + ":" + KAFKA_PORT);
    m.put("kafka.security.protocol", "SASL_SSL");
    m.put("kafka.sasl.mechanism", "PLAIN");
    m.put("kafka.sasl.jaas.config", jaasConfig(options.connectionString()));
    // Microsoft's recommendations for Kafka clients of Event Hubs: Azure drops TCP connections idle
    // for 240 s, and requests above 1,046,528 bytes.
    m.put("kafka.metadata.max.age.ms", "180000");
    m.put("kafka.connections.max.idle.ms", "180000");
    int requestSize = options.maxBatchBytes() > 0 ? Math.min(options.maxBatchBytes(), MAX_REQUEST_SIZE) : MAX_REQUEST_SIZE;
    m.put("kafka.max.request.size", Integer.toString(requestSize));
    long tryTimeoutMs = options.retryOptions().getTryTimeout().toMillis();
    m.put("kafka.request.timeout.ms", Long.toString(tryTimeoutMs));
    m.put("kafka.retries", Integer.toString(options.maxRetries()));
    // Kafka bounds all tries of a record by delivery.timeout.ms (>= linger.ms + request.timeout.ms).
    m.put("kafka.delivery.timeout.ms", Long.toString(tryTimeoutMs * (options.maxRetries() + 1) + 1000));
    m.put("kafka.acks", "all");
    m.putAll(options.kafkaOverrides());
    return m;
  }

  /** key = partition_key, value = payload, headers = event_type_id (+ schema_fingerprint for Avro). */
  static Dataset<Row> records(Dataset<Row> unified, Format format) {
    Column typeHeader =
        struct(lit(EventFactory.EVENT_TYPE_ID).as("key"),
            encode(col(UnifiedStream.EVENT_TYPE_ID), "UTF-8").as("value"));
    Column headers;
    if (format == Format.AVRO) {
      // Bytes 3..10 (1-based) follow the single-object marker C3 01: the schema fingerprint.
      Column fingerprint = lower(hex(substring(col(UnifiedStream.SERIALIZED_PAYLOAD), 3, 8)));
      headers = array(typeHeader,
          struct(lit(EventFactory.SCHEMA_FINGERPRINT).as("key"), encode(fingerprint, "UTF-8").as("value")));
    } else {
      headers = array(typeHeader);
    }
    return unified.select(
        col(UnifiedStream.PARTITION_KEY).as("key"),
        col(UnifiedStream.SERIALIZED_PAYLOAD).as("value"),
        headers.as("headers"));
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
