package dev.streamgen.runtime.sink.eventhubs;

import java.util.Arrays;
import org.apache.spark.sql.types.StructType;

/** Every failure the Event Hubs sink reports, worded in one place. */
final class EventHubsErrors {
  private EventHubsErrors() {}

  /** A key with a value we cannot use. Not for secrets: it repeats the value. */
  static IllegalArgumentException badOption(String key, String value, String fix) {
    return new IllegalArgumentException("sink_config." + key + " '" + value + "' is not valid; " + fix);
  }

  static IllegalArgumentException kafkaProtocolInDataSource() {
    return new IllegalArgumentException(
        "sink_config.protocol 'kafka' is not served by format 'streamgen-eventhubs' (it writes over "
            + "AMQP); use the eventhubs sink (sink_config.type: eventhubs), which routes protocol: "
            + "kafka to Spark's Kafka writer, or protocol: amqp");
  }

  static IllegalArgumentException missingColumn(String column, String type, StructType schema) {
    return new IllegalArgumentException(
        "the Event Hubs sink writes the unified stream and needs column '" + column + "' of type "
            + type + "; the input has " + Arrays.toString(schema.fieldNames())
            + " with types " + schema.simpleString());
  }

  static EventHubsWriteException eventTooLarge(String eventTypeId, int eventBytes, int maxBatchBytes) {
    return new EventHubsWriteException(
        "an event of type '" + eventTypeId + "' (" + eventBytes + " payload bytes) does not fit in one "
            + "Event Hubs publication of at most " + maxBatchBytes + " bytes; raise "
            + "sink_config.max_batch_bytes if it is set lower than the hub allows, or make the events "
            + "smaller (the hub allows 256 KB on Basic, 1 MB on Standard and Premium)",
        null);
  }

  static EventHubsWriteException batchCapTooLarge(int maxBatchBytes, RuntimeException cause) {
    return new EventHubsWriteException(
        "sink_config.max_batch_bytes '" + maxBatchBytes + "' is larger than the event hub accepts in "
            + "one publication; lower it or leave it unset to use the hub's limit",
        cause);
  }

  static EventHubsWriteException notAvro(String eventTypeId) {
    return new EventHubsWriteException(
        "serialization_format is avro but an event of type '" + eventTypeId + "' does not start with "
            + "the Avro single-object marker C3 01 followed by an 8-byte schema fingerprint",
        null);
  }

  static EventHubsWriteException sendFailed(
      String target, long sent, long failed, long notSent, int maxRetries, Throwable cause) {
    return new EventHubsWriteException(
        "sending to " + target + " failed: " + sent + " events sent and acknowledged, " + failed
            + " failed, " + notSent + " not sent (buffered in this task); transient errors were "
            + "retried up to sink_config.max_retries=" + maxRetries + " times. If Spark retries the "
            + "task, consumers may see the acknowledged events twice (at-least-once). Cause: " + cause,
        cause);
  }
}
