package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.settings.KinesisKeys;
import dev.streamgen.runtime.columns.UnifiedStream;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code format("streamgen-kinesis")}: writes the unified stream to a Kinesis data stream, in
 * batch ({@code df.write().mode("append")}) and streaming ({@code df.writeStream()}). Options are
 * the {@code sink_config} keys of {@link KinesisKeys}; docs/sinks.md lists them.
 */
public final class KinesisSinkProvider implements TableProvider, DataSourceRegister {
  public static final String SHORT_NAME = "streamgen-kinesis";

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
    // Options are validated when the write is built: that is where a wrong one can be named.
    CaseInsensitiveStringMap options = new CaseInsensitiveStringMap(properties);
    return new KinesisTable(options.get(KinesisKeys.STREAM_NAME.name()));
  }
}
