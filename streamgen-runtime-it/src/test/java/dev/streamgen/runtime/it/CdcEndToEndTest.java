package dev.streamgen.runtime.it;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.it.cdc.CdcCatalog;
import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/cdc.yaml, run by the job to a real Delta table and read back with Spark: the change
 * stream replayed per key in event-time order (an insert only of an absent key, an update or a delete
 * only of a present key whose current image is the change's before, a tombstone (a null payload keyed
 * by the customer) right after each delete and only there) ends in the table's final state as Spark
 * SQL computes it independently (the last change per key: its after, or absent when it is a delete or
 * a tombstone); deletes are the declared share of changes to live customers; the stream is the same
 * whatever the partition count (but for the event time, the run's clock); the partition key is the customer's key; the typed per-type columns
 * equal the kernel. Expected values come from the YAML's parameters, never from the generator.
 */
class CdcEndToEndTest {
  private static final long ROWS = 200_000;
  private static final double DELETE_RATIO = 0.05;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Dataset<Row> events;
  private static Dataset<Row> changes;

  private static Dataset<Row> run(String name, int partitions) {
    return ItJob.toDelta(CdcCatalog.class, name, "batch_config.partitions=" + partitions);
  }

  @BeforeAll
  static void writeTheChangeStreamToDelta() {
    events = run("cdc", 3).cache();
    assertThat(events.count()).isEqualTo(ROWS);
    changes = events.filter(col("event_type_id").equalTo("customers.cdc"))
        .withColumn("op", get_json_object(col("payload"), "$.op"))
        // A tombstone has no payload: its key is the partition key (the customer's, by partition_key_field).
        .withColumn("key", coalesce(get_json_object(col("payload"), "$.key"), col("partition_key")))
        .withColumn("version", get_json_object(col("payload"), "$.version").cast("long"))
        .withColumn("before", get_json_object(col("payload"), "$.before"))
        .withColumn("after", get_json_object(col("payload"), "$.after"))
        .cache();
  }

  private static JsonNode json(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void replayingTheChangesPerKeyEndsInTheFinalStateSparkSqlComputes() {
    // Event time increases with the row (distinct for rows one pool size apart), so it orders a key's changes, tombstones too.
    List<Row> rows = new ArrayList<>(changes.select("key", "version", "op", "before", "after", "timestamp").collectAsList());
    rows.sort(Comparator.<Row, String>comparing(r -> r.getString(0)).thenComparing(r -> r.getTimestamp(5)));
    Map<String, JsonNode> table = new HashMap<>();
    Map<String, String> lastOp = new HashMap<>();
    long inserts = 0;
    long updates = 0;
    long deletes = 0;
    long tombstones = 0;
    String previousKey = null;
    long previousVersion = 0;
    for (Row r : rows) {
      String key = r.getString(0);
      String previousOp = lastOp.get(key);
      if (r.isNullAt(2)) {
        assertThat(previousOp).as("tombstone of key %s follows a delete", key).isEqualTo("d");
        lastOp.put(key, "t");
        tombstones++;
        continue;
      }
      long version = r.getLong(1);
      if (key.equals(previousKey)) {
        assertThat(version).as("versions of key %s", key).isGreaterThan(previousVersion);
      }
      previousKey = key;
      previousVersion = version;
      String op = r.getString(2);
      assertThat(previousOp).as("%s of key %s v%d right after a delete", op, key, version).isNotEqualTo("d");
      lastOp.put(key, op);
      JsonNode before = json(r.getString(3));
      JsonNode after = json(r.getString(4));
      JsonNode current = table.get(key);
      switch (op) {
        case "c":
          assertThat(current).as("insert of present key %s v%d", key, version).isNull();
          assertThat(before).isNull();
          assertThat(after.get("id").asText()).isEqualTo(key);
          table.put(key, after);
          inserts++;
          break;
        case "u":
          assertThat(current).as("update of absent key %s v%d", key, version).isNotNull();
          assertThat(before).as("before of key %s v%d", key, version).isEqualTo(current);
          assertThat(after.get("id").asText()).isEqualTo(key);
          assertThat(after.get("country")).as("country is not updated").isEqualTo(before.get("country"));
          table.put(key, after);
          updates++;
          break;
        case "d":
          assertThat(current).as("delete of absent key %s v%d", key, version).isNotNull();
          assertThat(before).as("before of key %s v%d", key, version).isEqualTo(current);
          assertThat(after).isNull();
          table.remove(key);
          deletes++;
          break;
        default:
          throw new AssertionError("op " + op);
      }
    }
    assertThat(inserts + updates + deletes + tombstones).isEqualTo(rows.size());
    long deletedAtTheEnd = lastOp.values().stream().filter("d"::equals).count();
    assertThat(tombstones).as("a tombstone after every delete but those at the end").isPositive().isEqualTo(deletes - deletedAtTheEnd);

    // The final state by Spark SQL alone: each key's last change, its after unless it deletes or is a tombstone.
    changes.createOrReplaceTempView("cdc_changes");
    List<Row> last = ItSpark.session().sql(
        "SELECT key, after FROM (SELECT key, op, after, row_number() OVER (PARTITION BY key ORDER BY timestamp DESC) AS n "
            + "FROM cdc_changes) WHERE n = 1 AND op IS NOT NULL AND op <> 'd'").collectAsList();
    Map<String, JsonNode> finalState = new HashMap<>();
    for (Row r : last) {
      finalState.put(r.getString(0), json(r.getString(1)));
    }
    assertThat(table).isEqualTo(finalState);
    assertThat(finalState.size()).as("live customers").isGreaterThan(4000).isLessThanOrEqualTo(5000);

    double share = (double) deletes / (updates + deletes);
    double sigma = Math.sqrt(DELETE_RATIO * (1 - DELETE_RATIO) / (updates + deletes));
    assertThat(share).as("%d deletes of %d non-insert changes", deletes, updates + deletes)
        .isBetween(DELETE_RATIO - 5 * sigma, DELETE_RATIO + 5 * sigma);
  }

  @Test
  void theStreamIsTheSameWhateverThePartitionCount() {
    Dataset<Row> one = run("cdc-one-partition", 1);
    // The event time is the run's clock (ts_ms is it in milliseconds); every other byte is the seed's.
    Dataset<Row> a = events.select(col("event_type_id"), col("partition_key"), regexp_replace(col("payload"), "\"ts_ms\":[0-9]+", "").as("p"));
    Dataset<Row> b = one.select(col("event_type_id"), col("partition_key"), regexp_replace(col("payload"), "\"ts_ms\":[0-9]+", "").as("p"));
    assertThat(b.count()).isEqualTo(ROWS);
    ItRows.assertSameRows(a, b);
    assertThat(a.filter(col("event_type_id").equalTo("customers.cdc").and(col("p").isNotNull())).select("p").distinct().count())
        .as("distinct changes").isEqualTo(changes.filter(col("payload").isNotNull()).count());
  }

  @Test
  void theKeyIsThePartitionKeyOfChangesAndViews() {
    Dataset<Row> keyed = events.withColumn("key", get_json_object(col("payload"), "$.key"));
    assertThat(keyed.filter(col("partition_key").notEqual(col("key"))).count()).isZero();
    assertThat(changes.select("key").distinct().count()).as("customers changed").isGreaterThan(4900).isLessThanOrEqualTo(5000);
  }

  @Test
  void typedColumnsOfTheChangeTypeEqualTheKernel() {
    long seed = 11;
    long time = 1_767_225_600_000_000L;
    Dataset<Row> typed = StreamGen.typed(ItSpark.session(), CdcCatalog.class, "customers.cdc", 400, seed, time, 1000);
    CdcCatalog catalog = new CdcCatalog();
    List<Row> rows = typed.collectAsList();
    String[] names = typed.columns();
    assertThat(names).containsExactly("op", "key", "before", "after", "version", "ts_ms", "source");
    for (int i = 0; i < rows.size(); i++) {
      ByteWriter out = new ByteWriter();
      catalog.kernel(0).write(seed, i, time + i * 1000L, Format.JSON, out);
      JsonNode kernel = Payloads.json(out.toByteArray());
      for (int c = 0; c < names.length; c++) {
        assertThat(text(rows.get(i).get(c))).as("row %d %s", i, names[c]).isEqualTo(text(kernel.get(names[c])));
      }
    }
  }

  /** A value as comparable text: a struct as its fields' texts by name, null as null. */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Row row) {
      StructType schema = row.schema();
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < schema.fields().length; i++) {
        b.append(schema.fields()[i].name()).append('=').append(text(row.get(i))).append(';');
      }
      return b.append('}').toString();
    }
    if (value instanceof JsonNode node) {
      if (node.isNull()) {
        return null;
      }
      if (node.isObject()) {
        StringBuilder b = new StringBuilder("{");
        node.fieldNames().forEachRemaining(n -> b.append(n).append('=').append(text(node.get(n))).append(';'));
        return b.append('}').toString();
      }
      return node.asText();
    }
    return String.valueOf(value);
  }
}
