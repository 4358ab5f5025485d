package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.sink.Sinks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.job.Job;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.testkit.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka sink against a real broker, read back with a plain KafkaConsumer. */
class KafkaSinkTest {
  private static KafkaBroker broker;
  private static SparkSession spark;

  private final KafkaSink sink = new KafkaSink();

  @BeforeAll
  static void start() {
    broker = KafkaBroker.builder().build().start();
    spark = LocalSpark.get();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static SinkOptions options(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("bootstrap_servers", broker.bootstrapServers());
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return SinkOptions.fromDataSource("kafka", m);
  }

  @Test
  void batchWritesEveryEventOnceWithKeyValueAndHeaders() {
    TestEvents events = new TestEvents("user.login", "cart.add", "page.view");
    broker.createTopic("batch-all", 3);

    Sinks.configure(options("topic", "batch-all")).writeBatch(events.frame(spark, 0, 3000, 4));

    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("batch-all");
    Map<String, Integer> perType = checkEachRecord(events, records, null);
    assertThat(perType).containsExactly(Map.entry("cart.add", 1000), Map.entry("page.view", 1000),
        Map.entry("user.login", 1000));
    assertThat(indexes(events, records)).hasSize(3000).allMatch(i -> i >= 0 && i < 3000);
  }

  @Test
  void theRunsFormatDecidesTheFingerprintHeader() {
    TestEvents events = new TestEvents("json.type", "avro.type", "binary.type");
    Sinks.configure(options("topic", "declared-json", "serialization_format", "json")).writeBatch(events.frame(spark, 0, 300, 2));
    // Only Avro rows: the declared format puts the header on every record.
    Sinks.configure(options("topic", "declared-avro", "serialization_format", "avro")).writeBatch(events.frame(spark, 0, 300, 2).where("event_type_id = 'avro.type'"));

    List<ConsumerRecord<byte[], byte[]>> json = broker.readAll("declared-json");
    assertThat(json).hasSize(300);
    assertThat(json).allSatisfy(r -> assertThat(headerKeys(r)).containsExactly("event_type_id"));

    List<ConsumerRecord<byte[], byte[]>> avro = broker.readAll("declared-avro");
    assertThat(avro).hasSize(100);
    assertThat(avro)
        .allSatisfy(r -> {
          assertThat(headerKeys(r)).containsExactly("event_type_id", "schema_fingerprint");
          assertThat(r.headers().lastHeader("schema_fingerprint").value()).isEqualTo(TestEvents.FINGERPRINT);
        });
  }

  @Test
  void streamingWritesEveryEventOnce(@TempDir Path tmp) throws Exception {
    TestEvents events = new TestEvents("s.one", "s.two", "s.three");
    Path input = tmp.resolve("input");
    for (int file = 0; file < 4; file++) {
      events.frame(spark, file * 500L, (file + 1) * 500L, 1).write().mode("append").parquet(input.toString());
    }
    Dataset<Row> stream =
        spark.readStream().schema(UnifiedStream.SCHEMA).option("maxFilesPerTrigger", 1).parquet(input.toString());

    StreamingQuery query = Sinks.configure(options("topic", "stream-all")).startStream(stream, tmp.resolve("cp").toString());
    try {
      query.processAllAvailable();
    } finally {
      query.stop();
    }
    assertThat(query.exception().isDefined()).isFalse();
    assertThat(query.recentProgress().length).as("micro-batches").isGreaterThanOrEqualTo(4);

    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("stream-all");
    checkEachRecord(events, records, null);
    assertThat(indexes(events, records)).hasSize(2000).allMatch(i -> i >= 0 && i < 2000);
    assertThat(records).hasSize(2000);
  }

  @Test
  void topicPatternSendsEachTypeToItsOwnTopic() {
    TestEvents events = new TestEvents("user.login", "cart add", "a/b:c");
    Sinks.configure(options("topic_pattern", "t.{event_type_id}.v1")).writeBatch(events.frame(spark, 0, 900, 3));

    assertThat(broker.topics()).contains("t.user.login.v1", "t.cart_add.v1", "t.a_b_c.v1");
    Map<String, String> topicOfType = new TreeMap<>();
    topicOfType.put("user.login", "t.user.login.v1");
    topicOfType.put("cart add", "t.cart_add.v1");
    topicOfType.put("a/b:c", "t.a_b_c.v1");
    Set<Long> all = new HashSet<>();
    for (Map.Entry<String, String> e : topicOfType.entrySet()) {
      List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(e.getValue());
      assertThat(checkEachRecord(events, records, null)).containsExactly(Map.entry(e.getKey(), 300));
      all.addAll(indexes(events, records));
    }
    assertThat(all).hasSize(900);
  }

  @Test
  void producerSettingsReachTheProducer() {
    TestEvents events = new TestEvents("p.one", "p.two", "p.three");
    Sinks.configure(options("topic", "tuned", "kafka.acks", "all", "kafka.enable.idempotence", "true",
            "kafka.compression.type", "zstd", "kafka.linger.ms", "20", "kafka.batch.size", "65536")).writeBatch(events.frame(spark, 0, 600, 2));
    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("tuned");
    checkEachRecord(events, records, null);
    assertThat(indexes(events, records)).hasSize(600);

    // A value only the producer itself can reject proves the setting reaches it.
    assertThatThrownBy(
            () -> Sinks.configure(options("topic", "tuned", "kafka.acks", "banana")).writeBatch(events.frame(spark, 0, 10, 1)))
        .hasStackTraceContaining("Invalid value banana for configuration acks");
  }

  @Test
  void theNamedProducerKeysAndTheirDefaultsReachTheProducer() {
    TestEvents events = new TestEvents("n.one", "n.two", "n.three");
    Dataset<Row> frame = events.frame(spark, 0, 3000, 2);
    Sinks.configure(options("topic", "named-defaults")).writeBatch(frame);
    Sinks.configure(options("topic", "named-set", "compression", "zstd", "idempotence", "false")).writeBatch(frame);
    Sinks.configure(options("topic", "named-small", "compression", "none", "batch_size_bytes", "1024",
        "linger_ms", "0")).writeBatch(frame);
    Sinks.configure(options("topic", "named-overridden", "compression", "zstd", "kafka.compression.type", "gzip")).writeBatch(frame);

    // Observed where only the producer could have put it: the batches the broker stored.
    List<BrokerLog.Batch> defaults = BrokerLog.batches(broker, "named-defaults");
    assertThat(defaults).isNotEmpty().allSatisfy(b -> {
      assertThat(b.compression).isEqualTo("lz4");
      assertThat(b.producerId).as("idempotent producers get an id").isNotNegative();
    });
    assertThat(BrokerLog.batches(broker, "named-set")).isNotEmpty().allSatisfy(b -> {
      assertThat(b.compression).isEqualTo("zstd");
      assertThat(b.producerId).as("no id without idempotence").isEqualTo(-1L);
    });
    List<BrokerLog.Batch> small = BrokerLog.batches(broker, "named-small");
    int smallMax = small.stream().mapToInt(b -> b.records).max().getAsInt();
    assertThat(small).allSatisfy(b -> {
      assertThat(b.compression).isEqualTo("none");
      assertThat(b.bytes).as("a batch closes at batch_size_bytes (plus one record)").isLessThan(1024 + 200);
    });
    assertThat(defaults.stream().mapToInt(b -> b.records).max().getAsInt())
        .as("records in the largest batch, default batch size against 1 KiB").isGreaterThan(smallMax);
    assertThat(BrokerLog.batches(broker, "named-overridden")).isNotEmpty()
        .allSatisfy(b -> assertThat(b.compression).isEqualTo("gzip"));
    for (String topic : new String[] {"named-defaults", "named-set", "named-small", "named-overridden"}) {
      List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(topic);
      checkEachRecord(events, records, null);
      assertThat(indexes(events, records)).as(topic).hasSize(3000);
    }
  }

  @Test
  void rejectsBadOptionsBeforeAnyQueryStarts(@TempDir Path tmp) {
    TestEvents events = new TestEvents("x.one");
    Dataset<Row> frame = events.frame(spark, 0, 10, 1);
    assertThatThrownBy(
            () -> Sinks.configure(options("topic", "never-written", "topic_pattern", "n.{event_type_id}")).writeBatch(frame))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sink_config.topic and sink_config.topic_pattern are both set for sink type 'kafka': set only one");
    assertThatThrownBy(() -> Sinks.configure(options("topic", "never-written")).startStream(frame, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a streaming run to Kafka needs a checkpoint location; set streaming_config.checkpoint_location"
                + " (the query resumes from it after a restart)");
    assertThatThrownBy(() -> Sinks.configure(options("topic", "never-written")).writeBatch(frame.drop("partition_key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the Kafka sink writes the unified stream, but the DataFrame has no column 'partition_key'"
                + " (columns: [event_type_id, timestamp, serialized_payload])");
    assertThat(broker.topics()).doesNotContain("never-written", "n.x.one");
    assertThat(spark.streams().active()).isEmpty();
  }

  @Test
  void theJobWritesTheStreamgenSourceToKafka() throws Exception {
    String[] overrides = {
      "batch_config.total_rows=3000", "batch_config.partitions=3", "seed=42", "serialization_format=json",
      "sink_config.partition_key_field=user_id"
    };
    List<String> args = new ArrayList<>(Arrays.asList(
        "--catalog", QuickstartTestCatalog.class.getName(),
        "--set", "sink_config.type=kafka",
        "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
        "--set", "sink_config.topic=job-e2e",
        "--set", "sink_config.kafka.compression.type=lz4"));
    for (String o : overrides) {
      args.add("--set");
      args.add(o);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Job(new PrintStream(out, true, "UTF-8"), new PrintStream(err, true, "UTF-8"))
        .run(args.toArray(new String[0]));
    assertThat(status).as("exit status; stderr: %s", err.toString("UTF-8")).isEqualTo(Job.OK);
    assertThat(out.toString("UTF-8"))
        .contains("[streamgen] output: Kafka topic job-e2e at " + broker.bootstrapServers());

    // What the source produces for the same settings (deterministic but for event time, which starts
    // at the run's clock), as (type, key, payload without event_time_micros).
    ObjectMapper json = new ObjectMapper();
    Dataset<Row> expected =
        StreamGen.batch(spark, QuickstartTestCatalog.class, StreamGen.settings(QuickstartTestCatalog.class, overrides));
    Map<String, Integer> want = new HashMap<>();
    for (Row r : expected.collectAsList()) {
      want.merge(r.getString(0) + "|" + r.getString(2) + "|" + withoutEventTime(json, (byte[]) r.get(3)), 1, Integer::sum);
    }
    Map<String, Integer> got = new HashMap<>();
    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("job-e2e");
    for (ConsumerRecord<byte[], byte[]> r : records) {
      assertThat(headerKeys(r)).containsExactly("event_type_id");
      String type = new String(r.headers().lastHeader("event_type_id").value(), StandardCharsets.UTF_8);
      JsonNode event = json.readTree(r.value());
      assertThat(event.get("event_type_id").asText()).isEqualTo(type);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(event.get("user_id").asText());
      got.merge(type + "|" + new String(r.key(), StandardCharsets.UTF_8) + "|" + withoutEventTime(json, r.value()),
          1, Integer::sum);
    }
    assertThat(records).hasSize(3000);
    assertThat(difference(want, got)).as("events the source made that Kafka lacks").isEmpty();
    assertThat(difference(got, want)).as("records in Kafka the source did not make").isEmpty();
  }

  @Test
  void aStreamFromTheStreamgenSourceArrivesWhole(@TempDir Path tmp) throws Exception {
    long rate = 2000;
    long start = System.currentTimeMillis() * 1000;
    SourceOptions.Builder source =
        SourceOptions.builder()
            .catalog(QuickstartTestCatalog.class.getName())
            .seed(7)
            .format(dev.streamgen.runtime.api.Format.JSON)
            .partitionKeyField("user_id")
            .rowsPerSecond(rate)
            .partitions(2)
            .startTimeMicros(start)
            .emitIntervalMillis(500);
    StreamingQuery query =
        Sinks.configure(options("topic", "source-stream")).startStream(StreamGen.stream(spark, source.build()), tmp.resolve("cp").toString());
    long committed;
    try {
      while (committedRows(query) < 3000 && query.isActive()) {
        Thread.sleep(200);
      }
    } finally {
      query.stop();
    }
    assertThat(query.exception().isDefined()).isFalse();
    committed = committedRows(query);

    // Row i has event time start + i * 1e6 / rate: that names each record's row.
    ObjectMapper json = new ObjectMapper();
    Map<Long, String> byRow = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.readAll("source-stream")) {
      JsonNode event = json.readTree(r.value());
      long micros = event.get("event_time_micros").asLong() - start;
      assertThat(micros % (1_000_000 / rate)).isZero();
      long row = micros / (1_000_000 / rate);
      String type = new String(r.headers().lastHeader("event_type_id").value(), StandardCharsets.UTF_8);
      assertThat(event.get("event_type_id").asText()).isEqualTo(type);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(event.get("user_id").asText());
      assertThat(byRow.put(row, type + "|" + new String(r.key(), StandardCharsets.UTF_8) + "|"
          + new String(r.value(), StandardCharsets.UTF_8))).as("row %d written twice", row).isNull();
    }
    // Every committed row arrived; rows beyond belong to the batch stop() interrupted.
    for (long i = 0; i < committed; i++) {
      assertThat(byRow).as("row %d of %d committed", i, committed).containsKey(i);
    }
    // And they are the source's rows, byte for byte: a batch read of the same rows agrees.
    Dataset<Row> batch =
        StreamGen.batch(spark, source.rows(committed).build());
    Map<Long, String> expected = new HashMap<>();
    for (Row r : batch.collectAsList()) {
      String payload = new String((byte[]) r.get(3), StandardCharsets.UTF_8);
      long row = (json.readTree(payload).get("event_time_micros").asLong() - start) / (1_000_000 / rate);
      expected.put(row, r.getString(0) + "|" + r.getString(2) + "|" + payload);
    }
    assertThat(expected).hasSize((int) committed);
    for (Map.Entry<Long, String> e : expected.entrySet()) {
      assertThat(byRow.get(e.getKey())).as("row %d", e.getKey()).isEqualTo(e.getValue());
    }
  }

  private static long committedRows(StreamingQuery query) {
    long rows = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      rows += p.numInputRows();
    }
    return rows;
  }

  private static String withoutEventTime(ObjectMapper json, byte[] payload) throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode event =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(payload);
    assertThat(event.remove("event_time_micros")).isNotNull();
    return json.writeValueAsString(event);
  }

  /** Up to 5 entries of {@code a} that {@code b} has fewer of. */
  private static List<String> difference(Map<String, Integer> a, Map<String, Integer> b) {
    List<String> d = new ArrayList<>();
    for (Map.Entry<String, Integer> e : a.entrySet()) {
      if (b.getOrDefault(e.getKey(), 0) < e.getValue() && d.size() < 5) {
        d.add(e.getKey());
      }
    }
    return d;
  }

  /**
   * Checks key, value and headers of every record against what the test generated for the event
   * index its payload carries; returns the record count per event type.
   */
  static Map<String, Integer> checkEachRecord(
      TestEvents events, List<ConsumerRecord<byte[], byte[]>> records, String declaredFormat) {
    Map<String, Integer> perType = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Header typeHeader = r.headers().lastHeader("event_type_id");
      assertThat(typeHeader).as("event_type_id header").isNotNull();
      String type = new String(typeHeader.value(), StandardCharsets.UTF_8);
      long i = events.index(type, r.value());
      assertThat(type).isEqualTo(events.type(i));
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(TestEvents.key(i));
      assertThat(r.value()).isEqualTo(events.payload(i));
      if (events.layout(i) == 1) {
        assertThat(headerKeys(r)).containsExactly("event_type_id", "schema_fingerprint");
        assertThat(r.headers().lastHeader("schema_fingerprint").value()).isEqualTo(TestEvents.FINGERPRINT);
      } else {
        assertThat(headerKeys(r)).containsExactly("event_type_id");
      }
      perType.merge(type, 1, Integer::sum);
    }
    return perType;
  }

  /** The event indexes of the records; fails on the first duplicate. */
  static Set<Long> indexes(TestEvents events, List<ConsumerRecord<byte[], byte[]>> records) {
    Map<Long, Integer> seen = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String type = new String(r.headers().lastHeader("event_type_id").value(), StandardCharsets.UTF_8);
      seen.merge(events.index(type, r.value()), 1, Integer::sum);
    }
    List<Long> duplicates = new ArrayList<>();
    seen.forEach((i, n) -> {
      if (n > 1) {
        duplicates.add(i);
      }
    });
    assertThat(duplicates).as("events written more than once").isEmpty();
    return seen.keySet();
  }

  static List<String> headerKeys(ConsumerRecord<byte[], byte[]> r) {
    List<String> keys = new ArrayList<>();
    for (Header h : r.headers()) {
      keys.add(h.key());
    }
    return keys;
  }
}
