package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Unified rows with payloads whose bytes the test knows independently of the sink: event {@code i}
 * has type {@code types[i % types.length]}, partition key {@code user-(i % 17)}, and a payload that
 * encodes {@code i} in one of three layouts chosen by type position: JSON text, an Avro single-object
 * frame (marker C3 01, a fixed fingerprint, then i), or a headerless binary record.
 */
final class TestEvents {
  /** The Avro fingerprint bytes the test puts after the marker (as they appear in the payload). */
  static final byte[] FINGERPRINT = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88};

  final String[] types;

  TestEvents(String... types) {
    this.types = types;
  }

  String type(long i) {
    return types[(int) (i % types.length)];
  }

  static String key(long i) {
    return "user-" + (i % 17);
  }

  /** Layout by type position: 0 JSON, 1 Avro single-object, 2 binary. */
  int layout(long i) {
    return (int) (i % types.length) % 3;
  }

  byte[] payload(long i) {
    switch (layout(i)) {
      case 0:
        return ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      case 1:
        return ByteBuffer.allocate(18).put((byte) 0xC3).put((byte) 0x01).put(FINGERPRINT).putLong(i).array();
      default:
        return ByteBuffer.allocate(9).put((byte) 0xB1).putLong(i).array();
    }
  }

  /** The event index a payload carries, by reading the layout of its type. */
  long index(String type, byte[] payload) {
    int position = java.util.Arrays.asList(types).indexOf(type);
    switch (position % 3) {
      case 0:
        String json = new String(payload, StandardCharsets.UTF_8);
        return Long.parseLong(json.substring("{\"i\":".length(), json.length() - 1));
      case 1:
        return ByteBuffer.wrap(payload, 10, 8).getLong();
      default:
        return ByteBuffer.wrap(payload, 1, 8).getLong();
    }
  }

  List<Row> rows(long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (long i = from; i < to; i++) {
      rows.add(RowFactory.create(type(i), new Timestamp(1_700_000_000_000L + i), key(i), payload(i)));
    }
    return rows;
  }

  Dataset<Row> frame(SparkSession spark, long from, long to, int partitions) {
    return spark.createDataFrame(rows(from, to), UnifiedStream.SCHEMA).repartition(partitions);
  }
}
