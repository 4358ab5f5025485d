package dev.streamgen.runtime.sink.kinesis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Unified-stream rows with known content, built with plain Spark: row {@code id} has event type
 * {@code type-(id % 3)}, partition key {@code user-(id % 97)} and the payload {@link #payload}. The
 * expected values are computed here in plain Java, independently of the code under test.
 */
final class TestEvents {
  private TestEvents() {}

  static Dataset<Row> unified(SparkSession spark, long fromId, long toId, int partitions) {
    return spark
        .range(fromId, toId, 1, partitions)
        .select(
            concat(lit("type-"), col("id").mod(3).cast("string")).as(UnifiedStream.EVENT_TYPE_ID),
            timestamp_seconds(col("id")).as(UnifiedStream.TIMESTAMP),
            concat(lit("user-"), col("id").mod(97).cast("string")).as(UnifiedStream.PARTITION_KEY),
            encode(
                    concat(
                        lit("{\"id\":"),
                        col("id").cast("string"),
                        lit(",\"pad\":\""),
                        expr("repeat('x', cast(id % 50 AS int))"),
                        lit("\"}")),
                    "UTF-8")
                .as(UnifiedStream.SERIALIZED_PAYLOAD));
  }

  static String eventType(long id) {
    return "type-" + (id % 3);
  }

  static String partitionKey(long id) {
    return "user-" + (id % 97);
  }

  static byte[] payload(long id) {
    StringBuilder pad = new StringBuilder();
    for (int i = 0; i < id % 50; i++) {
      pad.append('x');
    }
    return ("{\"id\":" + id + ",\"pad\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** The id inside a payload written by {@link #unified}. */
  static long idOf(byte[] payload) {
    String s = new String(payload, StandardCharsets.UTF_8);
    return Long.parseLong(s.substring("{\"id\":".length(), s.indexOf(',')));
  }
}
