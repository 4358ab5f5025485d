package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.testing.BenchmarkRounds;
import dev.streamgen.runtime.testing.SourceEvents;
import java.nio.charset.StandardCharsets;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Benchmark, not a test: batch throughput of the Kinesis sink fed by the {@code streamgen} source,
 * against a bare PutRecords loop sending the same events (collected from the source once
 * beforehand) with the same client (AWS SDK v2, URL-connection HTTP client, built by {@link
 * KinesisClients}), 500 records per call and as many calls in flight as the sink's tasks have
 * together, in the same JVM, in rotating order. The target is a loopback endpoint that acknowledges
 * every PutRecords without storing anything ({@link ThrottlingProxy} in acknowledge mode), which
 * counts the records and must have acknowledged every one each time. Each round also times the
 * source alone (noop sink) and the sink over the same events pre-built in Spark's memory.
 *
 * <p>Then, once, {@code benchmark.rows} events go through the sink into the kinesis-local emulator
 * and are read back: all must be stored. The emulator is one Node.js process whose PutRecords cost
 * grows with the records a stream holds, so that rate is the emulator's, not the sink's.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl streamgen-runtime/spark-3.5 -am test -DskipTests -Pkinesis-sink-benchmark}
 * (optional {@code -Dbenchmark.loopbackRows=N -Dbenchmark.rounds=R -Dbenchmark.warmups=W
 * -Dbenchmark.rows=M -Dbenchmark.shards=S}). Results go to docs/benchmarks.md.
 */
public final class KinesisSinkBenchmark {
  private static final String SINK = "kinesis sink (streamgen source)";
  private static final String BARE = "bare PutRecords loop";

  private KinesisSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    long emulatorRows = Long.getLong("benchmark.rows", 5_000L);
    long rows = Long.getLong("benchmark.loopbackRows", 300_000L);
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    int warmups = Integer.getInteger("benchmark.warmups", 1);
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
    Dataset<Row> source = SourceEvents.source(spark, rows, partitions);
    SourceEvents events = SourceEvents.collect(source);
    // (A checkpoint, not cache(): a cached plan would also serve the source's own writes.)
    Dataset<Row> cached = source.localCheckpoint(true);

    try (KinesisEmulator kinesis = KinesisEmulator.start();
        ThrottlingProxy loopback = ThrottlingProxy.start(kinesis.endpoint())) {
      loopback.acknowledgeLocally(true);
      // The sink asks for the stream before writing; that call passes through to the emulator.
      kinesis.createStream("acknowledged", 1);
      SinkOptions options =
          new SinkOptions("kinesis", KinesisEmulator.sinkOptions("acknowledged", loopback.endpoint()));
      KinesisSinkOptions parsed = KinesisSinkOptions.from(options);
      int calls = partitions * parsed.maxInFlightRequests();
      KinesisSink sink = new KinesisSink();
      BenchmarkRounds results = new BenchmarkRounds(BARE);
      try (KinesisClient client = KinesisClients.create(parsed)) {
        for (int round = 1 - warmups; round <= rounds; round++) {
          Map<String, Runnable> ways = new LinkedHashMap<>();
          ways.put("source -> noop", () -> source.write().format("noop").mode("overwrite").save());
          ways.put(SINK, acknowledged(loopback, rows, () -> Sinks.configure(options).writeBatch(source)));
          ways.put(BARE, acknowledged(loopback, rows, () -> putAll(client, parsed.streamName(), events, calls)));
          ways.put("kinesis sink, cached rows", acknowledged(loopback, rows, () -> Sinks.configure(options).writeBatch(cached)));
          results.add(round > 0, round, BenchmarkRounds.alternating(round, ways));
        }
      }
      System.out.printf(
          "%nrows %,d from the streamgen source (quick-start catalog, JSON, key user_id), payload %.1f"
              + " bytes/row, local[2], %d partitions, default sink options (500 records per call, %d calls"
              + " in flight per task; the bare loop: %d threads), %d rounds after %d warm-ups (median),"
              + " loopback endpoint acknowledging every record%n",
          rows, events.payloadBytesPerEvent(), partitions, parsed.maxInFlightRequests(), calls, rounds,
          warmups);
      results.report(rows);

      kinesis.createStream("stored", shards);
      Dataset<Row> few = SourceEvents.source(spark, emulatorRows, partitions);
      double s = BenchmarkRounds.seconds(
          () -> Sinks.configure(new SinkOptions("kinesis", kinesis.sinkOptions("stored"))).writeBatch(few));
      long stored = ShardReader.readAll(kinesis.client(), "stored").size();
      if (stored != emulatorRows) {
        throw new IllegalStateException("stream holds " + stored + " records, expected " + emulatorRows);
      }
      System.out.printf(
          "kinesis-local %s, %d-shard stream: %,d rows in %.2f s (%,.0f rows/s), all read back%n",
          KinesisEmulator.VERSION, shards, emulatorRows, s, emulatorRows / s);
    } finally {
      spark.stop();
    }
  }

  /** Runs {@code write} and fails unless the endpoint acknowledged exactly {@code rows} more records. */
  private static Runnable acknowledged(ThrottlingProxy endpoint, long rows, Runnable write) {
    return () -> {
      long before = endpoint.forwarded();
      write.run();
      long acknowledged = endpoint.forwarded() - before;
      if (acknowledged != rows) {
        throw new IllegalStateException("endpoint acknowledged " + acknowledged + " records, expected " + rows);
      }
    };
  }

  /**
   * The bare client: {@code threads} threads each sending 500-record PutRecords calls, one at a
   * time, over the next unsent slice of the events, until all were sent; any record the answer
   * rejects fails the run (the endpoint rejects none).
   */
  private static void putAll(KinesisClient client, String stream, SourceEvents events, int threads) {
    int perCall = KinesisSinkOptions.MAX_RECORDS_PER_REQUEST;
    AtomicInteger nextSlice = new AtomicInteger();
    AtomicLong acknowledged = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        senders.add(
            pool.submit(
                () -> {
                  for (int from = nextSlice.getAndIncrement() * perCall;
                      from < events.size();
                      from = nextSlice.getAndIncrement() * perCall) {
                    List<PutRecordsRequestEntry> entries = new ArrayList<>(perCall);
                    for (int i = from; i < Math.min(from + perCall, events.size()); i++) {
                      entries.add(
                          PutRecordsRequestEntry.builder()
                              .partitionKey(new String(events.key(i), StandardCharsets.UTF_8))
                              .data(SdkBytes.fromByteArrayUnsafe(events.payload(i)))
                              .build());
                    }
                    PutRecordsResponse r =
                        client.putRecords(PutRecordsRequest.builder().streamName(stream).records(entries).build());
                    if (r.failedRecordCount() != null && r.failedRecordCount() > 0) {
                      throw new IllegalStateException(r.failedRecordCount() + " records rejected");
                    }
                    acknowledged.addAndGet(r.records().size());
                  }
                  return null;
                }));
      }
      for (Future<?> f : senders) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("bare PutRecords loop failed", e);
    } finally {
      pool.shutdownNow();
    }
    if (acknowledged.get() != events.size()) {
      throw new IllegalStateException(acknowledged.get() + " of " + events.size() + " records acknowledged");
    }
  }
}
