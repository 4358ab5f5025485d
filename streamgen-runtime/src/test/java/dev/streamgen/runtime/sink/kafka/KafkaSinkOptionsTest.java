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
            Map.entry("kafka.acks", "all"),
            Map.entry("kafka.compression.type", "zstd"),
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
            "KafkaSinkOptions{bootstrap_servers=b:9092, topic=t, producer settings=[kafka.sasl.jaas.config],"
                + " format=unknown}");
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
