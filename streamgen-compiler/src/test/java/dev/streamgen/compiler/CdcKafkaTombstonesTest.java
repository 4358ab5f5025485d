package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.testkit.KafkaBroker;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/cdc.yaml ({@code tombstones: true}) run by the streamgen source and written by the
 * Kafka sink to a compacted topic of a real broker, read back with a plain consumer: each delete of a
 * key is followed, in the key's partition, by a record of the same key with a null value (a real
 * tombstone, what log compaction removes the key on), and every null value follows a delete; the
 * unified schema's payload is nullable for this catalog only.
 */
class CdcKafkaTombstonesTest {
  static final long ROWS = 20_000;
  static final String TOPIC = "cdc-compacted";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static URLClassLoader loader;
  static KafkaBroker broker;
  static SparkSession spark;

  @BeforeAll
  static void compileAndStart() throws Exception {
    CompileRequest request = GeneratedSources.request(ChangeStreamsTest.CONFIG, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    Path classes = dir.resolve("classes");
    loader = GeneratedSources.compileAndLoad(request, classes);
    broker = KafkaBroker.builder().build().start();
    spark = KafkaEndToEndTest.sparkWithJar(classes, dir.resolve("cdc-tombstones.jar"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (broker != null) {
      broker.close();
    }
    loader.close();
  }

  private static SourceOptions options() {
    // One source partition: one task writes the rows in order, so a key's records are in row order in its partition.
    return SourceOptions.builder()
        .catalog("streamgen.generated.CdcCatalog")
        .seed(11)
        .format(Format.JSON)
        .rows(ROWS)
        .partitions(1)
        .partitionKeyField("key")
        .build();
  }

  @Test
  void aCompactedTopicGetsANullValueAfterEachDeleteOfAKey() throws Exception {
    try (Admin admin = broker.admin()) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
          .all().get(30, TimeUnit.SECONDS);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
      Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
    Map<String, String> sink = new LinkedHashMap<>();
    sink.put("bootstrap_servers", broker.bootstrapServers());
    sink.put("topic", TOPIC);
    GeneratedSources.withContextLoader(loader, () -> {
      assertThat(StreamGen.batch(spark, options()).schema()).isEqualTo(UnifiedStream.SCHEMA_WITH_TOMBSTONES);
      Sinks.configure(new SinkOptions("kafka", sink, Format.JSON)).writeBatch(StreamGen.batch(spark, options()));
    });
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(broker.readAll(TOPIC));
    assertThat(records).hasSize((int) ROWS);
    records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));

    Map<String, String> lastOp = new HashMap<>();
    long deletes = 0;
    long tombstones = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String type = new String(r.headers().lastHeader("event_type_id").value(), StandardCharsets.UTF_8);
      if (!type.equals("customers.cdc")) {
        assertThat(r.value()).as("a page view has a payload").isNotNull();
        continue;
      }
      String key = new String(r.key(), StandardCharsets.UTF_8);
      String previous = lastOp.get(key);
      if (r.value() == null) {
        assertThat(previous).as("tombstone of key %s at offset %d follows a delete", key, r.offset()).isEqualTo("d");
        lastOp.put(key, "t");
        tombstones++;
        continue;
      }
      JsonNode event = JSON.readTree(r.value());
      assertThat(event.get("key").asText()).isEqualTo(key);
      String op = event.get("op").asText();
      assertThat(op).isIn("c", "u", "d");
      if ("d".equals(previous)) {
        throw new AssertionError("key " + key + ": '" + op + "' at offset " + r.offset() + " right after a delete, no tombstone");
      }
      deletes += op.equals("d") ? 1 : 0;
      lastOp.put(key, op);
    }
    long deletedAtTheEnd = lastOp.values().stream().filter("d"::equals).count();
    assertThat(tombstones).as("tombstones").isPositive().isEqualTo(deletes - deletedAtTheEnd);
  }
}
