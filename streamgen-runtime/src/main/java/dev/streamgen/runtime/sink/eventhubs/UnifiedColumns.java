package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Where the unified stream's columns sit in the rows the writer gets; checked at planning time. */
final class UnifiedColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  final int eventTypeId;
  final int partitionKey;
  final int payload;
  /** Ground truth ({@code faults.ground_truth}): the row index column, or -1 without. */
  final int rowIndex;
  /** Ground truth: the duplicate flag column, or -1 without. */
  final int isDuplicate;

  private UnifiedColumns(int eventTypeId, int partitionKey, int payload, int rowIndex, int isDuplicate) {
    this.eventTypeId = eventTypeId;
    this.partitionKey = partitionKey;
    this.payload = payload;
    this.rowIndex = rowIndex;
    this.isDuplicate = isDuplicate;
  }

  static UnifiedColumns of(StructType schema) {
    boolean groundTruth =
        Arrays.asList(schema.fieldNames()).contains(UnifiedStream.ROW_INDEX)
            && Arrays.asList(schema.fieldNames()).contains(UnifiedStream.IS_DUPLICATE);
    return new UnifiedColumns(
        index(schema, UnifiedStream.EVENT_TYPE_ID, DataTypes.StringType),
        index(schema, UnifiedStream.PARTITION_KEY, DataTypes.StringType),
        index(schema, UnifiedStream.SERIALIZED_PAYLOAD, DataTypes.BinaryType),
        groundTruth ? index(schema, UnifiedStream.ROW_INDEX, DataTypes.LongType) : -1,
        groundTruth ? index(schema, UnifiedStream.IS_DUPLICATE, DataTypes.BooleanType) : -1);
  }

  private static int index(StructType schema, String name, DataType type) {
    int i = Arrays.asList(schema.fieldNames()).indexOf(name);
    if (i < 0 || !schema.fields()[i].dataType().equals(type)) {
      throw EventHubsErrors.missingColumn(name, type.simpleString(), schema);
    }
    return i;
  }
}
