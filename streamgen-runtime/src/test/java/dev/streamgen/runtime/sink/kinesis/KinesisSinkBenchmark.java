package dev.streamgen.runtime.sink.kinesis;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;

import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: batch throughput of the Kinesis sink against Spark's noop sink, on the same
 * rows as the Kafka benchmark, in the same JVM, alternating, after a warm-up round of each. The sink
 * writes (1) to the kinesis-local emulator, every round's stream read back and checked to hold every
 * row, and (2) to a loopback endpoint that acknowledges PutRecords without storing anything, which
 * shows the writer's own ceiling (Spark task, batching, AWS SDK, HTTP) free of the emulator's cost.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl streamgen-runtime/spark-3.5 -am test -DskipTests -Pkinesis-sink-benchmark}
 * (optional {@code -Dbenchmark.rows=N -Dbenchmark.rounds=R -Dbenchmark.shards=S
 * -Dbenchmark.loopbackRows=M}). Results go to
 * docs/benchmarks.md. The emulator is one Node.js process on the same 2 cores as Spark, and its
 * PutRecords cost grows with the records a stream holds, so (1) measures that emulator, not AWS.
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
    long loopbackRows = Long.getLong("benchmark.loopbackRows", 200_000L);
    Dataset<Row> small = unified(spark, rows, partitions);
    Dataset<Row> large = unified(spark, loopbackRows, partitions);
    double payloadPerRow =
        (double) small.selectExpr("sum(length(serialized_payload))").first().getLong(0) / rows;

    try (KinesisEmulator kinesis = KinesisEmulator.start();
        ThrottlingProxy loopback = ThrottlingProxy.start(kinesis.endpoint())) {
      loopback.acknowledgeLocally(true);
      KinesisSink sink = new KinesisSink();
      List<Double> noopSmall = new ArrayList<>();
      List<Double> emulator = new ArrayList<>();
      List<Double> noopLarge = new ArrayList<>();
      List<Double> ack = new ArrayList<>();
      // Round 0 warms up every path (JIT, clients, the emulator) and is not counted.
      for (int round = 0; round <= rounds; round++) {
        String stream = "bench-" + round;
        kinesis.createStream(stream, shards);
        double n = seconds(() -> small.write().format("noop").mode("overwrite").save());
        Map<String, String> o = kinesis.sinkOptions(stream);
        double k = seconds(() -> sink.writeBatch(small, new SinkOptions("kinesis", o)));
        long stored = ShardReader.readAll(kinesis.client(), stream).size();
        if (stored != rows) {
          throw new IllegalStateException(
              "stream " + stream + " holds " + stored + " records, expected " + rows);
        }
        // The same writer against a loopback endpoint that acknowledges without storing: the
        // sink's own ceiling (Spark task, batching, SDK, HTTP), free of the emulator's cost.
        double nl = seconds(() -> large.write().format("noop").mode("overwrite").save());
        Map<String, String> l = KinesisEmulator.sinkOptions(stream, loopback.endpoint());
        long before = loopback.forwarded();
        double a = seconds(() -> sink.writeBatch(large, new SinkOptions("kinesis", l)));
        long acknowledged = loopback.forwarded() - before;
        if (acknowledged != loopbackRows) {
          throw new IllegalStateException(
              "loopback acknowledged " + acknowledged + " records, expected " + loopbackRows);
        }
        System.out.printf(
            "round %d: %,d rows: noop %.2f s, kinesis-local %.2f s (all stored);"
                + " %,d rows: noop %.2f s, loopback ack %.2f s%n",
            round, rows, n, k, loopbackRows, nl, a);
        if (round > 0) {
          noopSmall.add(n);
          emulator.add(k);
          noopLarge.add(nl);
          ack.add(a);
        }
      }
      System.out.printf(
          "%npayload %.1f bytes/row, local[2], %d partitions, default sink options,"
              + " %d rounds (median)%n",
          payloadPerRow, partitions, rounds);
      report("kinesis-local " + KinesisEmulator.VERSION + ", " + shards + "-shard stream", rows,
          median(noopSmall), median(emulator));
      report("loopback endpoint acknowledging every record", loopbackRows, median(noopLarge),
          median(ack));
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

  private static void report(String target, long rows, double noop, double sink) {
    System.out.printf("%s, %,d rows:%n", target, rows);
    System.out.printf("  noop sink   : %7.2f s  %,10.0f rows/s%n", noop, rows / noop);
    System.out.printf("  kinesis sink: %7.2f s  %,10.0f rows/s%n", sink, rows / sink);
    System.out.printf("  kinesis / noop throughput: %.3f%n", noop / sink);
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
