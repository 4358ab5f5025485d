package dev.streamgen.runtime.sink.kinesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arithmetic of Kinesis capacity, free of any AWS call so it can be checked on its own.
 *
 * <p>A provisioned shard takes 1,000 records/s or 1 MiB/s of writes, whichever comes first, where
 * bytes are data plus partition key. UpdateShardCount can at most double or halve the open shards
 * per call, so larger changes go in steps.
 */
public final class ShardMath {
  public static final int RECORDS_PER_SECOND_PER_SHARD = 1000;
  public static final int BYTES_PER_SECOND_PER_SHARD = 1024 * 1024;
  /**
   * The most shards auto-sharding asks for a batch: the smallest default shard quota of an AWS
   * account (200; 500 in a few regions), so a large batch with a short target cannot claim more
   * shards than a fresh account may have. A batch beyond it runs longer; shard_count goes higher.
   */
  public static final int BATCH_SHARD_LIMIT = 200;

  private ShardMath() {}

  /**
   * ceil(max(events/s ÷ 1000, bytes/s ÷ 1 MiB)), at least 1, where bytes/s = events/s × average
   * record bytes (data + partition key).
   */
  public static int requiredShards(double eventsPerSecond, double averageRecordBytes) {
    double shards = shards(eventsPerSecond, averageRecordBytes);
    if (shards > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "auto_shard_calculation: " + eventsPerSecond + " events/s of " + averageRecordBytes
              + " bytes needs more shards than one stream can have; lower the rate");
    }
    return Math.max(1, (int) shards);
  }

  /**
   * Shards for a batch of {@code totalRows} to be written in {@code targetSeconds}: the formula of
   * {@link #requiredShards} at totalRows ÷ targetSeconds events/s, at least 1 and at most {@link
   * #BATCH_SHARD_LIMIT}.
   * A batch has no rate of its own; without a target it would write as fast as whatever stream
   * exists allows.
   */
  public static int batchShards(long totalRows, double averageRecordBytes, long targetSeconds) {
    if (totalRows < 1 || targetSeconds < 1) {
      throw new IllegalArgumentException(
          "auto_shard_calculation for a batch needs rows and a target time of at least 1, got "
              + totalRows + " rows in " + targetSeconds + " s");
    }
    double shards = shards((double) totalRows / targetSeconds, averageRecordBytes);
    return Math.max(1, (int) Math.min(BATCH_SHARD_LIMIT, shards));
  }

  /** ceil(max(events/s ÷ 1000, bytes/s ÷ 1 MiB)), unbounded. */
  private static double shards(double eventsPerSecond, double averageRecordBytes) {
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException(
          "auto_shard_calculation needs a target rate above 0 events/s, got " + eventsPerSecond);
    }
    if (!(averageRecordBytes >= 0) || Double.isInfinite(averageRecordBytes)) {
      throw new IllegalArgumentException(
          "auto_shard_calculation needs an average record size of 0 bytes or more, got "
              + averageRecordBytes);
    }
    double byRecords = eventsPerSecond / RECORDS_PER_SECOND_PER_SHARD;
    double byBytes = eventsPerSecond * averageRecordBytes / BYTES_PER_SECOND_PER_SHARD;
    return Math.ceil(Math.max(byRecords, byBytes));
  }

  /**
   * The shard counts to pass to UpdateShardCount, in order, to go from {@code current} to {@code
   * target} open shards: each step at most doubles, or at least halves (rounding up, as AWS
   * requires a target of at least half the current count). Empty when nothing changes.
   */
  public static List<Integer> resizeSteps(int current, int target) {
    if (current < 1 || target < 1) {
      throw new IllegalArgumentException(
          "shard counts must be at least 1, got current " + current + " target " + target);
    }
    List<Integer> steps = new ArrayList<>();
    long c = current;
    while (c < target) {
      c = Math.min(2 * c, target);
      steps.add((int) c);
    }
    while (c > target) {
      c = Math.max(target, (c + 1) / 2);
      steps.add((int) c);
    }
    return Collections.unmodifiableList(steps);
  }
}
