package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A simulated-time stream under Spark, paced by a manual wall clock: a stop and a restart from the
 * checkpoint continue the simulated timeline (same event times, same pace), and the rows are those of
 * one batch read of the same shape from the same start, whatever the partition counts.
 */
class SimulatedTimeStreamTest {
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z: event time
  private static final long WALL = 1_796_601_600_000_000L; // 2026-12-07T00:00:00Z: the wall clock
  private static final String SHAPE = "ramp 10 to 70 over 10m"; // rows/s of event time

  private final String clockName = "simulated-clock-" + UUID.randomUUID();
  private final StreamClock.Manual clock = new StreamClock.Manual(WALL);
  private final List<StreamingQuery> queries = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (StreamingQuery q : queries) {
      q.stop();
    }
    StreamClock.unregister(clockName);
  }

  private Dataset<Row> stream(int partitions) {
    StreamClock.register(clockName, clock);
    return SharedSpark.session()
        .readStream()
        .format("streamgen")
        .option("catalog", QuickstartTestCatalog.class.getName())
        .option("rate", SHAPE)
        .option("startTimeMicros", START)
        .option("speed", 60)
        .option("partitions", partitions)
        .option("clock", clockName)
        .load();
  }

  private StreamingQuery toFiles(Dataset<Row> df, String dir) throws Exception {
    StreamingQuery q =
        df.writeStream().format("parquet").option("path", dir + "/out").option("checkpointLocation", dir + "/checkpoint").start();
    queries.add(q);
    return q;
  }

  @Test
  void aRestartContinuesTheSimulatedTimeline() throws Exception {
    String dir = SharedSpark.tempDir("simulated-restart");
    StreamingQuery first = toFiles(stream(2), dir);
    first.processAllAvailable(); // the warm-up batch, then row 0 at wall time WALL
    for (int s = 0; s < 4; s++) {
      clock.advanceSeconds(1);
      first.processAllAvailable();
    }
    first.stop();
    clock.advanceSeconds(3); // down three wall seconds
    StreamingQuery second = toFiles(stream(3), dir);
    second.processAllAvailable();
    for (int s = 0; s < 3; s++) {
      clock.advanceSeconds(1);
      second.processAllAvailable();
    }
    second.stop();
    SparkSession spark = SharedSpark.session();
    List<Row> back = spark.read().parquet(dir + "/out").orderBy("timestamp", "event_type_id", "partition_key").collectAsList();
    // Ten wall seconds from the first row at speed 60: the whole ten-minute ramp, 10 * 600 + 60 *
    // 600 / 2 = 24,000 rows with event time in [0, 600 s), and the row at exactly 600 s.
    assertThat(back).hasSize(24_001);
    assertThat(micros(back.get(0))).as("row 0 at the configured start").isEqualTo(START);
    assertThat(micros(back.get(back.size() - 1))).isEqualTo(START + 600_000_000L);
    List<Row> batch =
        spark.read()
            .format("streamgen")
            .option("catalog", QuickstartTestCatalog.class.getName())
            .option("rate", SHAPE)
            .option("rows", 24_001)
            .option("partitions", 5)
            .option("startTimeMicros", START)
            .load()
            .orderBy("timestamp", "event_type_id", "partition_key")
            .collectAsList();
    assertThat(back).isEqualTo(batch);
  }

  private static long micros(Row r) {
    java.sql.Timestamp t = r.getTimestamp(r.fieldIndex("timestamp"));
    return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
  }
}
