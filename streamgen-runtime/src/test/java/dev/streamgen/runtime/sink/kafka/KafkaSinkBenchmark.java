package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.sink.Sinks;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;

import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: batch throughput of the Kafka sink to a local broker against Spark's noop
 * sink, on the same generated rows in the same JVM, alternating, after a warm-up of each.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl streamgen-runtime/spark-3.5 -am test -DskipTests -Pkafka-sink-benchmark}
 * (optional {@code -Dbenchmark.rows=N -Dbenchmark.rounds=R -Dbenchmark.warmups=W}). Results go to docs/benchmarks.md.
 */
public final class KafkaSinkBenchmark {
  private KafkaSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.getLong("benchmark.rows", 1_000_000L);
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    int warmups = Integer.getInteger("benchmark.warmups", 2);
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
    Dataset<Row> unified = unified(spark, rows, partitions);
    long payloadBytes = unified.selectExpr("sum(length(serialized_payload))").first().getLong(0);

    try (KafkaBroker broker = KafkaBroker.builder().jvmOption("-Xmx1g").build().start()) {
      KafkaSink sink = new KafkaSink();
      List<Double> noop = new ArrayList<>();
      List<Double> kafka = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      // Warm-up rounds are not counted: a fresh broker took 3x longer for its first two million
      // records than for later ones (JIT, heap growth), in both JVMs.
      for (int round = 1 - warmups; round <= rounds; round++) {
        double n = seconds(() -> unified.write().format("noop").mode("overwrite").save());
        String topic = "bench-" + round;
        broker.createTopic(topic, partitions);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("bootstrap_servers", broker.bootstrapServers());
        o.put("topic", topic);
        double k = seconds(() -> Sinks.configure(new SinkOptions("kafka", o)).writeBatch(unified));
        long stored = recordsIn(broker.bootstrapServers(), topic);
        if (stored != rows) {
          throw new IllegalStateException("topic " + topic + " holds " + stored + " records, expected " + rows);
        }
        System.out.printf("%s %d: noop %.2f s, kafka %.2f s, kafka/noop throughput %.2f"
            + " (%d records acknowledged and stored)%n", round > 0 ? "round" : "warm-up", round, n, k, n / k, stored);
        if (round > 0) {
          noop.add(n);
          kafka.add(k);
          ratios.add(n / k);
        }
      }
      double n = median(noop);
      double k = median(kafka);
      System.out.printf(
          "%nrows %,d, payload %.1f bytes/row, local[2], %d partitions, %d rounds after %d warm-ups (median)%n",
          rows, (double) payloadBytes / rows, partitions, rounds, warmups);
      System.out.printf("noop sink : %.2f s  %,.0f rows/s%n", n, rows / n);
      System.out.printf("kafka sink: %.2f s  %,.0f rows/s  %.1f MB/s payload%n",
          k, rows / k, payloadBytes / k / 1e6);
      // The ratio of each round's pair, so machine load that changes between rounds cancels out.
      System.out.printf("kafka / noop throughput: %.2f (median of per-round ratios)%n", median(ratios));
    } finally {
      spark.stop();
    }
  }

  /** Rows shaped like the unified stream, from cheap column expressions (about 110-byte JSON payloads). */
  static Dataset<Row> unified(SparkSession spark, long rows, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .select(
            element_at(array(lit("user.session.start"), lit("user.purchase"), lit("user.session.end")),
                    col("id").mod(3).plus(1).cast("int"))
                .as(UnifiedStream.EVENT_TYPE_ID),
            current_timestamp().as(UnifiedStream.TIMESTAMP),
            concat(lit("user-"), col("id").mod(100_000)).as(UnifiedStream.PARTITION_KEY),
            concat(
                    lit("{\"user_id\":"), col("id").mod(1_000_000),
                    lit(",\"session_id\":\"3f1c6a52-0b8e-4d7e-9a51-"), lpad(col("id").cast("string"), 12, "0"),
                    lit("\",\"device_type\":\"Android\",\"amount\":"), col("id").mod(99_999).divide(100),
                    lit("}"))
                .cast("binary")
                .as(UnifiedStream.SERIALIZED_PAYLOAD));
  }

  private static double seconds(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int m = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
  }

  private static long recordsIn(String servers, String topic) {
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
      return parts.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
    }
  }
}
