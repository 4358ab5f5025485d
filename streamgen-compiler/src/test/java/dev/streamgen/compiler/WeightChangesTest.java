package dev.streamgen.compiler;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.WeightChange;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.StreamClock;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/incident.yaml compiled and run through the streamgen source: inside each period of
 * its weight_changes, and outside them, every type's share of the rows is the one the YAML declares
 * (written out here, 5 sigma); one partition and three give the same rows; a stream stopped in the
 * middle of the incident and restarted from its checkpoint (a manual clock) writes the rows a batch
 * of the same seed and start writes, so the incident continues where it was.
 */
class WeightChangesTest {
  static final Path CONFIG = Path.of("../docs/examples/incident.yaml");
  static final String CATALOG = "streamgen.generated.IncidentCatalog";
  static final long SEED = 17;
  static final long START = 1_767_225_600_000_000L;
  static final long SECOND = 1_000_000L;
  static final List<String> TYPES = List.of("log.info", "log.warn", "log.error", "alert.page");
  /** The catalog's weights, in TYPES order. */
  static final double[] BASE = {0.89, 0.10, 0.01, 0};
  /** From 10m for 10m: errors 20%, pages 1%, info and warn sharing 0.79 as 89 : 10. */
  static final double[] INCIDENT = {0.79 * 89 / 99, 0.79 * 10 / 99, 0.20, 0.01};
  /** From 25m for 1m (every hour): warnings 50%, info and error sharing 0.5 as 89 : 1. */
  static final double[] WARNINGS = {0.5 * 89 / 90, 0.5, 0.5 * 1 / 90, 0};

  @TempDir static Path dir;
  static URLClassLoader loader;
  static SparkSession spark;
  static Dataset<Row> threePartitions;
  static ClassLoader previousLoader;

