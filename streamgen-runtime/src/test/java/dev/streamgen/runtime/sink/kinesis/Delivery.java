package dev.streamgen.runtime.sink.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a stream's content against the rows {@link TestEvents#unified} wrote. */
final class Delivery {
  private Delivery() {}

  /**
   * Every id in [fromId, toId) stored exactly once, with its partition key and exact payload bytes,
   * so the counts per event type are those of the input.
   */
  static void assertExactlyOnce(List<ShardReader.Stored> stored, long fromId, long toId) {
    Map<Long, Integer> seen = new HashMap<>();
    Map<String, Long> typeCounts = new HashMap<>();
    for (ShardReader.Stored s : stored) {
      long id = TestEvents.idOf(s.data);
      seen.merge(id, 1, Integer::sum);
      assertThat(s.partitionKey).as("partition key of id %d", id).isEqualTo(TestEvents.partitionKey(id));
      assertThat(s.data).as("payload of id %d", id).isEqualTo(TestEvents.payload(id));
      typeCounts.merge(TestEvents.eventType(id), 1L, Long::sum);
    }
    Map<Long, Integer> duplicates = new HashMap<>();
    seen.forEach((id, n) -> {
      if (n > 1) {
        duplicates.put(id, n);
      }
    });
    assertThat(duplicates).as("ids stored more than once").isEmpty();
    long missing = 0;
    for (long id = fromId; id < toId; id++) {
      if (!seen.containsKey(id)) {
        missing++;
      }
    }
    assertThat(missing).as("ids never stored").isZero();
    assertThat(stored).hasSize((int) (toId - fromId));
    assertThat(typeCounts).isEqualTo(KinesisBatchWriteTest.expectedTypeCounts(fromId, toId));
  }
}
