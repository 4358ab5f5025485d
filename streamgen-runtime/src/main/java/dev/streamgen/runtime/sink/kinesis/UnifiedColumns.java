package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.io.Serializable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where the writer finds its inputs in a row: the unified stream's partition key and payload
 * (required), its event type (optional, only used to name the type in error messages) and the
 * ground truth columns (present with {@code faults.ground_truth}; {@link GroundTruthKey}).
 * Resolved once from the write's schema, so a wrong input fails when the write is planned.
 */
final class UnifiedColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  final int eventType;
  final int partitionKey;
  final int payload;
  /** The row index column, or -1 without ground truth. */
  final int rowIndex;
  /** The duplicate flag column, or -1 without ground truth. */
  final int isDuplicate;

  private UnifiedColumns(int eventType, int partitionKey, int payload, int rowIndex, int isDuplicate) {
    this.eventType = eventType;
    this.partitionKey = partitionKey;
    this.payload = payload;
    this.rowIndex = rowIndex;
    this.isDuplicate = isDuplicate;
  }

  static UnifiedColumns of(StructType schema) {
    int key = required(schema, UnifiedStream.PARTITION_KEY, DataTypes.StringType);
    int payload = required(schema, UnifiedStream.SERIALIZED_PAYLOAD, DataTypes.BinaryType);
    int type = -1;
    if (schema.getFieldIndex(UnifiedStream.EVENT_TYPE_ID).isDefined()) {
      type = required(schema, UnifiedStream.EVENT_TYPE_ID, DataTypes.StringType);
    }
    boolean groundTruth =
        schema.getFieldIndex(UnifiedStream.ROW_INDEX).isDefined() && schema.getFieldIndex(UnifiedStream.IS_DUPLICATE).isDefined();
    return new UnifiedColumns(type, key, payload,
        groundTruth ? required(schema, UnifiedStream.ROW_INDEX, DataTypes.LongType) : -1,
        groundTruth ? required(schema, UnifiedStream.IS_DUPLICATE, DataTypes.BooleanType) : -1);
  }

  private static int required(StructType schema, String name, DataType type) {
    if (!schema.getFieldIndex(name).isDefined()) {
      throw KinesisErrors.missingColumn(name, type.simpleString(), schema.fieldNames());
    }
    int i = (Integer) schema.getFieldIndex(name).get();
    DataType actual = schema.fields()[i].dataType();
    if (!actual.equals(type)) {
      throw KinesisErrors.wrongColumnType(name, type.simpleString(), actual.simpleString());
    }
    return i;
  }
}
