package dev.streamgen.runtime.testing;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.source.SourceOptions;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the sink benchmarks write: the {@code streamgen} source over the quick-start catalog (three
 * types, JSON, partition key {@code user_id}), and the same events collected once into memory, so a
 * bare client can send exactly the records the sink sends. The start time is fixed, so every read of
 * the source gives the same events, byte for byte.
 */
public final class SourceEvents {
  private static final long START_TIME_MICROS = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z

  private final String[] types;
  private final byte[][] keys;
  private final byte[][] payloads;
  private final long payloadBytes;

  private SourceEvents(String[] types, byte[][] keys, byte[][] payloads, long payloadBytes) {
    this.types = types;
    this.keys = keys;
    this.payloads = payloads;
    this.payloadBytes = payloadBytes;
  }

  /** The unified stream of {@code rows} events over {@code partitions} Spark partitions. */
  public static Dataset<Row> source(SparkSession spark, long rows, int partitions) {
    return source(spark, rows, partitions, "user_id");
  }

  /**
   * The same with another partition key: a field of the events, or null for the event type (three
   * keys). {@code user_id} ranges over a million values, so nearly every event has its own.
   */
  public static Dataset<Row> source(SparkSession spark, long rows, int partitions, String partitionKeyField) {
    SourceOptions.Builder options =
        SourceOptions.builder()
            .catalog(QuickstartTestCatalog.class.getName())
            .seed(7)
            .format(Format.JSON)
            .rows(rows)
            .partitions(partitions)
            .startTimeMicros(START_TIME_MICROS);
    if (partitionKeyField != null) {
      options.partitionKeyField(partitionKeyField);
    }
    return StreamGen.batch(spark, options.build());
  }

  /** The source's events, read once into memory (type, UTF-8 key, payload). */
  public static SourceEvents collect(Dataset<Row> unified) {
    int n = Math.toIntExact(unified.count());
    String[] types = new String[n];
    byte[][] keys = new byte[n][];
    byte[][] payloads = new byte[n][];
    long bytes = 0;
    Iterator<Row> it =
        unified
            .select(UnifiedStream.EVENT_TYPE_ID, UnifiedStream.PARTITION_KEY, UnifiedStream.SERIALIZED_PAYLOAD)
            .toLocalIterator();
    int i = 0;
    while (it.hasNext()) {
      Row r = it.next();
      types[i] = r.getString(0).intern();
      keys[i] = r.getString(1).getBytes(StandardCharsets.UTF_8);
      payloads[i] = (byte[]) r.get(2);
      bytes += payloads[i].length;
      i++;
    }
    if (i != n) {
      throw new IllegalStateException("the source gave " + i + " events on collect, " + n + " on count");
    }
    return new SourceEvents(types, keys, payloads, bytes);
  }

  public int size() {
    return payloads.length;
  }

  public String type(int i) {
    return types[i];
  }

  /** The partition key as UTF-8, as the sinks send it. */
  public byte[] key(int i) {
    return keys[i];
  }

  public byte[] payload(int i) {
    return payloads[i];
  }

  public double payloadBytesPerEvent() {
    return (double) payloadBytes / payloads.length;
  }
}
