package dev.streamgen.runtime.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.source.StreamClock;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/** The Delta sink against local Delta tables, read back and decoded. */
class DeltaSinkTest {
  private static final long START = 1_767_225_600_000_000L;
  private static final String CATALOG = QuickstartTestCatalog.class.getName();

  private static SinkOptions delta(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new SinkOptions("delta", m);
  }

  private static Dataset<Row> batch(long rows, long seed) {
    return SharedSpark.session()
        .read()
        .format("streamgen")
        .option("catalog", CATALOG)
        .option("rows", rows)
        .option("seed", seed)
        .option("startTimeMicros", START)
        .load();
  }

  @Test
  void batchAppendsThenOverwrites() throws Exception {
    String path = SharedSpark.tempDir("delta") + "/events";
    Sinks.configure(delta("path", path)).writeBatch(batch(1_000, 1));
    Sinks.configure(delta("path", path, "mode", "append")).writeBatch(batch(500, 2));
    SparkSession spark = SharedSpark.session();
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(1_500);
    Sinks.configure(delta("path", path, "mode", "overwrite")).writeBatch(batch(700, 3));
    Dataset<Row> back = spark.read().format("delta").load(path);
    assertThat(back.count()).isEqualTo(700);
    // Decoded payloads agree with their rows, and equal what the source generates for seed 3.
    ObjectMapper json = new ObjectMapper();
    for (Row r : back.collectAsList()) {
      JsonNode payload = json.readTree((byte[]) r.getAs("serialized_payload"));
      assertThat(payload.get("event_type_id").asText()).isEqualTo(r.getAs("event_type_id"));
    }
    assertThat(back.except(batch(700, 3)).count()).isZero();
  }

  @Test
  void batchToCatalogTable() {
    String table = "streamgen_events_" + UUID.randomUUID().toString().replace("-", "");
    Sinks.configure(delta("table_name", table)).writeBatch(batch(100, 1));
    assertThat(SharedSpark.session().table(table).count()).isEqualTo(100);
    SharedSpark.session().sql("DROP TABLE " + table);
  }

  @Test
  void optionsAreCheckedBeforeAnyDataMoves() {
    assertThatThrownBy(() -> Sinks.configure(delta()))
        .hasMessage("one of sink_config.path, sink_config.table_name is required for sink type 'delta'");
    assertThatThrownBy(() -> Sinks.configure(delta("path", "/tmp/x", "table_name", "t")))
        .hasMessage(
            "sink_config.path and sink_config.table_name are both set for sink type 'delta': set only one");
    assertThatThrownBy(() -> Sinks.configure(delta("path", "/tmp/x", "mode", "upsert")))
        .hasMessage("'upsert' is not valid for sink_config.mode: expected one of append, overwrite");
  }

  @Test
  void streamingOverwriteIsRefused() {
    Dataset<Row> stream =
        SharedSpark.session().readStream().format("streamgen").option("catalog", CATALOG).load();
    assertThatThrownBy(
            () -> Sinks.configure(delta("path", "/tmp/never", "mode", "overwrite")).startStream(stream, "/tmp/cp"))
        .hasMessage(
            "sink_config.mode 'overwrite' is not supported by a streaming run (a Delta stream appends): "
                + "use mode append, or generation_mode batch");
  }

  @Test
  void restartFromCheckpointContinuesWithNoGapAndNoDuplicate() throws Exception {
    String dir = SharedSpark.tempDir("delta-stream");
    String path = dir + "/events";
    String checkpoint = dir + "/checkpoint";
    String clockName = "delta-restart-" + UUID.randomUUID();
    StreamClock.Manual clock = new StreamClock.Manual(START);
    StreamClock.register(clockName, clock);
    try {
      SinkOptions options = delta("path", path);
      // First run: 3 s of rows, then the query stops.
      StreamingQuery first = Sinks.configure(options).startStream(stream(clockName), checkpoint);
      first.processAllAvailable(); // the stream starts (row 0 at the clock's START) before time moves
      for (int s = 0; s < 3; s++) {
        clock.advanceSeconds(1);
        first.processAllAvailable();
      }
      first.stop();
      // Meanwhile 2 s pass; the restarted query catches up from the checkpoint, then runs 2 s more.
      clock.advanceSeconds(2);
      StreamingQuery second = Sinks.configure(options).startStream(stream(clockName), checkpoint);
      second.processAllAvailable();
      for (int s = 0; s < 2; s++) {
        clock.advanceSeconds(1);
        second.processAllAvailable();
      }
      second.stop();
      Dataset<Row> back = SharedSpark.session().read().format("delta").load(path);
      List<Long> rows = new ArrayList<>();
      for (Row r : back.select("timestamp").collectAsList()) {
        Timestamp t = r.getTimestamp(0);
        long micros = Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
        rows.add((micros - START) / 1000);
      }
      Collections.sort(rows);
      assertThat(rows).hasSize(7_001); // event times 0 .. 7 s at 1000 rows/s
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i)).as("row %d", i).isEqualTo(i);
      }
      // And they are the same events a batch read of rows 0..7000 produces.
      assertThat(back.except(batch(7_001, 0)).count()).isZero();
    } finally {
      StreamClock.unregister(clockName);
    }
  }

  private static Dataset<Row> stream(String clockName) {
    return SharedSpark.session()
        .readStream()
        .format("streamgen")
        .option("catalog", CATALOG)
        .option("rowsPerSecond", 1000)
        .option("clock", clockName)
        .load();
  }

  @Test
  void withoutDeltaOnTheClasspathTheMessageNamesTheDependency() throws Exception {
    try (URLClassLoader noDelta = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> DeltaSink.requireDelta(noDelta))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageMatching(
              "sink type 'delta' needs Delta Lake on the classpath, and it is not there: add the dependency "
                  + "io\\.delta:delta-spark_2\\.1[23]:\\d+\\.\\d+\\.\\d+ \\(the version this runtime is built and "
                  + "tested with, for Spark \\d+\\.\\d+\\.\\d+\\), or run on Databricks, which includes it");
    }
    // Here Delta is on the test classpath: no complaint.
    DeltaSink.requireDelta(DeltaSinkTest.class.getClassLoader());
  }
}
