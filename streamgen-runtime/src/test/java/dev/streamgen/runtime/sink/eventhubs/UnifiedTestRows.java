package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Unified rows with payloads the tests can recognise: event {@code i} has type TYPES[i % 3], key
 * {@code user-(i % 17)} and a payload naming {@code i}, so a recorded event tells which row it was.
 */
final class UnifiedTestRows {
  static final String[] TYPES = {"user.login", "user.purchase", "page.view"};
  static final int KEYS = 17;

  private UnifiedTestRows() {}

  static String typeOf(long i) {
    return TYPES[(int) (i % TYPES.length)];
  }

  static String keyOf(long i) {
    return "user-" + (i % KEYS);
  }

  static byte[] jsonPayload(long i) {
    return ("{\"seq\":" + i + ",\"type\":\"" + typeOf(i) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** A fixed, distinct 8-byte fingerprint per type (what the Avro header would carry). */
  static byte[] fingerprintOf(String type) {
    byte[] fp = new byte[8];
    int t = java.util.Arrays.asList(TYPES).indexOf(type);
    for (int b = 0; b < 8; b++) {
      fp[b] = (byte) (0x10 * (t + 1) + b);
    }
    return fp;
  }

  /** Avro single-object layout: C3 01, the type's fingerprint, then a body naming {@code i}. */
  static byte[] avroPayload(long i) {
    byte[] fp = fingerprintOf(typeOf(i));
    byte[] body = ("seq=" + i).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[2 + 8 + body.length];
    out[0] = (byte) 0xC3;
    out[1] = 0x01;
    System.arraycopy(fp, 0, out, 2, 8);
    System.arraycopy(body, 0, out, 10, body.length);
    return out;
  }

  /** The row index a recorded JSON payload came from. */
  static long seqOfJson(byte[] payload) {
    String s = new String(payload, StandardCharsets.UTF_8);
    int start = s.indexOf("\"seq\":") + 6;
    return Long.parseLong(s.substring(start, s.indexOf(',', start)));
  }

  static long seqOfAvro(byte[] payload) {
    return Long.parseLong(new String(payload, 10 + 4, payload.length - 14, StandardCharsets.UTF_8));
  }

  static Dataset<Row> json(SparkSession spark, long from, long count, int partitions) {
    return rows(spark, from, count, partitions, false, 0);
  }

  static Dataset<Row> avro(SparkSession spark, long from, long count, int partitions) {
    return rows(spark, from, count, partitions, true, 0);
  }

  /** JSON rows padded to about {@code payloadBytes} each, to fill batches quickly. */
  static Dataset<Row> padded(SparkSession spark, long count, int partitions, int payloadBytes) {
    return rows(spark, 0, count, partitions, false, payloadBytes);
  }

  private static Dataset<Row> rows(
      SparkSession spark, long from, long count, int partitions, boolean avro, int padTo) {
    List<Row> rows = new ArrayList<>();
    for (long i = from; i < from + count; i++) {
      byte[] payload = avro ? avroPayload(i) : jsonPayload(i);
      if (padTo > payload.length) {
        String json = new String(payload, StandardCharsets.UTF_8);
        StringBuilder pad = new StringBuilder();
        while (json.length() + pad.length() + 10 < padTo) {
          pad.append('x');
        }
        payload = (json.substring(0, json.length() - 1) + ",\"pad\":\"" + pad + "\"}")
            .getBytes(StandardCharsets.UTF_8);
      }
      rows.add(RowFactory.create(typeOf(i), new Timestamp(1_700_000_000_000L + i), keyOf(i), payload));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, UnifiedStream.SCHEMA);
    // One partition: coalesce keeps the rows in index order (a shuffle would not).
    return partitions == 1 ? frame.coalesce(1) : frame.repartition(partitions);
  }
}
