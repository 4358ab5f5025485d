package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.settings.KinesisKeys;
import dev.streamgen.runtime.settings.SettingKey;
import dev.streamgen.runtime.sink.SinkOptions;
import java.io.Serializable;
import java.net.URI;

/**
 * The Kinesis sink's options, from the table-checked keys of {@link KinesisKeys} (types, ranges,
 * defaults, the stream name and region patterns are the table's), plus the rules that span keys:
 * credentials in pairs, a record limit within the request limit, one way of sizing the stream.
 * Values of credential keys are never repeated in messages or {@link #toString()}.
 */
public final class KinesisSinkOptions implements Serializable {
  private static final long serialVersionUID = 2L;

  /** PutRecords takes at most this many records per call. */
  public static final int MAX_RECORDS_PER_REQUEST = 500;

  private final String streamName;
  private final String region;
  private final URI endpointUrl;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final boolean autoShardCalculation;
  private final int shardCount;
  private final int maxRequestBytes;
  private final int maxRecordBytes;
  private final int retryTimeoutSeconds;
  private final int maxInFlightRequests;
  private final int streamReadyTimeoutSeconds;
  private final int batchTargetSeconds;
  private final SinkOptions keys;

  private KinesisSinkOptions(SinkOptions o) {
    this.keys = o;
    this.streamName = o.text(KinesisKeys.STREAM_NAME);
    this.region = o.text(KinesisKeys.REGION);
    this.endpointUrl = o.has(KinesisKeys.ENDPOINT_URL) ? URI.create(o.text(KinesisKeys.ENDPOINT_URL)) : null;
    this.accessKeyId = o.text(KinesisKeys.AWS_ACCESS_KEY_ID);
    this.secretAccessKey = o.text(KinesisKeys.AWS_SECRET_ACCESS_KEY);
    this.sessionToken = o.text(KinesisKeys.AWS_SESSION_TOKEN);
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      SettingKey given = accessKeyId != null ? KinesisKeys.AWS_ACCESS_KEY_ID : KinesisKeys.AWS_SECRET_ACCESS_KEY;
      SettingKey missing = accessKeyId != null ? KinesisKeys.AWS_SECRET_ACCESS_KEY : KinesisKeys.AWS_ACCESS_KEY_ID;
      throw new IllegalArgumentException(
          missing.path() + " is required when " + given.path()
              + " is set; set both, or neither to use the AWS default credentials chain");
    }
    if (sessionToken != null && accessKeyId == null) {
      throw new IllegalArgumentException(
          "sink_config.aws_session_token needs sink_config.aws_access_key_id and"
              + " sink_config.aws_secret_access_key; set them too, or remove the token to use the"
              + " AWS default credentials chain");
    }
    this.autoShardCalculation = o.flag(KinesisKeys.AUTO_SHARD_CALCULATION);
    this.shardCount = o.has(KinesisKeys.SHARD_COUNT) ? o.intNumber(KinesisKeys.SHARD_COUNT) : 0;
    if (autoShardCalculation && shardCount > 0) {
      throw new IllegalArgumentException(
          "sink_config.shard_count (" + shardCount + ") and sink_config.auto_shard_calculation"
              + " (true) both set the shard count; keep only one of them (on the command line, --set"
              + " sink_config.shard_count=" + shardCount + " alone replaces the YAML's auto_shard_calculation)");
    }
    this.maxRequestBytes = o.intNumber(KinesisKeys.MAX_REQUEST_BYTES);
    this.maxRecordBytes = o.intNumber(KinesisKeys.MAX_RECORD_BYTES);
    if (maxRecordBytes > maxRequestBytes) {
      throw new IllegalArgumentException(
          "sink_config.max_record_bytes (" + maxRecordBytes + ") is larger than"
              + " sink_config.max_request_bytes (" + maxRequestBytes + "); a record must fit in one"
              + " PutRecords request, so raise max_request_bytes or lower max_record_bytes");
    }
    this.retryTimeoutSeconds = o.intNumber(KinesisKeys.RETRY_TIMEOUT_SECONDS);
    this.maxInFlightRequests = o.intNumber(KinesisKeys.MAX_IN_FLIGHT_REQUESTS);
    this.streamReadyTimeoutSeconds = o.intNumber(KinesisKeys.STREAM_READY_TIMEOUT_SECONDS);
    this.batchTargetSeconds = o.intNumber(KinesisKeys.BATCH_TARGET_SECONDS);
  }

  /**
   * The sink's options from the table-checked keys.
   *
   * @throws IllegalArgumentException naming the keys that conflict and the fix
   */
  public static KinesisSinkOptions from(SinkOptions options) {
    return new KinesisSinkOptions(options);
  }

  public String streamName() {
    return streamName;
  }

  public String region() {
    return region;
  }

  /** The endpoint override, or null for the region's public endpoint. */
  public URI endpointUrl() {
    return endpointUrl;
  }

  /** True when key and secret were given; otherwise the SDK's default credentials chain applies. */
  public boolean hasStaticCredentials() {
    return accessKeyId != null;
  }

  String accessKeyId() {
    return accessKeyId;
  }

  String secretAccessKey() {
    return secretAccessKey;
  }

  /** The session token, or null. */
  String sessionToken() {
    return sessionToken;
  }

  public boolean autoShardCalculation() {
    return autoShardCalculation;
  }

  /** The explicit shard count, or 0 when none was set. */
  public int shardCount() {
    return shardCount;
  }

  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  public int retryTimeoutSeconds() {
    return retryTimeoutSeconds;
  }

  public int maxInFlightRequests() {
    return maxInFlightRequests;
  }

  public int streamReadyTimeoutSeconds() {
    return streamReadyTimeoutSeconds;
  }

  /** The time auto_shard_calculation sizes a batch run's stream for. */
  public int batchTargetSeconds() {
    return batchTargetSeconds;
  }

  /** The keys as Spark options for {@code format("streamgen-kinesis")}. Holds secrets: never log it. */
  java.util.Map<String, String> dataSourceOptions() {
    return keys.dataSourceOptions();
  }

  /** Where requests go, for messages: the endpoint override or the region. */
  String destination() {
    return endpointUrl != null
        ? "endpoint " + endpointUrl
        : "region " + region;
  }

  @Override
  public String toString() {
    // Never the credentials themselves: only whether they were given.
    return "KinesisSinkOptions{stream_name=" + streamName
        + ", region=" + region
        + (endpointUrl != null ? ", endpoint_url=" + endpointUrl : "")
        + ", credentials=" + (accessKeyId != null ? "static" : "default chain")
        + (autoShardCalculation ? ", auto_shard_calculation=true" : "")
        + (shardCount > 0 ? ", shard_count=" + shardCount : "")
        + ", max_request_bytes=" + maxRequestBytes
        + ", max_record_bytes=" + maxRecordBytes
        + ", retry_timeout_seconds=" + retryTimeoutSeconds
        + ", max_in_flight_requests=" + maxInFlightRequests
        + "}";
  }

}
