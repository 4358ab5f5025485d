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

  /** {@link #SCHEMA} with a nullable payload: a catalog with tombstones (a change stream's rows after deletes). */
  public static final StructType SCHEMA_WITH_TOMBSTONES =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(EVENT_TYPE_ID, DataTypes.StringType, false),
            DataTypes.createStructField(TIMESTAMP, DataTypes.TimestampType, false),
            DataTypes.createStructField(PARTITION_KEY, DataTypes.StringType, false),
            DataTypes.createStructField(SERIALIZED_PAYLOAD, DataTypes.BinaryType, true)
          });

  /** The schema of a catalog's unified stream: the payload is nullable only when some rows are tombstones. */
  public static StructType schema(boolean tombstones) {
    return tombstones ? SCHEMA_WITH_TOMBSTONES : SCHEMA;
  }

  private UnifiedStream() {}
}
