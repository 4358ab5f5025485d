package dev.streamgen.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Delivery faults read straight from the source, checked through the ground truth: shares within 5
 * sigma of the declared ones, delays within their declared distribution, duplicates equal to their
 * original byte for byte, the same rows for any partition count. Expected values come from the
 * declared shares and the event-time formula (row i at START + i * 1e6 / rate), never from Faults.
 */
class FaultsSourceTest {
  private static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
  private static final long RATE = 1000;
  private static final String QUICKSTART = QuickstartTestCatalog.class.getName();
  private static final int ROWS = 200_000;
  private static final int WINDOW = 50;
  private static final String ALL_FAULTS =
      "late_share=0.1,late_min_seconds=30,late_max_seconds=600,out_of_order_share=0.1,"
          + "out_of_order_window_seconds=5,duplicate_share=0.05,duplicate_window_rows=" + WINDOW
          + ",drop_share=0.05,ground_truth=true";

  private static List<Row> read(long rows, int partitions, String faults) {
    DataFrameReader r =
        SharedSpark.session()
            .read()
            .format("streamgen")
            .option("catalog", QUICKSTART)
            .option("rows", rows)
            .option("rowsPerSecond", RATE)
            .option("startTimeMicros", START)
            .option("seed", 7)
            .option("partitions", partitions)
            .option("faults", faults);
    return r.load().collectAsList();
  }

  /** Event time of row {@code i} without faults: the documented formula. */
  private static long expectedMicros(long i) {
    return START + i * 1_000_000L / RATE;
  }

  private static long micros(Row r) {
    Timestamp t = r.getTimestamp(1);
    return Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000;
  }

  /** Within 5 sigma of a binomial count over {@code n} trials of probability {@code p}, plus {@code slack}. */
  private static void assertBinomial(String what, long count, long n, double p, double slack) {
    double sigma = Math.sqrt(n * p * (1 - p));
    assertThat((double) count).as(what + " (expected %.0f, 5 sigma %.0f)", n * p, 5 * sigma)
        .isBetween(n * p - 5 * sigma - slack, n * p + 5 * sigma + slack);
  }

  @Test
  void schemaHasTheGroundTruthColumnsOnlyWhenAskedFor() {
    assertThat(SharedSpark.session().read().format("streamgen").option("catalog", QUICKSTART).option("rows", 1)
            .option("faults", "ground_truth=true").load().schema())
        .isEqualTo(UnifiedStream.SCHEMA_WITH_GROUND_TRUTH);
    assertThat(UnifiedStream.SCHEMA_WITH_GROUND_TRUTH.fieldNames())
        .containsExactly("event_type_id", "timestamp", "partition_key", "serialized_payload", "row_index", "is_duplicate");
    assertThat(SharedSpark.session().read().format("streamgen").option("catalog", QUICKSTART).option("rows", 1)
            .option("faults", "late_share=0.5").load().schema())
        .isEqualTo(UnifiedStream.SCHEMA);
  }

  @Test
  void sharesDelaysAndDuplicatesFollowTheDeclaration() throws IOException {
    List<Row> rows = read(ROWS, 3, ALL_FAULTS);
    ObjectMapper json = new ObjectMapper();
    long duplicates = 0;
    long late = 0;
    long outOfOrder = 0;
    double lateDelaySum = 0;
    Map<Long, Row> originals = new HashMap<>();
    Map<Long, Integer> positionOf = new HashMap<>();
    long previous = -1;
    for (int pos = 0; pos < rows.size(); pos++) {
      Row r = rows.get(pos);
      long index = r.getLong(4);
      boolean duplicate = r.getBoolean(5);
      // The payload's event time is the row's timestamp, late or not.
      assertThat(json.readTree((byte[]) r.get(3)).get("event_time_micros").asLong()).isEqualTo(micros(r));
      if (duplicate) {
        duplicates++;
        Row original = originals.get(index);
        assertThat(original).as("the original of duplicate %s comes first", index).isNotNull();
        assertThat(original.getString(0)).isEqualTo(r.getString(0));
        assertThat(original.getTimestamp(1)).isEqualTo(r.getTimestamp(1));
        assertThat(original.getString(2)).isEqualTo(r.getString(2));
        assertThat((byte[]) original.get(3)).isEqualTo((byte[]) r.get(3));
        // Re-emitted within the window: at most WINDOW rows after, counting the dropped ones.
        assertThat(pos - positionOf.get(index)).isBetween(1, WINDOW);
        continue;
      }
      assertThat(index).as("originals come in row order, each once").isGreaterThan(previous);
      previous = index;
      originals.put(index, r);
      positionOf.put(index, pos);
      long delay = expectedMicros(index) - micros(r);
      if (delay >= 30_000_000L) {
        assertThat(delay).isLessThanOrEqualTo(600_000_000L);
        late++;
        lateDelaySum += delay / 1e6;
      } else if (delay > 0) {
        assertThat(delay).isLessThanOrEqualTo(5_000_000L);
        outOfOrder++;
      } else {
        assertThat(delay).isZero();
      }
    }
    // Each row index gives one row or none (a duplicate takes the place of its own index).
    long dropped = ROWS - rows.size();
    assertBinomial("dropped", dropped, ROWS, 0.05, 0);
    // A duplicate among the first WINDOW rows may find nothing earlier to copy and stay an original.
    assertBinomial("duplicates", duplicates, ROWS, 0.05, WINDOW);
    assertBinomial("late", late, ROWS, 0.1, 0);
    // An out-of-order shift can round to 0 microseconds (u < 2e-7): far below one row here.
    assertBinomial("out of order", outOfOrder, ROWS, 0.1, 1);
    // Uniform 30..600 s: mean 315 s, standard deviation 570 / sqrt(12) s per delay.
    double sigma = 570 / Math.sqrt(12) / Math.sqrt(late);
    assertThat(lateDelaySum / late).isBetween(315 - 5 * sigma, 315 + 5 * sigma);
  }

