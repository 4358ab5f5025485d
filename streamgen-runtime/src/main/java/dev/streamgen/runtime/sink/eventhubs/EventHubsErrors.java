package dev.streamgen.runtime.sink.eventhubs;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
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

  static EventHubsWriteException nullPayload(String eventTypeId) {
    return new EventHubsWriteException(
        "event type '" + eventTypeId + "' has a null serialized_payload (a change stream's tombstone, changes.tombstones: true?); "
            + "Event Hubs has no log compaction to use a tombstone: leave tombstones out for this sink, or use kafka or delta",
        null);
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
      String target, long sent, long failed, long notSent, EventHubsOptions options, Throwable cause) {
    String counts = sent + " events sent and acknowledged, " + failed + " failed, " + notSent
        + " not sent (buffered in this task)";
    AmqpException refused = unauthorized(cause);
    if (refused != null) {
      // Not transient, so the SDK did not retry: saying "retried up to max_retries" would mislead,
      // and what the user has to fix is a setting, which we name.
      return new EventHubsWriteException(
          target + " refused the credentials of " + credentialSetting(options) + ": " + counts
              + ". Cause: " + refused,
          cause);
    }
    return new EventHubsWriteException(
        "sending to " + target + " failed: " + counts + "; transient errors were "
            + "retried up to sink_config.max_retries=" + options.maxRetries() + " times. If Spark retries the "
            + "task, consumers may see the acknowledged events twice (at-least-once). Cause: " + cause,
        cause);
  }

  /** The setting that carries the credentials the hub refused, and what to check in it. */
  private static String credentialSetting(EventHubsOptions options) {
    return options.usesConnectionString()
        ? dev.streamgen.runtime.settings.EventHubsKeys.CONNECTION_STRING.path() + " (check its SharedAccessKeyName and "
            + "SharedAccessKey against a shared access policy with Send rights on the namespace or hub)"
        : "the identity DefaultAzureCredential signed in with for sink_config."
            + dev.streamgen.runtime.settings.EventHubsKeys.FULLY_QUALIFIED_NAMESPACE.name() + " (it needs the Azure Event Hubs Data Sender role)";
  }

  /** The hub's "unauthorized access" answer (e.g. a 401 to the SDK's put-token) in the chain, or null. */
  private static AmqpException unauthorized(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AmqpException
          && ((AmqpException) t).getErrorCondition() == AmqpErrorCondition.UNAUTHORIZED_ACCESS) {
        return (AmqpException) t;
      }
    }
    return null;
  }
}
