package dev.streamgen.runtime.sink.kinesis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;

import dev.streamgen.runtime.api.UnifiedStream;
import dev.streamgen.runtime.sink.SinkOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: batch throughput of the Kinesis sink to the local kinesis-local emulator
 * against Spark's noop sink, on the same rows as the Kafka benchmark, in the same JVM, alternating,
 * after a warm-up round of each. Every round's stream is read back and must hold every row.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl streamgen-runtime -am test -DskipTests -Pkinesis-sink-benchmark}
 * (optional {@code -Dbenchmark.rows=N -Dbenchmark.rounds=R -Dbenchmark.shards=S}). Results go to
 * docs/benchmarks.md. The emulator is one Node.js process on the same 2 cores as Spark, so this
 * measures the sink against that emulator, not against AWS.
 */
public final class KinesisSinkBenchmark {
  private KinesisSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.getLong("benchmark.rows", 20_000L);
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    int shards = Integer.getInteger("benchmark.shards", 4);
    int partitions = 2;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("kinesis-sink-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Dataset<Row> unified = unified(spark, rows, partitions);
    long payloadBytes = unified.selectExpr("sum(length(serialized_payload))").first().getLong(0);

    try (KinesisEmulator kinesis = KinesisEmulator.start()) {
      KinesisSink sink = new KinesisSink();
      List<Double> noop = new ArrayList<>();
      List<Double> kin = new ArrayList<>();
      // Round 0 warms up both paths (JIT, clients, the emulator) and is not counted.
      for (int round = 0; round <= rounds; round++) {
        double n = seconds(() -> unified.write().format("noop").mode("overwrite").save());
        String stream = "bench-" + round;
        kinesis.createStream(stream, shards);
        Map<String, String> o = kinesis.sinkOptions(stream);
        double k = seconds(() -> sink.writeBatch(unified, new SinkOptions("kinesis", o)));
        long stored = ShardReader.readAll(kinesis.client(), stream).size();
        if (stored != rows) {
          throw new IllegalStateException(
              "stream " + stream + " holds " + stored + " records, expected " + rows);
        }
        System.out.printf(
            "round %d: noop %.2f s, kinesis %.2f s (%d records acknowledged and stored)%n",
            round, n, k, stored);
        if (round > 0) {
          noop.add(n);
          kin.add(k);
        }
      }
      double n = median(noop);
      double k = median(kin);
      System.out.printf(
          "%nrows %,d, payload %.1f bytes/row, local[2], %d partitions, %d-shard stream,"
              + " kinesis-local %s, %d rounds (median)%n",
          rows, (double) payloadBytes / rows, partitions, shards, KinesisEmulator.VERSION, rounds);
      System.out.printf("noop sink   : %.2f s  %,.0f rows/s%n", n, rows / n);
      System.out.printf(
          "kinesis sink: %.2f s  %,.0f rows/s  %.1f MB/s payload%n",
          k, rows / k, payloadBytes / k / 1e6);
      System.out.printf("kinesis / noop throughput: %.3f%n", n / k);
    } finally {
      spark.stop();
    }
  }

  /** The Kafka benchmark's rows: unified-stream shape, about 110-byte JSON payloads. */
  static Dataset<Row> unified(SparkSession spark, long rows, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .select(
            element_at(
                    array(lit("user.session.start"), lit("user.purchase"), lit("user.session.end")),
                    col("id").mod(3).plus(1).cast("int"))
                .as(UnifiedStream.EVENT_TYPE_ID),
            current_timestamp().as(UnifiedStream.TIMESTAMP),
            concat(lit("user-"), col("id").mod(100_000)).as(UnifiedStream.PARTITION_KEY),
            concat(
                    lit("{\"user_id\":"), col("id").mod(1_000_000),
                    lit(",\"session_id\":\"3f1c6a52-0b8e-4d7e-9a51-"),
                    lpad(col("id").cast("string"), 12, "0"),
                    lit("\",\"device_type\":\"Android\",\"amount\":"),
                    col("id").mod(99_999).divide(100),
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
}
