package dev.streamgen.runtime.sink.kinesis;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads every record of every shard (open and closed) from the start, with the plain AWS SDK. */
final class ShardReader {
  private ShardReader() {}

  /** One record as stored: where, its key and its data. */
  static final class Stored {
    final String shardId;
    final String partitionKey;
    final byte[] data;

    Stored(String shardId, String partitionKey, byte[] data) {
      this.shardId = shardId;
      this.partitionKey = partitionKey;
      this.data = data;
    }
  }

  static List<Stored> readAll(KinesisClient client, String stream) {
    List<Shard> shards = new ArrayList<>();
    String next = null;
    do {
      ListShardsResponse r =
          client.listShards(
              next == null
                  ? ListShardsRequest.builder().streamName(stream).build()
                  : ListShardsRequest.builder().nextToken(next).build());
      shards.addAll(r.shards());
      next = r.nextToken();
    } while (next != null);

    List<Stored> out = new ArrayList<>();
    for (Shard shard : shards) {
      String iterator =
          client
              .getShardIterator(
                  GetShardIteratorRequest.builder()
                      .streamName(stream)
                      .shardId(shard.shardId())
                      .shardIteratorType(ShardIteratorType.TRIM_HORIZON)
                      .build())
              .shardIterator();
      while (iterator != null) {
        GetRecordsResponse r =
            client.getRecords(GetRecordsRequest.builder().shardIterator(iterator).limit(10_000).build());
        for (Record rec : r.records()) {
          out.add(new Stored(shard.shardId(), rec.partitionKey(), rec.data().asByteArray()));
        }
        if (r.records().isEmpty()) {
          // The emulator holds everything already: an empty page is the end of the shard.
          break;
        }
        iterator = r.nextShardIterator();
      }
    }
    return out;
  }
}
