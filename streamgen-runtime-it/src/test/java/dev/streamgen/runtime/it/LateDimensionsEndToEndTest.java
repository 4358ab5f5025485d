package dev.streamgen.runtime.it;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.it.late.LateDimensionsCatalog;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.source.ItClocks;
import dev.streamgen.runtime.source.StreamClock;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/late-dimensions.yaml, a bounded batch run by the job to a real Delta table and read
 * back with Spark: order lines join the products created after them in the declared share (also in
 * the run's last window, where "later" would point past the end if the window did not stop there),
 * each within its window; reviews join orders on either side within theirs; orphans never join; and
 * 1 or 3 partitions write the same rows, and so does a bounded stream restarted from its checkpoint
 * (its end is its maxRows, as a batch's is its rows). Where each row arrived is its {@code row} field (a sequence:
 * the row's index). Expected values come from the YAML's parameters, never from the generator.
 */
class LateDimensionsEndToEndTest {
  private static final long ROWS = 100_000;
  private static final long LINE_WINDOW = 50_000;
  private static final long REVIEW_WINDOW = 2_000;
  private static Dataset<Row> events;

  @BeforeAll
  static void writeTheRunToDelta() {
    events = ItJob.toDelta(LateDimensionsCatalog.class, "late-dimensions").cache();
    assertThat(events.count()).isEqualTo(ROWS);
  }

  private static Dataset<Row> ofType(String type, String... fields) {
    Dataset<Row> rows = events.filter(col("event_type_id").equalTo(type));
    for (String f : fields) {
      rows = rows.withColumn(f, get_json_object(col("payload"), "$." + f));
    }
    return rows.withColumn("row", col("row").cast("long"));
  }

  /** Asserts that {@code matched} of {@code n} is within 5 sigma of {@code p}. */
  private static void assertShare(String what, long matched, long n, double p) {
    double sigma = Math.sqrt(p * (1 - p) / n);
    assertThat((double) matched / n).as("%s: %d of %d", what, matched, n).isBetween(p - 5 * sigma, p + 5 * sigma);
  }

  @Test
  void orderLinesJoinProductsCreatedLaterWithinTheWindowInTheDeclaredShare() {
    Dataset<Row> lines = ofType("order.line", "row", "product_id").select("row", "product_id");
    Dataset<Row> created = ofType("product.created", "row", "product_id").select(col("row").as("created_row"), col("product_id"));
    Dataset<Row> joined = lines.join(created, "product_id").cache();
    long n = lines.count();
    assertShare("order lines whose product was created", joined.count(), n, 0.95);
    assertThat(joined.filter(col("created_row").leq(col("row")).or(col("created_row").gt(col("row").plus(LINE_WINDOW)))).count())
        .as("matched products not created within the %d rows after their line", LINE_WINDOW).isZero();
    // The last window: its lines' products must arrive before the run's end, and they do, in the same share.
    long tailStart = ROWS - LINE_WINDOW;
    assertShare("order lines of the last " + LINE_WINDOW + " rows whose product was created",
        joined.filter(col("row").geq(tailStart)).count(), lines.filter(col("row").geq(tailStart)).count(), 0.95);
    // Orphans never join: a product id joins at most one line's reference to one created row.
    assertThat(joined.select("row").distinct().count()).isEqualTo(joined.count());
    assertThat(created.select("product_id").distinct().count()).as("product ids are unique").isEqualTo(created.count());
    Dataset<Row> orphans = lines.join(created, lines.col("product_id").equalTo(created.col("product_id")), "left_anti");
    assertThat(orphans.count()).isEqualTo(n - joined.count());
    assertThat(orphans.filter(col("product_id").rlike("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")).count())
        .as("orphans are ids of the id's own form").isEqualTo(orphans.count());
  }

  @Test
  void reviewsJoinOrdersPlacedOnEitherSideWithinTheWindow() {
    Dataset<Row> reviews = ofType("review.posted", "row", "order_id").select("row", "order_id");
    Dataset<Row> lines = ofType("order.line", "row", "order_id").select(col("row").as("line_row"), col("order_id"));
    Dataset<Row> joined = reviews.join(lines, "order_id").cache();
    long matched = joined.count();
    assertShare("reviews whose order was placed", matched, reviews.count(), 0.9);
    assertThat(joined.filter(abs(col("line_row").minus(col("row"))).gt(REVIEW_WINDOW)).count())
        .as("matched orders more than %d rows away", REVIEW_WINDOW).isZero();
    // Uniform over the window, so about half on each side (off only within 2,000 rows of the run's ends: 4% of rows).
    long later = joined.filter(col("line_row").gt(col("row"))).count();
    assertThat((double) later / matched).as("%d of %d orders placed after their review", later, matched).isBetween(0.4, 0.6);
  }

  @Test
  void oneAndThreePartitionsWriteTheSameRows() {
    Dataset<Row> three = ItJob.toDelta(LateDimensionsCatalog.class, "late-dimensions-3", "batch_config.partitions=3");
    // Event times count from each run's start; everything else is a function of (seed, row).
    Dataset<Row> a = events.select("event_type_id", "partition_key", "payload");
    Dataset<Row> b = three.select("event_type_id", "partition_key", "payload");
    assertThat(b.count()).isEqualTo(ROWS);
    ItRows.assertSameRows(a, b);
  }

  /**
   * A stream bounded by maxRows, stopped and restarted from its checkpoint (a manual clock: 2 s,
   * stop, 1 s passes, then to its end), writes exactly the rows a batch of as many rows writes: the
   * stream's end row bounds its later windows as the batch's does, before and after the restart.
   */
  @Test
  void aBoundedStreamRestartedFromItsCheckpointWritesTheBatchsRows() throws Exception {
    long start = 1_767_225_600_000_000L;
    long rate = 10_000;
    long rows = 45_000;
    String dir = ItSpark.tempDir("late-dimensions-stream");
    String path = dir + "/events";
    String checkpoint = dir + "/checkpoint";
    String clockName = "late-dimensions-restart-" + java.util.UUID.randomUUID();
    StreamClock.Manual clock = new StreamClock.Manual(start);
    ItClocks.register(clockName, clock);
    try {
      SinkOptions options = new SinkOptions("delta", Map.of("path", path));
      StreamingQuery first = Sinks.configure(options).startStream(stream(clockName, rate, rows), checkpoint);
      first.processAllAvailable();
      for (int s = 0; s < 2; s++) {
        clock.advanceSeconds(1);
        first.processAllAvailable();
      }
      first.stop();
      clock.advanceSeconds(1);
      StreamingQuery second = Sinks.configure(options).startStream(stream(clockName, rate, rows), checkpoint);
      second.processAllAvailable();
      for (int s = 0; s < 3; s++) {
        clock.advanceSeconds(1);
        second.processAllAvailable();
      }
      second.stop();
      Dataset<Row> back = ItSpark.session().read().format("delta").load(path)
          .withColumn("payload", col("serialized_payload").cast("string"));
      assertThat(back.count()).isEqualTo(rows);
      Dataset<Row> batch = ItRows.batch(LateDimensionsCatalog.class, rows, 11, start, rate);
      Dataset<Row> a = back.select("event_type_id", "timestamp", "partition_key", "payload");
      Dataset<Row> b = batch.select("event_type_id", "timestamp", "partition_key", "payload");
      ItRows.assertSameRows(a, b);
    } finally {
      ItClocks.unregister(clockName);
    }
  }

  private static Dataset<Row> stream(String clockName, long rate, long maxRows) {
    return ItSpark.session().readStream().format("streamgen")
        .option("catalog", LateDimensionsCatalog.class.getName())
        .option("rowsPerSecond", rate)
        .option("seed", 11)
        .option("maxRows", maxRows)
        .option("clock", clockName)
        .load();
  }
}
