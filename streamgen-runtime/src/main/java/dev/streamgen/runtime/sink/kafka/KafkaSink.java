package dev.streamgen.runtime.sink.kafka;

import dev.streamgen.runtime.sink.Sink;
import dev.streamgen.runtime.sink.SinkOptions;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code sink_config.type: kafka}: the unified stream through Spark's own Kafka writer
 * ({@code spark-sql-kafka-0-10}). Options: {@link KafkaSinkOptions}; record layout:
 * {@link KafkaRecords}. Delivery is at-least-once: every task flushes its producer and fails on any
 * send error before it commits, so nothing is lost, but a retried task or micro-batch sends its
 * records again.
 */
public final class KafkaSink implements Sink<KafkaSinkOptions> {

  @Override
  public KafkaSinkOptions options(SinkOptions options) {
    return KafkaSinkOptions.from(options);
  }

  @Override
  public String destination(KafkaSinkOptions kafka) {
    String where = kafka.topic() != null
        ? "topic " + kafka.topic()
        : "one topic per event type (" + kafka.topicPattern() + ")";
    return "Kafka " + where + " at " + kafka.bootstrapServers();
  }

  @Override
  public void writeBatch(Dataset<Row> unified, KafkaSinkOptions kafka) {
    KafkaRecords.from(unified, kafka)
        .write()
        .format("kafka")
        .options(kafka.sparkWriterOptions())
        .mode(SaveMode.Append)
        .save();
  }

  @Override
  public StreamingQuery startStream(Dataset<Row> unified, KafkaSinkOptions kafka, String checkpointLocation)
      throws TimeoutException {
    if (checkpointLocation == null || checkpointLocation.trim().isEmpty()) {
      throw new IllegalArgumentException(
          "a streaming run to Kafka needs a checkpoint location; set streaming_config.checkpoint_location"
              + " (the query resumes from it after a restart)");
    }
    return KafkaRecords.from(unified, kafka)
        .writeStream()
        .format("kafka")
        .options(kafka.sparkWriterOptions())
        .option("checkpointLocation", checkpointLocation)
        .outputMode(OutputMode.Append())
        .start();
  }
}
