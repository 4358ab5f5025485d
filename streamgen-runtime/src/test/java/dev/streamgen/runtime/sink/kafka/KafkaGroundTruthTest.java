package dev.streamgen.runtime.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ground truth of faults ({@code faults.ground_truth}) read back from a real broker: every record
 * carries row_index and is_duplicate headers (UTF-8 text) equal to the source's columns, Avro records
 * keep their fingerprint header, and the records are the source's rows, duplicates included.
 */
class KafkaGroundTruthTest {
  private static KafkaBroker broker;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.builder().build().start();
    spark = LocalSpark.get();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static SinkOptions options(String topic, String format) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("bootstrap_servers", broker.bootstrapServers());
    m.put("topic", topic);
    m.put("serialization_format", format);
    return SinkOptions.fromDataSource("kafka", m);
  }

  private static String text(ConsumerRecord<byte[], byte[]> r, String header) {
    Header h = r.headers().lastHeader(header);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static List<String> headerKeys(ConsumerRecord<byte[], byte[]> r) {
    List<String> keys = new ArrayList<>();
    for (Header h : r.headers()) {
      keys.add(h.key());
    }
    return keys;
  }

  @Test
  void recordsCarryTheRowIndexAndDuplicateFlag() {
    check("truth-json", "json", Arrays.asList("event_type_id", "row_index", "is_duplicate"));
  }

  @Test
  void avroRecordsKeepTheirFingerprintBesideTheGroundTruth() {
    check("truth-avro", "avro", Arrays.asList("event_type_id", "schema_fingerprint", "row_index", "is_duplicate"));
  }

  private void check(String topic, String format, List<String> headers) {
    broker.createTopic(topic, 3);
    org.apache.spark.sql.Dataset<Row> source = StreamGen.batch(spark, QuickstartTestCatalog.class,
        StreamGen.settings(QuickstartTestCatalog.class, "batch_config.total_rows=5000", "batch_config.partitions=3",
            "seed=11", "serialization_format=" + format, "faults.duplicate_share=0.2", "faults.drop_share=0.1",
            "faults.duplicate_window_rows=100", "faults.ground_truth=true"));
    source.cache();
    Sinks.configure(options(topic, format)).writeBatch(source);

    List<String> want = new ArrayList<>();
    for (Row r : source.collectAsList()) {
      want.add(r.getLong(4) + "|" + r.getBoolean(5) + "|" + r.getString(0) + "|" + r.getString(2) + "|"
          + Arrays.toString((byte[]) r.get(3)));
    }
    source.unpersist();
    List<String> got = new ArrayList<>();
    long duplicates = 0;
    for (ConsumerRecord<byte[], byte[]> r : broker.readAll(topic)) {
      assertThat(headerKeys(r)).containsExactlyElementsOf(headers);
      duplicates += "true".equals(text(r, "is_duplicate")) ? 1 : 0;
      assertThat(text(r, "is_duplicate")).isIn("true", "false");
      got.add(Long.parseLong(text(r, "row_index")) + "|" + text(r, "is_duplicate") + "|" + text(r, "event_type_id") + "|"
          + new String(r.key(), StandardCharsets.UTF_8) + "|" + Arrays.toString(r.value()));
    }
    Collections.sort(want);
    Collections.sort(got);
    assertThat(got).isEqualTo(want);
    // 20% duplicates of 5,000 rows: within 5 sigma (sqrt(5000 * 0.2 * 0.8) = 28.3), plus the first 100
    // rows' (about 20 duplicates) that may find nothing earlier to copy.
    assertThat(duplicates).isBetween(1000L - 142 - 20, 1000L + 142);
  }
}
