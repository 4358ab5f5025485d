package dev.streamgen.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.it.cdc.CdcCatalog;
import dev.streamgen.it.sessions.SessionsCatalog;
import dev.streamgen.it.webshopkafka.WebshopKafkaCatalog;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Faults over generated catalogs whose rows depend on earlier rows (sessions walk a per-thread cursor,
 * change streams a member's history): a duplicate re-generates an earlier row, so the readers jump
 * back. Whatever the jumps, every original row is the row the catalog gives without faults (same type,
 * key and, where its event time did not move, payload bytes), every duplicate equals its original,
 * and one partition and three give the same rows.
 */
class FaultsKeyedCatalogsTest {
  private static final long START = 1_767_225_600_000_000L;
  private static final String FAULTS =
      "late_share=0.05,out_of_order_share=0.05,duplicate_share=0.1,duplicate_window_rows=2000,drop_share=0.05,ground_truth=true";

  private static List<Row> read(Class<?> catalog, int partitions, String faults) {
    return ItSpark.session().read().format("streamgen")
        .option("catalog", catalog.getName())
        .option("rows", 30_000)
        .option("seed", 4)
        .option("startTimeMicros", START)
        .option("partitions", partitions)
        .option("faults", faults)
        .load()
        .collectAsList();
  }

  @Test
  void sessions() {
    check(SessionsCatalog.class);
  }

  @Test
  void changeStreams() {
    check(CdcCatalog.class);
  }

  @Test
  void sessionsAndChangeStreamsDealtByLane() {
    check(WebshopKafkaCatalog.class);
  }

  private static void check(Class<?> catalog) {
    List<Row> plain = read(catalog, 1, "ground_truth=true");
    List<Row> one = read(catalog, 1, FAULTS);
    List<Row> three = read(catalog, 3, FAULTS);
    assertThat(three).as("1 vs 3 partitions").containsExactlyInAnyOrderElementsOf(one);

    Map<Long, Row> byIndex = new HashMap<>();
    for (Row r : plain) {
      byIndex.put(r.getLong(4), r);
    }
    Map<Long, Row> originals = new HashMap<>();
    long duplicates = 0;
    long samePayload = 0;
    for (Row r : one) {
      if (r.getBoolean(5)) {
        continue;
      }
      Row want = byIndex.get(r.getLong(4));
      assertThat(r.getString(0)).as("type of row %s", r.getLong(4)).isEqualTo(want.getString(0));
      assertThat(r.getString(2)).as("key of row %s", r.getLong(4)).isEqualTo(want.getString(2));
      if (r.getTimestamp(1).equals(want.getTimestamp(1))) {
        assertThat((byte[]) r.get(3)).as("payload of row %s", r.getLong(4)).isEqualTo((byte[]) want.get(3));
        samePayload++;
      }
      assertThat(originals.put(r.getLong(4), r)).isNull();
    }
    for (Row r : one) {
      if (r.getBoolean(5)) {
        duplicates++;
        Row original = originals.get(r.getLong(4));
        assertThat(original).isNotNull();
        assertThat(Arrays.asList(r.getString(0), r.getTimestamp(1), r.getString(2)))
            .isEqualTo(Arrays.asList(original.getString(0), original.getTimestamp(1), original.getString(2)));
        assertThat((byte[]) r.get(3)).isEqualTo((byte[]) original.get(3));
      }
    }
    // Shares are checked within 5 sigma elsewhere (FaultsSourceTest); here only that each kind occurs.
    assertThat(duplicates).isPositive();
    assertThat(samePayload).isGreaterThan(originals.size() / 2);
    assertThat(originals.size()).isLessThan(30_000 - (int) duplicates + 1);
  }
}
