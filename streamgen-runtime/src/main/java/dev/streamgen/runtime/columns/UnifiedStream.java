package dev.streamgen.runtime.columns;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The one schema every sink receives: one row per event, any type, payload already serialized. */
public final class UnifiedStream {
  public static final String EVENT_TYPE_ID = "event_type_id";
  public static final String TIMESTAMP = "timestamp";
  public static final String PARTITION_KEY = "partition_key";
  public static final String SERIALIZED_PAYLOAD = "serialized_payload";
  /** Ground truth (opt-in, {@code faults.ground_truth}): the row's index; a duplicate's is its original's. */
  public static final String ROW_INDEX = "row_index";
  /** Ground truth: true on a duplicate emitted on purpose. */
  public static final String IS_DUPLICATE = "is_duplicate";

  public static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(EVENT_TYPE_ID, DataTypes.StringType, false),
            DataTypes.createStructField(TIMESTAMP, DataTypes.TimestampType, false),
            DataTypes.createStructField(PARTITION_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(SERIALIZED_PAYLOAD, DataTypes.BinaryType, false)
          });

  /** {@link #SCHEMA} with a nullable payload: a catalog with tombstones (a change stream's rows after deletes). */
  public static final StructType SCHEMA_WITH_TOMBSTONES =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(EVENT_TYPE_ID, DataTypes.StringType, false),
            DataTypes.createStructField(TIMESTAMP, DataTypes.TimestampType, false),
            DataTypes.createStructField(PARTITION_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(SERIALIZED_PAYLOAD, DataTypes.BinaryType, true)
          });

  /** {@link #SCHEMA} followed by the ground-truth columns {@link #ROW_INDEX} and {@link #IS_DUPLICATE}. */
  public static final StructType SCHEMA_WITH_GROUND_TRUTH = withGroundTruth(SCHEMA);

  private UnifiedStream() {}

  /**
   * The schema of a source: the payload nullable only when some rows are tombstones, the ground-truth
   * columns only when asked for.
   */
  public static StructType schema(boolean tombstones, boolean groundTruth) {
    StructType base = tombstones ? SCHEMA_WITH_TOMBSTONES : SCHEMA;
    return groundTruth ? withGroundTruth(base) : base;
  }

  private static StructType withGroundTruth(StructType base) {
    return base
        .add(DataTypes.createStructField(ROW_INDEX, DataTypes.LongType, false))
        .add(DataTypes.createStructField(IS_DUPLICATE, DataTypes.BooleanType, false));
  }
}
