package dev.streamgen.runtime.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.sink.SinkOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSinkOptionsTest {

  private static Map<String, String> options(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static KafkaSinkOptions parse(Map<String, String> keys) {
    return KafkaSinkOptions.from(SinkOptions.fromDataSource("kafka", keys));
  }

  private static void rejects(Map<String, String> options, String message) {
    assertThatThrownBy(() -> parse(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void oneTopicBecomesSparksTopicOption() {
    KafkaSinkOptions o =
        parse(
            options("bootstrap_servers", " b1:9092,b2:9092 ", "topic", "events", "kafka.acks", "all",
                "kafka.compression.type", "zstd"));
    assertThat(o.sparkWriterOptions())
        .containsExactly(
            Map.entry("kafka.bootstrap.servers", "b1:9092,b2:9092"),
            Map.entry("kafka.compression.type", "zstd"),
            Map.entry("kafka.linger.ms", "5"),
            Map.entry("kafka.batch.size", "262144"),
            Map.entry("kafka.enable.idempotence", "true"),
            Map.entry("kafka.acks", "all"),
            Map.entry("topic", "events"));
    assertThat(o.topicPattern()).isNull();
    assertThat(o.format()).isNull();
  }

  @Test
  void keysAreCaseInsensitiveAndProducerSettingsPassThroughLowerCased() {
    KafkaSinkOptions o =
        parse(
            options("Bootstrap_Servers", "b:9092", "TOPIC_PATTERN", "events.{event_type_id}",
                "Kafka.Security.Protocol", "SASL_SSL", "kafka.sasl.mechanism", "PLAIN",
                "serialization_format", "AVRO"));
    assertThat(o.sparkWriterOptions())
        .containsExactly(
            Map.entry("kafka.bootstrap.servers", "b:9092"),
            Map.entry("kafka.compression.type", "lz4"),
            Map.entry("kafka.linger.ms", "5"),
            Map.entry("kafka.batch.size", "262144"),
            Map.entry("kafka.enable.idempotence", "true"),
            Map.entry("kafka.sasl.mechanism", "PLAIN"),
            Map.entry("kafka.security.protocol", "SASL_SSL"));
    assertThat(o.topicPattern().pattern()).isEqualTo("events.{event_type_id}");
    assertThat(o.format()).isEqualTo(Format.AVRO);
  }

  @Test
  void toStringShowsNoProducerValues() {
    KafkaSinkOptions o =
        parse(
            options("bootstrap_servers", "b:9092", "topic", "t", "kafka.sasl.jaas.config", "secret-jaas"));
    assertThat(o.toString())
        .isEqualTo(
            "KafkaSinkOptions{bootstrap_servers=b:9092, topic=t, producer settings=[kafka.compression.type,"
                + " kafka.linger.ms, kafka.batch.size, kafka.enable.idempotence, kafka.sasl.jaas.config],"
                + " format=unknown}");
  }

  @Test
  void namedKeysBecomeTheirProducerSettings() {
    KafkaSinkOptions o =
        parse(
            options("bootstrap_servers", "b:9092", "topic", "t", "compression", "ZSTD", "linger_ms", "0",
                "batch_size_bytes", "1048576", "idempotence", "false", "kafka.acks", "1"));
    assertThat(o.producerSettings())
        .containsExactly(
            Map.entry("kafka.compression.type", "zstd"),
            Map.entry("kafka.linger.ms", "0"),
            Map.entry("kafka.batch.size", "1048576"),
            Map.entry("kafka.enable.idempotence", "false"),
            Map.entry("kafka.acks", "1"));
  }

  @Test
  void theProducersOwnNameWinsOverTheNamedKey() {
    KafkaSinkOptions o =
        parse(
            options("bootstrap_servers", "b:9092", "topic", "t", "compression", "zstd",
                "kafka.compression.type", "gzip", "kafka.linger.ms", "50", "kafka.enable.idempotence", "false",
                "kafka.acks", "0"));
    assertThat(o.producerSettings())
        .containsEntry("kafka.compression.type", "gzip")
        .containsEntry("kafka.linger.ms", "50")
        .containsEntry("kafka.enable.idempotence", "false")
        .containsEntry("kafka.acks", "0");
  }

  @Test
  void rejectsAcksTheIdempotentProducerRefuses() {
    String message =
        "sink_config.kafka.acks '1' needs sink_config.idempotence: false (or kafka.enable.idempotence: false);"
            + " the idempotent producer (the default) only works with acks=all. Remove kafka.acks, or turn"
            + " idempotence off to accept possible duplicates from the producer's retries";
    rejects(options("bootstrap_servers", "b:9092", "topic", "t", "kafka.acks", "1"), message);
    rejects(options("bootstrap_servers", "b:9092", "topic", "t", "idempotence", "false",
        "kafka.enable.idempotence", "true", "kafka.acks", "1"), message);
    assertThat(parse(options("bootstrap_servers", "b:9092", "topic", "t", "kafka.acks", "-1"))
        .producerSettings()).containsEntry("kafka.acks", "-1");
  }

  @Test
  void rejectsBadNamedProducerKeys() {
    rejects(options("bootstrap_servers", "b:9092", "topic", "t", "compression", "brotli"),
        "'brotli' is not valid for sink_config.compression: expected one of none, gzip, snappy, lz4, zstd");
    rejects(options("bootstrap_servers", "b:9092", "topic", "t", "linger_ms", "-1"),
        "'-1' is not valid for sink_config.linger_ms: expected a whole number from 0 to 2147483647");
    rejects(options("bootstrap_servers", "b:9092", "topic", "t", "linger_ms", "soon"),
        "'soon' is not valid for sink_config.linger_ms: expected a whole number from 0 to 2147483647");
    rejects(options("bootstrap_servers", "b:9092", "topic", "t", "batch_size_bytes", "0"),
        "'0' is not valid for sink_config.batch_size_bytes: expected a whole number from 1 to 2147483647");
    rejects(options("bootstrap_servers", "b:9092", "topic", "t", "idempotence", "yes"),
        "'yes' is not valid for sink_config.idempotence: expected true or false");
  }

  @Test
  void requiresBootstrapServers() {
    rejects(options("topic", "t"), "sink_config.bootstrap_servers is required for sink type 'kafka'");
  }

  @Test
  void requiresTopicOrPattern() {
    rejects(
        options("bootstrap_servers", "b:9092", "topic", "  "),
        "one of sink_config.topic, sink_config.topic_pattern is required for sink type 'kafka';"
            + " set topic: <name> to write every event to one topic,"
            + " or topic_pattern: events.{event_type_id} for one topic per event type");
  }

  @Test
  void rejectsTopicAndPatternTogether() {
    rejects(
        options("bootstrap_servers", "b:9092", "topic", "all", "topic_pattern", "e.{event_type_id}"),
        "sink_config.topic and sink_config.topic_pattern are both set for sink type 'kafka': set only one");
  }

  @Test
  void rejectsIllegalTopicNames() {
    rejects(
        options("bootstrap_servers", "b:9092", "topic", "my events"),
        "sink_config.topic 'my events' contains ' ', which Kafka topic names cannot;"
            + " use letters, digits, '.', '_' and '-'");
    rejects(
        options("bootstrap_servers", "b:9092", "topic", ".."),
        "sink_config.topic '..' is not a valid Kafka topic name");
    String longName = "t".repeat(250);
    rejects(
        options("bootstrap_servers", "b:9092", "topic", longName),
        "sink_config.topic '" + longName + "' is 250 characters long; Kafka topic names have at most 249");
  }

  @Test
  void rejectsBadPatterns() {
    rejects(
        options("bootstrap_servers", "b:9092", "topic_pattern", "events.{type}"),
        "sink_config.topic_pattern 'events.{type}' has unknown placeholder {type};"
            + " the only placeholder is {event_type_id}");
    rejects(
        options("bootstrap_servers", "b:9092", "topic_pattern", "events.{event_type_id"),
        "sink_config.topic_pattern 'events.{event_type_id' has a '{' without '}' at position 7;"
            + " the only placeholder is {event_type_id}");
    rejects(
        options("bootstrap_servers", "b:9092", "topic_pattern", "events}.{event_type_id}"),
        "sink_config.topic_pattern 'events}.{event_type_id}' has a '}' without '{' at position 6;"
            + " the only placeholder is {event_type_id}");
    rejects(
        options("bootstrap_servers", "b:9092", "topic_pattern", "events"),
        "sink_config.topic_pattern 'events' has no {event_type_id} placeholder;"
            + " for a single topic set sink_config.topic instead");
    rejects(
        options("bootstrap_servers", "b:9092", "topic_pattern", "events/{event_type_id}"),
        "sink_config.topic_pattern 'events/{event_type_id}' contains '/', which Kafka topic names cannot;"
            + " outside the placeholder use letters, digits, '.', '_' and '-'");
  }

  @Test
  void rejectsProducerSettingsTheSinkOwns() {
    rejects(
        options("bootstrap_servers", "b:9092", "topic", "t", "kafka.bootstrap.servers", "x:1"),
        "sink_config.kafka.bootstrap.servers is not supported; set sink_config.bootstrap_servers instead");
    rejects(
        options("bootstrap_servers", "b:9092", "topic", "t", "kafka.value.serializer", "x.Y"),
        "sink_config.kafka.value.serializer is not supported: Spark's Kafka writer sends keys and values"
            + " as bytes with its own serializers; remove it");
    rejects(
        options("bootstrap_servers", "b:9092", "topic", "t", "kafka.", "all"),
        "unknown key 'kafka.' for sink type 'kafka'");
    rejects(
        options("bootstrap_servers", "b:9092", "topic", "t", "serialization_format", "xml"),
        "serialization_format 'xml' is not supported; use one of json, avro, binary, protobuf");
  }

  @Test
  void patternReplacesCharactersKafkaRejects() {
    TopicPattern p = TopicPattern.parse("events.{event_type_id}");
    assertThat(p.topicFor("user.login")).isEqualTo("events.user.login");
    assertThat(p.topicFor("cart add/v2")).isEqualTo("events.cart_add_v2");
    assertThat(p.topicFor("Zähler:1")).isEqualTo("events.Z_hler_1");
    assertThat(TopicPattern.parse("{event_type_id}-{event_type_id}").topicFor("a b")).isEqualTo("a_b-a_b");
  }
}
