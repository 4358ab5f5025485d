package dev.streamgen.runtime.sink.kafka;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.columns.UnifiedStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The unified stream shaped as Spark's Kafka writer reads it: {@code key} = partition_key,
 * {@code value} = serialized_payload, {@code headers} = event_type_id (UTF-8) and, for Avro
 * single-object payloads, schema_fingerprint (the 8 bytes after the C3 01 marker, as they appear
 * in the payload: little-endian CRC-64-AVRO), and {@code topic} when a pattern picks it per row.
 */
final class KafkaRecords {
  static final String HEADER_EVENT_TYPE_ID = "event_type_id";
  static final String HEADER_SCHEMA_FINGERPRINT = "schema_fingerprint";
  /** Ground truth (with {@code faults.ground_truth}): the row index as UTF-8 decimal text. */
  static final String HEADER_ROW_INDEX = UnifiedStream.ROW_INDEX;
  /** Ground truth: {@code true} or {@code false} (UTF-8). */
  static final String HEADER_IS_DUPLICATE = UnifiedStream.IS_DUPLICATE;

  /** Avro single-object encoding: marker C3 01, then the 8-byte fingerprint, then the body. */
  private static final byte[] AVRO_MARKER = {(byte) 0xC3, 0x01};
  private static final int AVRO_HEADER_LENGTH = 10;

  /** Exactly the type Spark's Kafka writer accepts for {@code headers} (it compares types). */
  private static final ArrayType HEADERS_TYPE =
      DataTypes.createArrayType(
          new StructType().add("key", DataTypes.StringType).add("value", DataTypes.BinaryType));

  private KafkaRecords() {}

  static Dataset<Row> from(Dataset<Row> unified, KafkaSinkOptions options) {
    requireColumns(unified);
    Column payload = col(UnifiedStream.SERIALIZED_PAYLOAD);
    Column typeId = col(UnifiedStream.EVENT_TYPE_ID);
    List<Column> columns = new ArrayList<>();
    columns.add(col(UnifiedStream.PARTITION_KEY).as("key"));
    columns.add(payload.as("value"));
    columns.add(headers(typeId, payload, options.format(), groundTruth(unified)).cast(HEADERS_TYPE).as("headers"));
    if (options.topicPattern() != null) {
      columns.add(options.topicPattern().column(typeId).as("topic"));
    }
    return unified.select(columns.toArray(new Column[0]));
  }

  /** The ground-truth headers when the unified stream carries its columns, else none. */
  private static List<Column> groundTruth(Dataset<Row> unified) {
    List<Column> headers = new ArrayList<>();
    List<String> present = Arrays.asList(unified.columns());
    if (present.contains(UnifiedStream.ROW_INDEX) && present.contains(UnifiedStream.IS_DUPLICATE)) {
      headers.add(header(HEADER_ROW_INDEX, col(UnifiedStream.ROW_INDEX)));
      headers.add(header(HEADER_IS_DUPLICATE, col(UnifiedStream.IS_DUPLICATE)));
    }
    return headers;
  }

  private static Column header(String key, Column value) {
    return struct(lit(key).as("key"), encode(value.cast(DataTypes.StringType), "UTF-8").as("value"));
  }

  private static Column headers(Column typeId, Column payload, Format format, List<Column> extra) {
    Column typeHeader = struct(lit(HEADER_EVENT_TYPE_ID).as("key"), encode(typeId, "UTF-8").as("value"));
    List<Column> plain = new ArrayList<>();
    plain.add(typeHeader);
    plain.addAll(extra);
    List<Column> avro = new ArrayList<>();
    avro.add(typeHeader);
    avro.add(struct(lit(HEADER_SCHEMA_FINGERPRINT).as("key"), substring(payload, 3, 8).as("value")));
    avro.addAll(extra);
    Column withFingerprint = array(avro.toArray(new Column[0]));
    if (format == Format.AVRO) {
      // A tombstone (null payload) has no schema: the type header alone.
      return when(payload.isNull(), array(typeHeader)).otherwise(withFingerprint);
    }
    if (format != null) {
      return array(plain.toArray(new Column[0]));
    }
    // Format unknown (the sink used directly, not through the job): recognise Avro per row.
    Column isAvro =
        length(payload).geq(AVRO_HEADER_LENGTH).and(substring(payload, 1, 2).equalTo(lit(AVRO_MARKER)));
    return when(isAvro, withFingerprint).otherwise(array(plain.toArray(new Column[0])));
  }

  private static void requireColumns(Dataset<Row> unified) {
    List<String> present = Arrays.asList(unified.columns());
    for (String name :
        new String[] {
          UnifiedStream.EVENT_TYPE_ID, UnifiedStream.PARTITION_KEY, UnifiedStream.SERIALIZED_PAYLOAD
        }) {
      if (!present.contains(name)) {
        throw new IllegalArgumentException(
            "the Kafka sink writes the unified stream, but the DataFrame has no column '" + name
                + "' (columns: " + present + ")");
      }
    }
  }
}