  @Test
  void exponentialDelaysHaveTheDeclaredMean() {
    List<Row> rows = read(100_000, 2, "late_share=0.2,late_delay=exponential,late_mean_seconds=120,ground_truth=true");
    long late = 0;
    double sum = 0;
    for (Row r : rows) {
      long delay = expectedMicros(r.getLong(4)) - micros(r);
      assertThat(delay).isNotNegative();
      if (delay > 0) {
        late++;
        sum += delay / 1e6;
      }
    }
    assertBinomial("late", late, 100_000, 0.2, 1);
    // Exponential: the standard deviation equals the mean.
    double sigma = 120 / Math.sqrt(late);
    assertThat(sum / late).isBetween(120 - 5 * sigma, 120 + 5 * sigma);
  }

  @Test
  void sameRowsForOneAndThreePartitions() {
    List<Row> one = read(20_000, 1, ALL_FAULTS);
    List<Row> three = read(20_000, 3, ALL_FAULTS);
    assertThat(three).isEqualTo(one);
    // Without the ground truth the rows are the same, less the two columns.
    List<Row> plain = read(20_000, 3, ALL_FAULTS.replace("ground_truth=true", "ground_truth=false"));
    assertThat(plain).hasSameSizeAs(one);
    for (int i = 0; i < plain.size(); i += 997) {
      assertThat(Arrays.asList(plain.get(i).getString(0), plain.get(i).getTimestamp(1), plain.get(i).getString(2)))
          .isEqualTo(Arrays.asList(one.get(i).getString(0), one.get(i).getTimestamp(1), one.get(i).getString(2)));
    }
  }

  @Test
  void aRowReadInAnyOrderIsTheSame() {
    // Row i's fate and content do not depend on what the reader wrote before: read backwards.
    GenerationPlan plan =
        GenerationPlan.resolve(SourceOptions.builder().catalog(QUICKSTART).seed(7).faults(ALL_FAULTS).build());
    EventRowWriter forward = new EventRowWriter(plan);
    EventRowWriter backward = new EventRowWriter(plan);
    int n = 2_000;
    Object[] ahead = new Object[n];
    for (int i = 0; i < n; i++) {
      org.apache.spark.sql.catalyst.expressions.UnsafeRow r = forward.write(i, START);
      ahead[i] = r == null ? null : r.copy();
    }
    for (int i = n - 1; i >= 0; i--) {
      org.apache.spark.sql.catalyst.expressions.UnsafeRow r = backward.write(i, START);
      assertThat(r == null ? null : r.copy()).as("row %s", i).isEqualTo(ahead[i]);
    }
  }

  @Test
  void badFaultsAreRejectedWithTheSettingsWords() {
    assertThatThrownBy(() -> SourceOptions.builder().faults("late_share=1.5"))
        .hasMessage("streamgen option 'faults' = 'late_share=1.5': '1.5' is not valid for faults.late_share:"
            + " expected a number from 0 to 1, such as 0.05, e.g. .option(\"faults\", \"late_share=0.05,late_max_seconds=600\")");
    assertThatThrownBy(() -> SourceOptions.builder().faults("late_shar=0.1"))
        .hasMessage("streamgen option 'faults' = 'late_shar=0.1': unknown fault 'late_shar'; did you mean 'late_share'?;"
            + " write name=value pairs joined by commas, e.g. .option(\"faults\", \"late_share=0.05,late_max_seconds=600\")");
    assertThatThrownBy(() -> SourceOptions.builder().faults("drop_share=0.6,duplicate_share=0.5"))
        .hasMessage("streamgen option 'faults' = 'drop_share=0.6,duplicate_share=0.5': faults: the shares add up to 1.1"
            + " (duplicate_share 0.5 + drop_share 0.6), more than 1: a row is late, out of order, a duplicate or"
            + " dropped, not several, e.g. .option(\"faults\", \"late_share=0.05,late_max_seconds=600\")");
  }
}
