package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.testing.BenchmarkRounds;
import dev.streamgen.runtime.testing.SourceEvents;
import dev.streamgen.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: batch throughput of the Kafka sink fed by the {@code streamgen} source,
 * against a bare {@link KafkaProducer} loop sending the same events (collected from the source once
 * beforehand: same key, value and {@code event_type_id} header) with the same producer settings, to
 * the same local broker, in the same JVM, in alternating order, after warm-up rounds. Each round
 * also times the source alone into Spark's noop sink, and checks that both topics hold every record.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl streamgen-runtime/spark-3.5 -am test -DskipTests -Pkafka-sink-benchmark}
 * (optional {@code -Dbenchmark.rows=N -Dbenchmark.rounds=R -Dbenchmark.warmups=W}, and
 * {@code -Dbenchmark.sink=linger_ms=0,compression=none} for sink keys other than the defaults).
 * Results go to docs/benchmarks.md.
 */
public final class KafkaSinkBenchmark {
  private static final String SINK = "kafka sink (streamgen source)";
  private static final String BARE = "bare KafkaProducer";

  private KafkaSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.getLong("benchmark.rows", 300_000L);
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    int warmups = Integer.getInteger("benchmark.warmups", 1);
    Map<String, String> extra = BenchmarkRounds.keyValues(System.getProperty("benchmark.sink", ""));
    int partitions = 2;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("kafka-sink-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Dataset<Row> source = SourceEvents.source(spark, rows, partitions);
    SourceEvents events = SourceEvents.collect(source);

    try (KafkaBroker broker = KafkaBroker.builder().jvmOption("-Xmx1g").build().start()) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("bootstrap_servers", broker.bootstrapServers());
      options.put("topic", "unused");
      options.put("serialization_format", "json");
      options.putAll(extra);
      Properties producerConfig = producerConfig(options);
      System.out.println("producer settings of both: " + producerConfig);
      KafkaSink sink = new KafkaSink();
      // The same events pre-built in Spark's memory: the sink's cost without the source's.
      // (A checkpoint, not cache(): a cached plan would also serve the source's own writes.)
      Dataset<Row> cached = source.localCheckpoint(true);
      BenchmarkRounds results = new BenchmarkRounds(BARE);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
        // Warm-up rounds are not counted: a fresh broker and producer are slower at first (JIT, heap
        // growth); the first sink write took 2.5-3x longer than later ones in earlier runs.
        for (int round = 1 - warmups; round <= rounds; round++) {
          int n = round + warmups;
          SinkOptions toSink = topicOptions(options, broker, "sink-" + n);
          SinkOptions toCached = topicOptions(options, broker, "cached-" + n);
          String bareTopic = topicOptions(options, broker, "bare-" + n).text(dev.streamgen.runtime.settings.KafkaKeys.TOPIC);
          Map<String, Runnable> ways = new LinkedHashMap<>();
          ways.put("source -> noop", () -> source.write().format("noop").mode("overwrite").save());
          ways.put(SINK, () -> Sinks.configure(toSink).writeBatch(source));
          ways.put(BARE, () -> sendAll(producer, events, bareTopic));
          ways.put("kafka sink, cached rows", () -> Sinks.configure(toCached).writeBatch(cached));
          results.add(round > 0, round, BenchmarkRounds.alternating(round, ways));
          for (String topic : new String[] {"sink-" + n, "bare-" + n, "cached-" + n}) {
            requireStored(broker.bootstrapServers(), topic, rows);
          }
        }
      }
      System.out.printf(
          "%nrows %,d from the streamgen source (quick-start catalog, JSON, key user_id), payload %.1f"
              + " bytes/row, local[2], %d partitions, %d rounds after %d warm-ups (median)%n",
          rows, events.payloadBytesPerEvent(), partitions, rounds, warmups);
      results.report(rows);
      long stored = BrokerLog.batches(broker, "sink-" + (rounds + warmups)).stream().mapToLong(b -> b.bytes).sum();
      System.out.printf("the last sink topic's log: %,d bytes of record batches, %.1f bytes/record%n",
          stored, (double) stored / rows);
    } finally {
      spark.stop();
    }
  }

  /** The options with a new topic of that name, created with the benchmark's two partitions. */
  private static SinkOptions topicOptions(Map<String, String> options, KafkaBroker broker, String topic) {
    broker.createTopic(topic, 2);
    Map<String, String> o = new LinkedHashMap<>(options);
    o.put("topic", topic);
    return new SinkOptions("kafka", o);
  }

  /** The producer settings the sink gives Spark's Kafka writer, as a producer takes them. */
  private static Properties producerConfig(Map<String, String> options) {
    Properties p = new Properties();
    for (Map.Entry<String, String> e :
        KafkaSinkOptions.from(new SinkOptions("kafka", options)).sparkWriterOptions().entrySet()) {
      if (e.getKey().startsWith(dev.streamgen.runtime.settings.KafkaKeys.PRODUCER_PREFIX)) {
        p.put(e.getKey().substring(dev.streamgen.runtime.settings.KafkaKeys.PRODUCER_PREFIX.length()), e.getValue());
      }
    }
    return p;
  }

  /** What Spark's Kafka writer does per task: send every record with a callback, flush, check. */
  private static void sendAll(KafkaProducer<byte[], byte[]> producer, SourceEvents events, String topic) {
    AtomicLong acknowledged = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback callback =
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acknowledged.incrementAndGet();
          }
        };
    Map<String, List<Header>> headers = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      List<Header> h =
          headers.computeIfAbsent(
              events.type(i),
              t -> List.of(new RecordHeader(KafkaRecords.HEADER_EVENT_TYPE_ID, t.getBytes(StandardCharsets.UTF_8))));
      producer.send(new ProducerRecord<>(topic, null, null, events.key(i), events.payload(i), h), callback);
    }
    producer.flush();
    if (failure.get() != null || acknowledged.get() != events.size()) {
      throw new IllegalStateException(
          "bare producer: " + acknowledged.get() + " of " + events.size() + " records acknowledged", failure.get());
    }
  }

  private static void requireStored(String servers, String topic, long rows) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .collect(Collectors.toList());
      Map<TopicPartition, Long> begin = c.beginningOffsets(parts, Duration.ofSeconds(30));
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      long stored = parts.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
      if (stored != rows) {
        throw new IllegalStateException("topic " + topic + " holds " + stored + " records, expected " + rows);
      }
    }
  }
}
