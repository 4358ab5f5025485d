package dev.streamgen.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import java.util.List;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Faults declared as settings ({@code --set faults.*}) through the job to a Delta table: the ground
 * truth comes back as columns, the summary counts the drops and duplicates the table shows, and bad
 * values stop the run before Spark with the setting's origin.
 */
class FaultsJobTest {
  private final JobConsole job = new JobConsole();

  private static final String[] FAULTS = {
    "--set", "faults.drop_share=0.1",
    "--set", "faults.duplicate_share=0.1",
    "--set", "faults.late_share=0.2",
    "--set", "faults.late_max_seconds=300",
    "--set", "faults.ground_truth=true",
  };

  @Test
  void groundTruthLandsInDeltaAndTheSummaryCountsTheFaults() {
    String path = SharedSpark.tempDir("job-faults") + "/events";
    String[] args = concat(
        new String[] {"--rows", "20000", "--seed", "3", "--set", "sink_config.type=delta", "--set", "sink_config.path=" + path},
        FAULTS);
    assertThat(job.run(args)).as(job.err()).isZero();

    Dataset<Row> table = SharedSpark.session().read().format("delta").load(path);
    assertThat(table.columns())
        .containsExactly("event_type_id", "timestamp", "partition_key", "serialized_payload", "row_index", "is_duplicate");
    long written = table.count();
    long duplicates = table.where("is_duplicate").count();
    long originals = table.where("not is_duplicate").select("row_index").distinct().count();
    assertThat(originals).as("each original once").isEqualTo(written - duplicates);
    // Each row index gives one row or none (a duplicate takes the place of its own index).
    long dropped = 20_000 - written;
    // Both shares 0.1 of 20,000 rows: within 5 sigma (sqrt(20000 * 0.1 * 0.9) = 42.4), plus the first
    // duplicate_window_rows (1000) rows' duplicates, which may find nothing earlier (at most 0.1 * 1000 of them expected).
    assertThat(dropped).isBetween(2000L - 212, 2000L + 212);
    assertThat(duplicates).isBetween(2000L - 212 - 150, 2000L + 212);
    // Every duplicate's row_index is an original in the table, with the same type, time, key and bytes.
    Dataset<Row> d = table.where("is_duplicate").alias("d");
    Dataset<Row> o = table.where("not is_duplicate").alias("o");
    Column same = col("d.row_index").equalTo(col("o.row_index"));
    for (String c : new String[] {"event_type_id", "timestamp", "partition_key", "serialized_payload"}) {
      same = same.and(col("d." + c).equalTo(col("o." + c)));
    }
    assertThat(d.join(o, same).count()).isEqualTo(duplicates);

    String summary = job.out();
    assertThat(summary)
        .contains("[streamgen] done: " + String.format("%,d", written) + " rows in ")
        .contains("[streamgen] faults: " + String.format("%,d", dropped) + " rows dropped on purpose (not written), "
            + String.format("%,d", duplicates) + " duplicates written on purpose (counted in the rows above)");

    // The same settings read as a DataFrame give the table's rows (event times, in the payload too,
    // start at each run's clock).
    String[] columns = {"row_index", "is_duplicate", "event_type_id", "partition_key"};
    List<Row> direct = StreamGen.batch(SharedSpark.session(), QuickstartTestCatalog.class,
            StreamGen.settings(QuickstartTestCatalog.class, "batch_config.total_rows=20000", "seed=3",
                "faults.drop_share=0.1", "faults.duplicate_share=0.1", "faults.late_share=0.2",
                "faults.late_max_seconds=300", "faults.ground_truth=true"))
        .selectExpr(columns).orderBy("row_index", "is_duplicate").collectAsList();
    assertThat(table.selectExpr(columns).orderBy("row_index", "is_duplicate").collectAsList()).isEqualTo(direct);
  }

  @Test
  void badFaultSettingsStopTheRunWithTheirOrigin() {
    assertThat(job.run("--rows", "10", "--set", "faults.late_share=0.7", "--set", "faults.drop_share=0.4")).isEqualTo(2);
    assertThat(job.err())
        .isEqualTo("streamgen: --set faults.drop_share: faults: the shares add up to 1.1 (late_share 0.7 + drop_share 0.4),"
            + " more than 1: a row is late, out of order, a duplicate or dropped, not several\n");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
