package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.Sink;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.kafka.KafkaSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code sink_config.type: eventhubs}. {@code protocol: amqp} (default) writes with our
 * {@code streamgen-eventhubs} data source over the Azure SDK; {@code protocol: kafka} writes with
 * the Kafka sink (Spark's Kafka writer) to the hub's Kafka endpoint. Options are validated before the write starts.
 */
public final class EventHubsSink implements Sink {
  public static final String TYPE = "eventhubs";

  @Override
  public void validate(SinkOptions options) {
    EventHubsOptions parsed = EventHubsOptions.parse(options.asMap());
    if (parsed.protocol() == EventHubsOptions.Protocol.KAFKA) {
      new KafkaSink().validate(EventHubsKafkaEndpoint.kafkaSinkOptions(parsed));
    }
  }

  @Override
  public String destination(SinkOptions options) {
    return EventHubsOptions.parse(options.asMap()).describe();
  }

  @Override
  public void writeBatch(Dataset<Row> unified, SinkOptions options) {
    EventHubsOptions parsed = EventHubsOptions.parse(options.asMap());
    if (parsed.protocol() == EventHubsOptions.Protocol.KAFKA) {
      new KafkaSink().writeBatch(unified, EventHubsKafkaEndpoint.kafkaSinkOptions(parsed));
    } else {
      unified
          .write()
          .format(EventHubsProvider.SHORT_NAME)
          .options(dataSourceOptions(options))
          .mode(SaveMode.Append)
          .save();
    }
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, SinkOptions options, String checkpointLocation)
      throws TimeoutException {
    EventHubsOptions parsed = EventHubsOptions.parse(options.asMap());
    if (parsed.protocol() == EventHubsOptions.Protocol.KAFKA) {
      return new KafkaSink()
          .startStream(unified, EventHubsKafkaEndpoint.kafkaSinkOptions(parsed), checkpointLocation);
    }
    return unified
        .writeStream()
        .format(EventHubsProvider.SHORT_NAME)
        .options(dataSourceOptions(options))
        .option("checkpointLocation", checkpointLocation)
        .outputMode("append")
        .start();
  }

  private static Map<String, String> dataSourceOptions(SinkOptions options) {
    Map<String, String> m = new TreeMap<>(options.asMap());
    m.remove("type");
    return m;
  }
}
