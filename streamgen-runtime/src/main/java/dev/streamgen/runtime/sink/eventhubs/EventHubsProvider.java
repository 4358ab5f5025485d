package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code format("streamgen-eventhubs")}: writes a unified DataFrame or stream to Azure Event Hubs over
 * AMQP with the Azure SDK. Options are the sink_config keys of {@link EventHubsOptions}.
 */
public final class EventHubsProvider implements TableProvider, DataSourceRegister {
  public static final String SHORT_NAME = "streamgen-eventhubs";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return UnifiedStream.SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new EventHubsTable();
  }
}