  /**
   * The catalog's loader is the context loader for the whole class: Spark resolves the catalog
   * whenever a lazy Dataset runs, not only where it is built.
   */
  @BeforeAll
  static void compileAndRun() throws Exception {
    CompileRequest request = GeneratedSources.request(CONFIG, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    Path classes = dir.resolve("classes");
    loader = GeneratedSources.compileAndLoad(request, classes);
    previousLoader = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    spark = KafkaEndToEndTest.sparkWithJar(classes, dir.resolve("incident.jar"));
    threePartitions = batch(360_000, 200, 3).cache();
    assertThat(threePartitions.count()).isEqualTo(360_000);
  }

  @AfterAll
  static void close() throws IOException {
    if (threePartitions != null) {
      threePartitions.unpersist();
    }
    Thread.currentThread().setContextClassLoader(previousLoader);
    loader.close();
  }

  /** {@code rows} rows at {@code rate} rows/s from START, with their offset from row 0's time in seconds. */
  private static Dataset<Row> batch(long rows, long rate, int partitions) {
    return withOffset(StreamGen.batch(spark, SourceOptions.builder()
        .catalog(CATALOG).seed(SEED).format(Format.JSON).rows(rows).rowsPerSecond(rate).startTimeMicros(START)
        .partitions(partitions).build()));
  }

  private static Dataset<Row> withOffset(Dataset<Row> rows) {
    return rows.withColumn("offset_s", expr("(unix_micros(timestamp) - " + START + ") / 1e6"));
  }

  @Test
  void theGeneratedCatalogHoldsThePeriodsAsDeclared() throws Exception {
    Catalog catalog = (Catalog) loader.loadClass(CATALOG).getConstructor().newInstance();
    assertThat(catalog.weightChanges()).containsExactly(
        new WeightChange(600 * SECOND, 600 * SECOND, 0, new int[] {2, 3}, new double[] {0.20, 0.01}),
        new WeightChange(1500 * SECOND, 60 * SECOND, 3600 * SECOND, new int[] {1}, new double[] {0.5}));
    assertThat(catalog.pinnedTypes()).isEmpty();
  }

  @Test
  void eachWindowHasTheDeclaredMix() {
    checkMix(threePartitions, "offset_s < 600", BASE);
    checkMix(threePartitions, "offset_s >= 600 AND offset_s < 1200", INCIDENT);
    checkMix(threePartitions, "offset_s >= 1200 AND offset_s < 1500", BASE);
    checkMix(threePartitions, "offset_s >= 1500 AND offset_s < 1560", WARNINGS);
    checkMix(threePartitions, "offset_s >= 1560", BASE);
  }

  @Test
  void oneAndThreePartitionsGiveTheSameRows() {
    Dataset<Row> one = batch(360_000, 200, 1);
    assertThat(one.exceptAll(threePartitions).count()).isZero();
    assertThat(threePartitions.exceptAll(one).count()).isZero();
  }

  /**
   * A stream at 100 rows/s, one micro-batch per 5 minutes of the manual clock, stopped at 15
   * minutes of event time (in the incident), restarted after another 5 minutes and run to 25 minutes: its rows are the batch's, and the incident's mix holds in
   * them on both sides of the restart.
   */
  @Test
  void aStreamRestartedInTheMiddleOfAnIncidentContinuesIt() throws Exception {
    long rate = 100;
    String clockName = "weight-changes-" + UUID.randomUUID();
    StreamClock.Manual clock = new StreamClock.Manual(START);
    StreamClock.register(clockName, clock);
    String path = dir.resolve("stream/events").toString();
    String checkpoint = dir.resolve("stream/checkpoint").toString();
    try {
      StreamingQuery first = start(clockName, rate, path, checkpoint);
      first.processAllAvailable();
      for (int m = 0; m < 3; m++) {
        clock.advanceSeconds(300);
        first.processAllAvailable();
      }
      first.stop();
      clock.advanceSeconds(300);
      StreamingQuery second = start(clockName, rate, path, checkpoint);
      second.processAllAvailable();
      clock.advanceSeconds(300);
      second.processAllAvailable();
      second.stop();
    } finally {
      StreamClock.unregister(clockName);
    }
    long rows = 25 * 60 * rate + 1; // event times 0 .. 25 min
    Dataset<Row> streamed = withOffset(spark.read().parquet(path));
    assertThat(streamed.count()).isEqualTo(rows);
    Dataset<Row> batch = batch(rows, rate, 2);
    assertThat(streamed.exceptAll(batch).count()).isZero();
    assertThat(batch.exceptAll(streamed).count()).isZero();
    checkMix(streamed, "offset_s >= 600 AND offset_s < 900", INCIDENT);
    checkMix(streamed, "offset_s >= 900 AND offset_s < 1200", INCIDENT);
  }

  private static StreamingQuery start(String clockName, long rate, String path, String checkpoint) throws Exception {
    return StreamGen.stream(spark, SourceOptions.builder().catalog(CATALOG).seed(SEED).format(Format.JSON)
            .rowsPerSecond(rate).clock(clockName).maxRowsPerBatch(1_000_000).build())
        .writeStream().format("parquet").option("checkpointLocation", checkpoint).start(path);
  }

  /** Every type's count among the rows matching {@code window} is within 5 sigma of its share {@code shares}. */
  private static void checkMix(Dataset<Row> rows, String window, double[] shares) {
    Dataset<Row> in = rows.filter(window);
    long n = in.count();
    assertThat(n).as("rows in %s", window).isPositive();
    Map<String, Long> counts = new HashMap<>();
    for (Row r : in.groupBy("event_type_id").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    assertThat(TYPES).containsAll(counts.keySet());
    for (int t = 0; t < TYPES.size(); t++) {
      long count = counts.getOrDefault(TYPES.get(t), 0L);
      double expected = n * shares[t];
      double sigma = Math.sqrt(n * shares[t] * (1 - shares[t]));
      assertThat((double) count).as("%s in %s (%d rows)", TYPES.get(t), window, n)
          .isBetween(expected - 5 * sigma, expected + 5 * sigma);
    }
  }
}
