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

  private UnifiedColumns(int eventTypeId, int partitionKey, int payload) {
    this.eventTypeId = eventTypeId;
    this.partitionKey = partitionKey;
    this.payload = payload;
  }

  static UnifiedColumns of(StructType schema) {
    return new UnifiedColumns(
        index(schema, UnifiedStream.EVENT_TYPE_ID, DataTypes.StringType),
        index(schema, UnifiedStream.PARTITION_KEY, DataTypes.StringType),
        index(schema, UnifiedStream.SERIALIZED_PAYLOAD, DataTypes.BinaryType));
  }

  private static int index(StructType schema, String name, DataType type) {
    int i = Arrays.asList(schema.fieldNames()).indexOf(name);
    if (i < 0 || !schema.fields()[i].dataType().equals(type)) {
      throw EventHubsErrors.missingColumn(name, type.simpleString(), schema);
    }
    return i;
  }
}
