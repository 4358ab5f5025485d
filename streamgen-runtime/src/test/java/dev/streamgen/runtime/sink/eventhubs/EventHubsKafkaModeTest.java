package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.Sinks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protocol: kafka} against a real Kafka broker (KRaft, own JVM). The broker has no SASL_SSL, so
 * the test points the sink at it with the documented overrides {@code kafka.bootstrap.servers} and
 * {@code kafka.security.protocol: PLAINTEXT}; everything else is what a user's configuration yields.
 */
class EventHubsKafkaModeTest {
  private static final String CONNECTION_STRING =
      "Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0";

  private static KafkaBroker broker;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.builder().build().start();
    spark = SharedSpark.session();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static SinkOptions options(String hub, String format) {
    Map<String, String> m = new HashMap<>();
    m.put("connection_string", CONNECTION_STRING + ";EntityPath=" + hub);
    m.put("protocol", "kafka");
    m.put("serialization_format", format);
    m.put("retry_timeout_seconds", "30");
    m.put("kafka.bootstrap.servers", broker.bootstrapServers());
    m.put("kafka.security.protocol", "PLAINTEXT");
    return SinkOptions.fromDataSource("eventhubs", m);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static Map<Long, ConsumerRecord<byte[], byte[]>> bySeq(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<Long, ConsumerRecord<byte[], byte[]>> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (out.put(UnifiedTestRows.seqOfAvro(r.value()), r) != null) {
        fail("a row arrived twice");
      }
    }
    return out;
  }

  @Test
  void batchWriteReachesTheTopicNamedByTheHubWithKeysAndHeaders() {
    broker.createTopic("hub-batch", 2);
    Sinks.configure(options("hub-batch", "avro")).writeBatch(UnifiedTestRows.avro(spark, 0, 900, 3));

    Map<Long, ConsumerRecord<byte[], byte[]>> bySeq = bySeq(broker.readAll("hub-batch"));
    assertThat(bySeq).hasSize(900);
    assertThat(bySeq.keySet()).containsExactlyElementsOf(
        java.util.stream.LongStream.range(0, 900).boxed().collect(java.util.stream.Collectors.toList()));
    for (Map.Entry<Long, ConsumerRecord<byte[], byte[]>> e : bySeq.entrySet()) {
      long i = e.getKey();
      ConsumerRecord<byte[], byte[]> r = e.getValue();
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(UnifiedTestRows.keyOf(i));
      assertThat(r.value()).isEqualTo(UnifiedTestRows.avroPayload(i));
      assertThat(header(r, "event_type_id")).isEqualTo(UnifiedTestRows.typeOf(i));
      // The Kafka sink's layout: the 8 fingerprint bytes as they appear after C3 01.
      assertThat(r.headers().lastHeader("schema_fingerprint").value())
          .isEqualTo(UnifiedTestRows.fingerprintOf(UnifiedTestRows.typeOf(i)));
    }
  }

  @Test
  void streamingWriteReachesTheTopic(@TempDir Path dir) throws Exception {
    broker.createTopic("hub-stream", 2);
    String input = dir.resolve("in").toString();
    UnifiedTestRows.avro(spark, 0, 400, 2).write().parquet(input);
    Dataset<Row> stream = spark.readStream().schema(UnifiedStream.SCHEMA).parquet(input);
    StreamingQuery query =
        Sinks.configure(options("hub-stream", "avro")).startStream(stream, dir.resolve("cp").toString());
    try {
      query.processAllAvailable();
    } finally {
      query.stop();
    }
    assertThat(query.exception().isDefined()).isFalse();
    assertThat(bySeq(broker.readAll("hub-stream"))).hasSize(400);
  }
}
