package dev.streamgen.runtime.reliability;

import dev.streamgen.runtime.job.Job;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.testkit.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.SparkSession;

/**
 * Soak benchmark, not a test: the job ({@code Main}'s code path) streams the quick-start events at a
 * high rate to a real local Kafka broker for a long time (10 minutes by default) while a consumer in
 * the same JVM reads everything back. Printed per interval and overall (after a warm-up):
 *
 * <ul>
 *   <li>throughput received, and its ratio to the configured rate (the baseline);
 *   <li>latency percentiles: producer timestamp (Kafka CreateTime) to consumer receive time, and the
 *       row's event time to receive time (end to end: pacing, micro-batch, producer, broker);
 *   <li>heap used right after a full GC, sampled at intervals, and its trend after the warm-up
 *       (least-squares slope): a leak shows as steady growth;
 *   <li>rows the checkpoint committed vs rows received: lost must be 0.
 * </ul>
 *
 * Run: {@code ./mvnw -B -o -q -pl streamgen-runtime/spark-3.5 -am test -DskipTests -Pkafka-soak-benchmark}
 * (properties {@code soak.seconds}=600, {@code soak.rate}=20000, {@code soak.warmup.seconds}=60,
 * {@code soak.sample.seconds}=30, {@code soak.retained}=1000: Spark's {@code spark.sql.ui.retainedExecutions},
 * {@code spark.ui.retainedJobs} and {@code spark.ui.retainedStages}). Results: docs/benchmarks.md.
 */
public final class KafkaSoakBenchmark {
  private static final int MAX_LATENCY_MS = 120_000;

  private KafkaSoakBenchmark() {}

  /** Millisecond buckets up to two minutes (one more for anything slower). */
  static final class Histogram {
    private final long[] counts = new long[MAX_LATENCY_MS + 1];
    private long total;

    synchronized void add(long millis) {
      counts[(int) Math.max(0, Math.min(MAX_LATENCY_MS, millis))]++;
      total++;
    }

