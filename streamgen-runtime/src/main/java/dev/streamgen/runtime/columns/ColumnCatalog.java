package dev.streamgen.runtime.columns;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import org.apache.spark.sql.Column;

/**
 * Spark Column expressions for the fields of each event type of a {@link Catalog}: the same values
 * the kernels write, computed by Spark SQL (typed per-type DataFrames, and the union strategy the
 * seed uses, for comparison). Generated catalogs implement it.
 */
public interface ColumnCatalog {

  /**
   * The columns of event type {@code typeIndex}, one per field in {@link EventKernel#fieldNames()}
   * order, each aliased to its field name. {@code row} is a LONG row index column, {@code
   * eventTimeMicros} a LONG column of microseconds since the epoch; for every row the values equal
   * what {@link EventKernel#write} serializes.
   */
  Column[] columns(int typeIndex, long seed, Column row, Column eventTimeMicros);
}
