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

  public static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(EVENT_TYPE_ID, DataTypes.StringType, false),
            DataTypes.createStructField(TIMESTAMP, DataTypes.TimestampType, false),
            DataTypes.createStructField(PARTITION_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(SERIALIZED_PAYLOAD, DataTypes.BinaryType, false)
          });

  private UnifiedStream() {}
}
