package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.Sink;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.kafka.KafkaSink;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code sink_config.type: eventhubs}. {@code protocol: amqp} (default) writes with our
 * {@code streamgen-eventhubs} data source over the Azure SDK; {@code protocol: kafka} writes with
 * the Kafka sink (Spark's Kafka writer) to the hub's Kafka endpoint.
 */
public final class EventHubsSink implements Sink<EventHubsOptions> {
  private final KafkaSink kafka = new KafkaSink();

  @Override
  public EventHubsOptions options(SinkOptions options) {
    EventHubsOptions parsed = EventHubsOptions.from(options);
    if (parsed.protocol() == EventHubsOptions.Protocol.KAFKA) {
      EventHubsKafkaEndpoint.kafkaSinkOptions(parsed); // the producer settings' own rules, checked now
    }
    return parsed;
  }

  @Override
  public String destination(EventHubsOptions options) {
    return options.describe();
  }

  @Override
  public void writeBatch(Dataset<Row> unified, EventHubsOptions options) {
    if (options.protocol() == EventHubsOptions.Protocol.KAFKA) {
      kafka.writeBatch(unified, EventHubsKafkaEndpoint.kafkaSinkOptions(options));
    } else {
      unified
          .write()
          .format(EventHubsProvider.SHORT_NAME)
          .options(options.dataSourceOptions())
          .mode(SaveMode.Append)
          .save();
    }
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, EventHubsOptions options, String checkpointLocation)
      throws TimeoutException {
    if (options.protocol() == EventHubsOptions.Protocol.KAFKA) {
      return kafka.startStream(unified, EventHubsKafkaEndpoint.kafkaSinkOptions(options), checkpointLocation);
    }
    return unified
        .writeStream()
        .format(EventHubsProvider.SHORT_NAME)
        .options(options.dataSourceOptions())
        .option("checkpointLocation", checkpointLocation)
        .outputMode("append")
        .start();
  }
}
