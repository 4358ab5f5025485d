package dev.streamgen.runtime.it;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What the module's tests compare a run's output with: the source read as a batch, row for row. */
final class ItRows {
  private ItRows() {}

  /**
   * The streamgen source read as a batch: rows [0, {@code rows}) of {@code catalog}, row 0 at
   * {@code startMicros} and {@code rowsPerSecond} after it, the payload as text in {@code payload}.
   */
  static Dataset<Row> batch(Class<?> catalog, long rows, long seed, long startMicros, long rowsPerSecond) {
    return ItSpark.session().read().format("streamgen")
        .option("catalog", catalog.getName())
        .option("rows", rows)
        .option("seed", seed)
        .option("startTimeMicros", startMicros)
        .option("rowsPerSecond", rowsPerSecond)
        .load()
        .withColumn("payload", col("serialized_payload").cast("string"));
  }

  /** Fails unless {@code a} and {@code b} hold the same rows, each as many times, in any order. */
  static void assertSameRows(Dataset<Row> a, Dataset<Row> b) {
    assertThat(a.exceptAll(b).count()).as("rows only in the first").isZero();
    assertThat(b.exceptAll(a).count()).as("rows only in the second").isZero();
  }
}