    synchronized long percentile(double p) {
      if (total == 0) {
        return -1;
      }
      long rank = (long) Math.ceil(p / 100.0 * total);
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return i;
        }
      }
      return MAX_LATENCY_MS;
    }

    synchronized long total() {
      return total;
    }

    synchronized void clear() {
      Arrays.fill(counts, 0);
      total = 0;
    }

    String describe() {
      return String.format(Locale.ROOT, "p50 %d ms, p90 %d ms, p99 %d ms, p99.9 %d ms, max %d ms",
          percentile(50), percentile(90), percentile(99), percentile(99.9), percentile(100));
    }
  }

  public static void main(String[] args) throws Exception {
    long seconds = Long.getLong("soak.seconds", 600);
    long rate = Long.getLong("soak.rate", 20_000);
    long warmup = Long.getLong("soak.warmup.seconds", 60);
    long sampleSeconds = Long.getLong("soak.sample.seconds", 30);
    // 1e6 / rate must be whole: event time -> row index is exact.
    if (1_000_000L % rate != 0) {
      throw new IllegalArgumentException("soak.rate must divide 1,000,000 (e.g. 10000, 20000, 25000, 50000)");
    }
    Path work = Files.createTempDirectory("streamgen-soak");
    Path checkpoint = work.resolve("checkpoint");
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("streamgen-soak")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            // Spark keeps this many finished SQL executions, jobs and stages (one of each per
            // micro-batch) for its UI, UI on or off: the heap grows until the caps are reached (1000
            // each by default). Lower them to see the heap flat sooner.
            .config("spark.sql.ui.retainedExecutions", System.getProperty("soak.retained", "1000"))
            .config("spark.ui.retainedJobs", System.getProperty("soak.retained", "1000"))
            .config("spark.ui.retainedStages", System.getProperty("soak.retained", "1000"))
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
      broker.createTopic("soak", 2);
      Histogram kafkaLatency = new Histogram();
      Histogram endToEnd = new Histogram();
      Histogram intervalKafka = new Histogram();
      Histogram intervalEndToEnd = new Histogram();
      AtomicBoolean producing = new AtomicBoolean(true);
      // One bit per row index, allocated up front so the record of what arrived does not grow the heap.
      BitSet seen = new BitSet((int) Math.min(Integer.MAX_VALUE - 64, rate * (seconds + 600)));
      long[] received = {0};
      long[] receivedInInterval = {0};
      long startNanos = System.nanoTime();
      long[] startMicros = {-1};

      Thread consumer = new Thread(() -> consume(broker.bootstrapServers(), producing, checkpoint, rate, startNanos, warmup,
          kafkaLatency, endToEnd, intervalKafka, intervalEndToEnd, seen, received, receivedInInterval, startMicros), "soak-consumer");
      consumer.start();

      ByteArrayOutputStream jobOut = new ByteArrayOutputStream();
      AtomicInteger status = new AtomicInteger(-1);
      Thread job = new Thread(() -> status.set(new Job(new PrintStream(jobOut, true, StandardCharsets.UTF_8), System.err).run(new String[] {
        "--catalog", QuickstartTestCatalog.class.getName(),
        "--duration", seconds + "s",
        "--progress-interval", "60",
        "--set", "streaming_config.total_rows_per_second=" + rate,
        "--set", "streaming_config.partitions=2",
        "--set", "streaming_config.checkpoint_location=" + checkpoint,
        "--set", "sink_config.type=kafka",
        "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
        "--set", "sink_config.topic=soak",
        "--set", "sink_config.kafka.linger.ms=5"
      })), "soak-job");
      job.start();

      System.out.printf(Locale.ROOT, "soak: %d s at %,d rows/s to a local Kafka broker (2 partitions), local[2], warm-up %d s,"
          + " heap sampled after a full GC every %d s, max heap %d MB%n", seconds, rate, warmup, sampleSeconds,
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.println("  t(s)   rows/s   vs target   producer->consumer p50/p99/p99.9 ms   event->consumer p50/p99 ms   heap after GC (MB)"
          + "   SQL executions / jobs kept by Spark");
      List<double[]> heapSamples = new ArrayList<>();
      long lastReceived = 0;
      long lastTick = System.nanoTime();
      double[] steady = null; // {t, received} at the first sample after the warm-up
      while (job.isAlive()) {
        job.join(sampleSeconds * 1000);
        long now = System.nanoTime();
        double t = (now - startNanos) / 1e9;
        long got;
        synchronized (received) {
          got = received[0];
        }
        double window = (now - lastTick) / 1e9;
        double perSecond = (got - lastReceived) / window;
        double heapMb = heapAfterGc();
        long retained = spark.sharedState().statusStore().executionsCount();
        int jobs = spark.sparkContext().statusStore().jobsList(null).size();
        if (t >= warmup) {
          heapSamples.add(new double[] {t, heapMb});
          if (steady == null) {
            steady = new double[] {t, got};
          }
        }
        System.out.printf(Locale.ROOT, "%6.0f %8.0f %9.2fx   %7d / %5d / %5d              %6d / %6d             %7.1f   %6d / %d%n",
            t, perSecond, perSecond / rate, intervalKafka.percentile(50), intervalKafka.percentile(99), intervalKafka.percentile(99.9),
            intervalEndToEnd.percentile(50), intervalEndToEnd.percentile(99), heapMb, retained, jobs);
        intervalKafka.clear();
        intervalEndToEnd.clear();
        lastReceived = got;
        lastTick = now;
      }
      // Drain: everything committed must arrive.
      long committed = DeliveryCount.offset(checkpoint, DeliveryCount.highest(checkpoint.resolve("commits")).orElseThrow(), "row");
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (System.nanoTime() < deadline) {
        synchronized (received) {
          if (seen.get(0, (int) committed).cardinality() >= committed) {
            break;
          }
        }
        Thread.sleep(200);
      }
      producing.set(false);
      consumer.join();
      long lost;
      long duplicates;
      synchronized (received) {
        lost = committed - seen.get(0, (int) committed).cardinality();
        duplicates = received[0] - seen.cardinality();
      }
      double lastT = (lastTick - startNanos) / 1e9;
      System.out.println();
      System.out.println(jobOut.toString(StandardCharsets.UTF_8).trim());
      System.out.printf(Locale.ROOT, "%nresult: job exit %d; committed %,d rows, received %,d (lost %d, duplicates %d)%n",
          status.get(), committed, received[0], lost, duplicates);
      if (steady != null && lastT > steady[0]) {
        double steadyRate = (lastReceived - steady[1]) / (lastT - steady[0]);
        System.out.printf(Locale.ROOT, "throughput after warm-up (received by the consumer, %.0f s): %,.0f rows/s = %.3fx the configured %,d rows/s%n",
            lastT - steady[0], steadyRate, steadyRate / rate, rate);
      }
      System.out.println("latency after warm-up, producer timestamp -> consumer: " + kafkaLatency.describe()
          + " (" + kafkaLatency.total() + " records)");
      System.out.println("latency after warm-up, event time -> consumer: " + endToEnd.describe());
      if (heapSamples.size() >= 2) {
        double[] fit = slope(heapSamples);
        double first = heapSamples.get(0)[1];
        double last = heapSamples.get(heapSamples.size() - 1)[1];
        double max = heapSamples.stream().mapToDouble(s -> s[1]).max().orElse(0);
        System.out.printf(Locale.ROOT, "heap after GC after warm-up: first %.1f MB, last %.1f MB (last/first %.2fx), max %.1f MB,"
            + " trend %+.2f MB/min over %d samples%n", first, last, last / first, max, fit[0] * 60, heapSamples.size());
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * Heap used after a full GC, the least of five tries 150 ms apart: a micro-batch in flight holds
   * live buffers (the producers' 32 MB each, task memory) that no GC can free, so a single reading
   * depends on where the stream happens to be; the least one is the floor between batches.
   */
  static double heapAfterGc() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      Thread.sleep(150);
    }
    return least / 1048576.0;
  }

  /** Least-squares slope (per second) of the samples {t, value}. */
  static double[] slope(List<double[]> samples) {
    double n = samples.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] s : samples) {
      sx += s[0];
      sy += s[1];
      sxx += s[0] * s[0];
      sxy += s[0] * s[1];
    }
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return new double[] {b};
  }

  private static void consume(String servers, AtomicBoolean producing, Path checkpoint, long rate, long startNanos, long warmup,
      Histogram kafkaLatency, Histogram endToEnd, Histogram intervalKafka, Histogram intervalEndToEnd,
      BitSet seen, long[] received, long[] receivedInInterval, long[] startMicros) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    long microsPerRow = 1_000_000L / rate;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = Arrays.asList(new TopicPartition("soak", 0), new TopicPartition("soak", 1));
      c.assign(parts);
      c.seekToBeginning(parts);
      while (producing.get()) {
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
        long nowMillis = System.currentTimeMillis();
        boolean counted = (System.nanoTime() - startNanos) / 1e9 >= warmup;
        // Batch 0 is an empty warm-up with a provisional start; batch 1, the first with rows, fixes it.
        if (startMicros[0] < 0 && !records.isEmpty() && Files.exists(checkpoint.resolve("offsets").resolve("1"))) {
          startMicros[0] = DeliveryCount.offset(checkpoint, 1, "startMicros");
        }
        synchronized (received) {
          for (ConsumerRecord<byte[], byte[]> r : records) {
            long eventMicros = eventTime(r.value());
            long kafkaMs = nowMillis - r.timestamp();
            long e2eMs = nowMillis - eventMicros / 1000;
            intervalKafka.add(kafkaMs);
            intervalEndToEnd.add(e2eMs);
            if (counted) {
              kafkaLatency.add(kafkaMs);
              endToEnd.add(e2eMs);
            }
            if (startMicros[0] >= 0) {
              long index = (eventMicros - startMicros[0]) / microsPerRow;
              if (index >= 0 && index < seen.size()) {
                seen.set((int) index);
              }
            }
            received[0]++;
            receivedInInterval[0]++;
          }
        }
      }
    }
  }

  /** "event_time_micros":N in the test catalog's JSON, found without a JSON parser (cheap per record). */
  static long eventTime(byte[] json) {
    byte[] key = "\"event_time_micros\":".getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + key.length < json.length; i++) {
      for (int k = 0; k < key.length; k++) {
        if (json[i + k] != key[k]) {
          continue outer;
        }
      }
      long v = 0;
      for (int j = i + key.length; j < json.length && json[j] >= '0' && json[j] <= '9'; j++) {
        v = v * 10 + (json[j] - '0');
      }
      return v;
    }
    throw new IllegalArgumentException("no event_time_micros in " + new String(json, StandardCharsets.UTF_8));
  }
}
