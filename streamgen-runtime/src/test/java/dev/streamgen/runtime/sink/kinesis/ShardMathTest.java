package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardMathTest {

  @Test
  void recordRateDecidesForSmallRecords() {
    // 5,000 events/s of 100 bytes = 0.48 MiB/s: the 1,000 records/s per shard limit rules.
    assertThat(ShardMath.requiredShards(5_000, 100)).isEqualTo(5);
    assertThat(ShardMath.requiredShards(5_001, 100)).isEqualTo(6);
  }

  @Test
  void byteRateDecidesForLargeRecords() {
    // 1,000 events/s of 4,096 bytes = 3.9 MiB/s: 4 shards although 1 suffices for the count.
    assertThat(ShardMath.requiredShards(1_000, 4_096)).isEqualTo(4);
    // exactly 1 MiB/s fits one shard
    assertThat(ShardMath.requiredShards(256, 4_096)).isEqualTo(1);
    assertThat(ShardMath.requiredShards(257, 4_096)).isEqualTo(2);
  }

  @Test
  void atLeastOneShard() {
    assertThat(ShardMath.requiredShards(0.5, 10)).isEqualTo(1);
  }

  @Test
  void aMillionEventsPerSecondNeedsAThousandShards() {
    assertThat(ShardMath.requiredShards(1_000_000, 200)).isEqualTo(1_000);
  }

  @Test
  void rejectsRatesThatAreNotPositive() {
    assertThatThrownBy(() -> ShardMath.requiredShards(0, 100))
        .hasMessage("auto_shard_calculation needs a target rate above 0 events/s, got 0.0");
    assertThatThrownBy(() -> ShardMath.requiredShards(Double.NaN, 100))
        .hasMessage("auto_shard_calculation needs a target rate above 0 events/s, got NaN");
    assertThatThrownBy(() -> ShardMath.requiredShards(100, -1))
        .hasMessage(
            "auto_shard_calculation needs an average record size of 0 bytes or more, got -1.0");
  }

  @Test
  void sizesABatchForItsRowsInTheTargetTimeUpToTheLimit() {
    // 60,000 rows in 60 s is 1,000 events/s: one shard; one more row needs a second.
    assertThat(ShardMath.batchShards(60_000, 100, 60)).isEqualTo(1);
    assertThat(ShardMath.batchShards(60_001, 100, 60)).isEqualTo(2);
    // By bytes: 10 MiB of records in 1 s is 10 shards at 1 MiB/s.
    assertThat(ShardMath.batchShards(10, 1024 * 1024, 1)).isEqualTo(10);
    assertThat(ShardMath.batchShards(1, 10, 60)).isEqualTo(1);
    assertThat(ShardMath.batchShards(1_000_000_000L, 200, 60)).isEqualTo(ShardMath.BATCH_SHARD_LIMIT);
    assertThat(ShardMath.batchShards(Long.MAX_VALUE, 200, 1)).isEqualTo(ShardMath.BATCH_SHARD_LIMIT);
  }

  @Test
  void rejectsABatchWithoutRowsOrTime() {
    assertThatThrownBy(() -> ShardMath.batchShards(0, 100, 60))
        .hasMessage(
            "auto_shard_calculation for a batch needs rows and a target time of at least 1, got 0"
                + " rows in 60 s");
    assertThatThrownBy(() -> ShardMath.batchShards(100, 100, 0))
        .hasMessage(
            "auto_shard_calculation for a batch needs rows and a target time of at least 1, got 100"
                + " rows in 0 s");
  }

  @Test
  void growsByAtMostDoublingPerStep() {
    assertThat(ShardMath.resizeSteps(1, 1)).isEmpty();
    assertThat(ShardMath.resizeSteps(1, 2)).containsExactly(2);
    assertThat(ShardMath.resizeSteps(1, 5)).containsExactly(2, 4, 5);
    assertThat(ShardMath.resizeSteps(3, 20)).containsExactly(6, 12, 20);
  }

  @Test
  void shrinksByAtMostHalvingPerStepRoundingUp() {
    assertThat(ShardMath.resizeSteps(8, 1)).containsExactly(4, 2, 1);
    // half of 5 is 2.5: AWS needs at least 3
    assertThat(ShardMath.resizeSteps(5, 2)).containsExactly(3, 2);
    assertThat(ShardMath.resizeSteps(10, 6)).containsExactly(6);
  }
}
