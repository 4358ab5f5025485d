package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.kinesis.KinesisEmulator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The ground truth of faults on Kinesis, read back from the emulator: every record's partition key
 * ends in its row index (and {@code |dup} on a duplicate), the records are exactly the source's rows
 * (gaps where rows were dropped), and each sits on the shard whose hash range holds the MD5 of its
 * original key, so the suffix changed no routing.
 */
@ExtendWith(KinesisEmulatorExtension.class)
class KinesisGroundTruthTest {
  private static final long ROWS = 3_000;
  private static final String STREAM = "ground-truth";

  private final SparkSession spark = SharedSpark.session();

  @Test
  void recordsCarryTheRowIndexInTheKeyAndStayOnTheirKeysShard(KinesisEmulator kinesis) throws Exception {
    kinesis.createStream(STREAM, 4);
    Dataset<Row> source = spark.read().format("streamgen")
        .option("catalog", QuickstartTestCatalog.class.getName())
        .option("rows", ROWS)
        .option("partitions", 3)
        .option("seed", 17)
        .option("partitionKeyField", "user_id")
        .option("faults", "duplicate_share=0.1,duplicate_window_rows=100,drop_share=0.1,ground_truth=true")
        .load();
    source.cache();
    Sinks.configure(new SinkOptions("kinesis", kinesis.sinkOptions(STREAM))).writeBatch(source);

    List<String> want = new ArrayList<>();
    for (Row r : source.collectAsList()) {
      want.add(r.getLong(r.fieldIndex("row_index")) + "|" + r.getBoolean(r.fieldIndex("is_duplicate")) + "|"
          + r.getString(r.fieldIndex("partition_key")) + "|" + Arrays.toString((byte[]) r.get(r.fieldIndex("serialized_payload"))));
    }
    source.unpersist();

    List<Shard> shards = kinesis.client().listShards(ListShardsRequest.builder().streamName(STREAM).build()).shards();
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    List<String> got = new ArrayList<>();
    Set<Long> originals = new HashSet<>();
    long duplicates = 0;
    long routedAwayFromTheSentKey = 0;
    for (ShardReader.Stored s : ShardReader.readAll(kinesis.client(), STREAM)) {
      String key = s.partitionKey;
      boolean duplicate = key.endsWith("|dup");
      String rest = duplicate ? key.substring(0, key.length() - "|dup".length()) : key;
      String original = rest.substring(0, rest.lastIndexOf('|'));
      long rowIndex = Long.parseLong(rest.substring(rest.lastIndexOf('|') + 1));
      got.add(rowIndex + "|" + duplicate + "|" + original + "|" + Arrays.toString(s.data));

      assertThat(rowIndex).isBetween(0L, ROWS - 1);
      if (duplicate) {
        duplicates++;
      } else {
        assertThat(originals.add(rowIndex)).as("row %d written once", rowIndex).isTrue();
      }
      BigInteger originalHash = new BigInteger(1, md5.digest(original.getBytes(StandardCharsets.UTF_8)));
      assertThat(s.shardId).as("shard of key %s", key).isEqualTo(shardOf(shards, originalHash));
      BigInteger sentHash = new BigInteger(1, md5.digest(key.getBytes(StandardCharsets.UTF_8)));
      routedAwayFromTheSentKey += shardOf(shards, sentHash).equals(s.shardId) ? 0 : 1;
    }
    Collections.sort(want);
    Collections.sort(got);
    assertThat(got).isEqualTo(want);

    // Drops and duplicates each a share of 0.1 of 3,000 rows: 300 +- 5 sigma (sqrt(3000 * 0.1 * 0.9) = 16.4,
    // 82); the first 100 rows' duplicates (about 10) may find nothing earlier to copy.
    long dropped = ROWS - originals.size() - duplicates;
    assertThat(dropped).isBetween(300L - 82, 300L + 82);
    assertThat(duplicates).isBetween(300L - 82 - 10, 300L + 82);
    // Had the emulator hashed the key it was sent, 3 in 4 records would sit on another shard of the 4
    // (uniform MD5): this many routed by the explicit hash key shows the emulator honoured it.
    assertThat(routedAwayFromTheSentKey).isGreaterThan(got.size() / 2);
  }

  private static String shardOf(List<Shard> shards, BigInteger hash) {
    for (Shard s : shards) {
      if (s.sequenceNumberRange().endingSequenceNumber() == null
          && hash.compareTo(new BigInteger(s.hashKeyRange().startingHashKey())) >= 0
          && hash.compareTo(new BigInteger(s.hashKeyRange().endingHashKey())) <= 0) {
        return s.shardId();
      }
    }
    throw new AssertionError("no open shard holds hash key " + hash);
  }
}
