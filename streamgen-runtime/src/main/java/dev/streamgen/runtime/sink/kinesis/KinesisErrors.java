package dev.streamgen.runtime.sink.kinesis;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Every message the Kinesis sink shows a user, each naming what went wrong, the value involved and
 * the fix. Kept together so wording stays consistent and tests can pin it.
 */
final class KinesisErrors {
  private KinesisErrors() {}

  static KinesisWriteException recordTooLarge(
      String stream, String eventType, int payloadBytes, int keyBytes, int maxRecordBytes,
      long handed, KinesisWriteMetrics metrics) {
    return new KinesisWriteException(
        "kinesis stream '" + stream + "': event type '" + eventType + "' has a record of "
            + (payloadBytes + keyBytes) + " bytes (payload " + payloadBytes + " + partition key "
            + keyBytes + "), above sink_config.max_record_bytes (" + maxRecordBytes + "); shrink"
            + " the event or raise max_record_bytes (up to "
            + dev.streamgen.runtime.settings.KinesisKeys.MAX_RECORD_BYTES.max() + ", for streams that accept records above"
            + " 1 MiB)" + counts(handed, metrics),
        metrics);
  }

  static KinesisWriteException badPartitionKey(
      String stream, String eventType, String problem, long handed, KinesisWriteMetrics metrics) {
    return new KinesisWriteException(
        "kinesis stream '" + stream + "': event type '" + eventType + "' has " + problem
            + "; Kinesis needs a partition key of 1 to 256 characters, so check the"
            + " partition_key_field and its values" + counts(handed, metrics),
        metrics);
  }

  static KinesisWriteException nullPayload(
      String stream, String eventType, long handed, KinesisWriteMetrics metrics) {
    return new KinesisWriteException(
        "kinesis stream '" + stream + "': event type '" + eventType + "' has a null"
            + " serialized_payload; Kinesis records need data, so check the stream feeding the"
            + " sink (a change stream's tombstone? leave changes.tombstones out for Kinesis)" + counts(handed, metrics),
        metrics);
  }

  /** The task gives up: {@code reason} says why, the counts say what happened before. */
  static KinesisWriteException notDelivered(
      String stream, String reason, long handed, KinesisWriteMetrics metrics) {
    // Only when the task is interrupted are calls still running: their records are neither.
    long unknown = handed - metrics.recordsSent() - metrics.recordsFailed();
    return new KinesisWriteException(
        "kinesis stream '" + stream + "': " + metrics.recordsFailed() + " of " + handed
            + " records not delivered (" + metrics.describe()
            + (unknown > 0 ? ", " + unknown + " in calls still running" : "") + "); " + reason,
        metrics);
  }

  static String deadlineReason(int retryTimeoutSeconds, String lastError) {
    return "records were still not acknowledged when sink_config.retry_timeout_seconds ("
        + retryTimeoutSeconds + ") ran out (last error: " + lastError + "); add shards"
        + " (shard_count or auto_shard_calculation) or raise retry_timeout_seconds";
  }

  static String rejectedReason(String eventType, String error) {
    return "Kinesis rejected a record of event type '" + eventType + "' with " + error
        + ", which retrying cannot fix";
  }

  static String callFailedReason(String error) {
    return "PutRecords failed with " + error + ", which retrying cannot fix";
  }

  static IllegalArgumentException missingColumn(String column, String type, String[] columns) {
    return new IllegalArgumentException(
        "the Kinesis sink needs a " + type + " column '" + column + "' (the unified stream's"
            + " schema); the input has columns " + Arrays.toString(columns));
  }

  static IllegalArgumentException wrongColumnType(String column, String type, String actual) {
    return new IllegalArgumentException(
        "the Kinesis sink needs column '" + column + "' of type " + type + ", got " + actual
            + "; write the unified stream (api.UnifiedStream) or cast the column");
  }

  static IllegalStateException streamNotFound(KinesisSinkOptions o) {
    return new IllegalStateException(
        "sink_config.stream_name '" + o.streamName() + "': no such Kinesis stream at "
            + o.destination() + "; create it, or set shard_count (or auto_shard_calculation: true"
            + " in a streamgen job run, batch or streaming, which sizes it) so the sink creates it");
  }

  static IllegalStateException streamDeleting(KinesisSinkOptions o) {
    return new IllegalStateException(
        "sink_config.stream_name '" + o.streamName() + "': the Kinesis stream at "
            + o.destination() + " is being deleted; wait for the deletion and create it again, or"
            + " write to another stream");
  }

  static IllegalStateException unreachable(KinesisSinkOptions o, Throwable cause) {
    String what =
        o.endpointUrl() != null
            ? "sink_config.endpoint_url '" + o.endpointUrl() + "' cannot be reached"
            : "Kinesis in sink_config.region '" + o.region() + "' cannot be reached";
    return new IllegalStateException(
        what + " (" + networkProblem(cause) + "); check the "
            + (o.endpointUrl() != null ? "URL" : "region") + " and that the network allows it",
        cause);
  }

  static IllegalStateException credentialsRejected(KinesisSinkOptions o, String error) {
    return new IllegalStateException(
        "Kinesis at " + o.destination() + " rejected the AWS credentials (" + error + "); check "
            + (o.hasStaticCredentials()
                ? "sink_config.aws_access_key_id, aws_secret_access_key and aws_session_token"
                : "the AWS default credentials chain (environment, profile, instance role)"));
  }

  static IllegalStateException streamNotReady(
      KinesisSinkOptions o, String status, int timeoutSeconds) {
    return new IllegalStateException(
        "sink_config.stream_name '" + o.streamName() + "': the Kinesis stream at "
            + o.destination() + " is still " + status + " after " + timeoutSeconds + " seconds"
            + " (sink_config.stream_ready_timeout_seconds); raise it, or check the stream's state");
  }

  /** A short, stable description of why a connection failed (no SDK wording, which changes). */
  static String networkProblem(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return "connection refused";
      }
      if (c instanceof UnknownHostException) {
        return "unknown host";
      }
      if (c instanceof SocketTimeoutException) {
        return "timed out";
      }
    }
    return t.getClass().getSimpleName();
  }

  private static String counts(long handed, KinesisWriteMetrics m) {
    return " (this task: " + handed + " records handed over, " + m.describe() + ")";
  }
}
