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

  /** {@link #SCHEMA} followed by the ground-truth columns {@link #ROW_INDEX} and {@link #IS_DUPLICATE}. */
  public static final StructType SCHEMA_WITH_GROUND_TRUTH =
      SCHEMA
          .add(DataTypes.createStructField(ROW_INDEX, DataTypes.LongType, false))
          .add(DataTypes.createStructField(IS_DUPLICATE, DataTypes.BooleanType, false));

  private UnifiedStream() {}

  /** The schema of a source with or without the ground truth. */
  public static StructType schema(boolean groundTruth) {
    return groundTruth ? SCHEMA_WITH_GROUND_TRUTH : SCHEMA;
  }
}
