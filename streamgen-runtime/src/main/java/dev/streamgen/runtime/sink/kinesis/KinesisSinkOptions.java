package dev.streamgen.runtime.sink.kinesis;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every {@code sink_config} key the Kinesis sink reads, in one place, validated once.
 *
 * <p>Built from the user's keys (YAML {@code sink_config} or Spark {@code .option(...)}), read
 * case-insensitively. Each mistake is reported with the key, the offending value and the fix;
 * values of credential keys are never repeated in messages or {@link #toString()}.
 */
public final class KinesisSinkOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String STREAM_NAME = "stream_name";
  public static final String REGION = "region";
  public static final String ENDPOINT_URL = "endpoint_url";
  public static final String AWS_ACCESS_KEY_ID = "aws_access_key_id";
  public static final String AWS_SECRET_ACCESS_KEY = "aws_secret_access_key";
  public static final String AWS_SESSION_TOKEN = "aws_session_token";
  public static final String AUTO_SHARD_CALCULATION = "auto_shard_calculation";
  public static final String SHARD_COUNT = "shard_count";
  public static final String MAX_REQUEST_BYTES = "max_request_bytes";
  public static final String MAX_RECORD_BYTES = "max_record_bytes";
  public static final String RETRY_TIMEOUT_SECONDS = "retry_timeout_seconds";
  public static final String MAX_IN_FLIGHT_REQUESTS = "max_in_flight_requests";
  public static final String STREAM_READY_TIMEOUT_SECONDS = "stream_ready_timeout_seconds";
  public static final String BATCH_TARGET_SECONDS = "batch_target_seconds";

  /** The keys this class reads. */
  public static final Set<String> KEYS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              Arrays.asList(
                  STREAM_NAME,
                  REGION,
                  ENDPOINT_URL,
                  AWS_ACCESS_KEY_ID,
                  AWS_SECRET_ACCESS_KEY,
                  AWS_SESSION_TOKEN,
                  AUTO_SHARD_CALCULATION,
                  SHARD_COUNT,
                  MAX_REQUEST_BYTES,
                  MAX_RECORD_BYTES,
                  RETRY_TIMEOUT_SECONDS,
                  MAX_IN_FLIGHT_REQUESTS,
                  STREAM_READY_TIMEOUT_SECONDS,
                  BATCH_TARGET_SECONDS)));

  /**
   * Keys other layers put beside ours: the sink type, the field the runtime derives
   * {@code partition_key} from (the seed's YAML has it), the run's format (the job tells every
   * sink), and Spark's own write options.
   */
  private static final Set<String> KEYS_OF_OTHER_LAYERS =
      caseInsensitive(
          Arrays.asList(
              "type", "partition_key_field", "serialization_format", "checkpointLocation", "path"));

  public static final String DEFAULT_REGION = "us-east-1";
  public static final int MIB = 1024 * 1024;
  /** PutRecords takes at most this many records per call. */
  public static final int MAX_RECORDS_PER_REQUEST = 500;
  /** 5 MiB was the PutRecords request limit for years; AWS raised it to 10 MiB. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 5 * MIB;
  public static final int LIMIT_MAX_REQUEST_BYTES = 10 * MIB;
  /** 1 MiB per record (data + partition key) unless the stream opted in to larger records. */
  public static final int DEFAULT_MAX_RECORD_BYTES = MIB;
  public static final int LIMIT_MAX_RECORD_BYTES = 10 * MIB;
  public static final int DEFAULT_RETRY_TIMEOUT_SECONDS = 120;
  public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 4;
  public static final int LIMIT_MAX_IN_FLIGHT_REQUESTS = 64;
  public static final int DEFAULT_STREAM_READY_TIMEOUT_SECONDS = 300;
  /** How long auto_shard_calculation sizes a batch run's stream to take by default. */
  public static final int DEFAULT_BATCH_TARGET_SECONDS = 60;

  private static final Pattern STREAM_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern REGION_PATTERN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
  private static final Set<String> KEYS_ANY_CASE = caseInsensitive(KEYS);
  private static final Set<String> CREDENTIAL_KEYS =
      caseInsensitive(Arrays.asList(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN));

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
  private final List<String> unknownKeys;

  private KinesisSinkOptions(Map<String, String> values) {
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!KEYS_ANY_CASE.contains(key) && !KEYS_OF_OTHER_LAYERS.contains(key)) {
        unknown.add(key);
      }
    }
    Collections.sort(unknown);
    this.unknownKeys = Collections.unmodifiableList(unknown);

    this.streamName = streamName(values, unknown);
    this.region = text(values, REGION, DEFAULT_REGION);
    if (!REGION_PATTERN.matcher(region).matches()) {
      throw invalid(REGION, region, "write an AWS region name such as us-east-1");
    }
    this.endpointUrl = endpoint(values);

    this.accessKeyId = text(values, AWS_ACCESS_KEY_ID, null);
    this.secretAccessKey = text(values, AWS_SECRET_ACCESS_KEY, null);
    this.sessionToken = text(values, AWS_SESSION_TOKEN, null);
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      String given = accessKeyId != null ? AWS_ACCESS_KEY_ID : AWS_SECRET_ACCESS_KEY;
      String missing = accessKeyId != null ? AWS_SECRET_ACCESS_KEY : AWS_ACCESS_KEY_ID;
      throw new IllegalArgumentException(
          "sink_config." + missing + " is required when sink_config." + given
              + " is set; set both, or neither to use the AWS default credentials chain");
    }
    if (sessionToken != null && accessKeyId == null) {
      throw new IllegalArgumentException(
          "sink_config.aws_session_token needs sink_config.aws_access_key_id and"
              + " sink_config.aws_secret_access_key; set them too, or remove the token to use the"
              + " AWS default credentials chain");
    }

    this.autoShardCalculation = bool(values, AUTO_SHARD_CALCULATION, false);
    this.shardCount = (int) number(values, SHARD_COUNT, 0, 1, Integer.MAX_VALUE, "");
    if (autoShardCalculation && shardCount > 0) {
      throw new IllegalArgumentException(
          "sink_config.shard_count (" + shardCount + ") and sink_config.auto_shard_calculation"
              + " (true) both set the shard count; keep only one of them");
    }
    this.maxRequestBytes =
        (int)
            number(
                values,
                MAX_REQUEST_BYTES,
                DEFAULT_MAX_REQUEST_BYTES,
                1,
                LIMIT_MAX_REQUEST_BYTES,
                " (10 MiB, the PutRecords request limit)");
    this.maxRecordBytes =
        (int)
            number(
                values,
                MAX_RECORD_BYTES,
                DEFAULT_MAX_RECORD_BYTES,
                1,
                LIMIT_MAX_RECORD_BYTES,
                " (10 MiB, the largest record Kinesis accepts)");
    if (maxRecordBytes > maxRequestBytes) {
      throw new IllegalArgumentException(
          "sink_config.max_record_bytes (" + maxRecordBytes + ") is larger than"
              + " sink_config.max_request_bytes (" + maxRequestBytes + "); a record must fit in one"
              + " PutRecords request, so raise max_request_bytes or lower max_record_bytes");
    }
    this.retryTimeoutSeconds =
        (int)
            number(
                values,
                RETRY_TIMEOUT_SECONDS,
                DEFAULT_RETRY_TIMEOUT_SECONDS,
                1,
                Integer.MAX_VALUE / 1000,
                "");
    this.maxInFlightRequests =
        (int)
            number(
                values,
                MAX_IN_FLIGHT_REQUESTS,
                DEFAULT_MAX_IN_FLIGHT_REQUESTS,
                1,
                LIMIT_MAX_IN_FLIGHT_REQUESTS,
                "");
    this.streamReadyTimeoutSeconds =
        (int)
            number(
                values,
                STREAM_READY_TIMEOUT_SECONDS,
                DEFAULT_STREAM_READY_TIMEOUT_SECONDS,
                1,
                Integer.MAX_VALUE / 1000,
                "");    this.batchTargetSeconds =
        (int)
            number(
                values,
                BATCH_TARGET_SECONDS,
                DEFAULT_BATCH_TARGET_SECONDS,
                1,
                Integer.MAX_VALUE,
                "");
  }

  /**
   * Validates the user's keys (read case-insensitively) and returns the options.
   *
   * @throws IllegalArgumentException naming the first wrong key, its value and the fix
   */
  public static KinesisSinkOptions parse(Map<String, String> values) {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(values);
    return new KinesisSinkOptions(copy);
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

  /** Keys given that no layer reads (sorted); the writer warns about them, by name only. */
  public List<String> unknownKeys() {
    return unknownKeys;
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

  private static String streamName(Map<String, String> values, List<String> unknown) {
    String name = text(values, STREAM_NAME, null);
    if (name == null) {
      String hint = "";
      for (String key : unknown) {
        if (editDistance(key.toLowerCase(Locale.ROOT), STREAM_NAME) <= 2) {
          hint = " (found '" + key + "': did you mean stream_name?)";
        }
      }
      throw new IllegalArgumentException(
          "sink_config.stream_name is required for sink type 'kinesis'" + hint
              + "; set it to the name of the Kinesis data stream to write to");
    }
    if (!STREAM_NAME_PATTERN.matcher(name).matches()) {
      throw invalid(
          STREAM_NAME, name, "use 1 to 128 letters, digits, '_', '-' or '.' (Kinesis stream names)");
    }
    return name;
  }

  private static URI endpoint(Map<String, String> values) {
    String url = text(values, ENDPOINT_URL, null);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with the same message as any other malformed URL.
    }
    throw invalid(
        ENDPOINT_URL,
        url,
        "write an http(s) URL such as http://127.0.0.1:4568, or remove it to use the region's"
            + " endpoint");
  }

  /** The trimmed value, or the default when the key is absent or blank. */
  private static String text(Map<String, String> values, String key, String defaultValue) {
    String v = values.get(key);
    if (v == null || v.trim().isEmpty()) {
      return defaultValue;
    }
    return v.trim();
  }

  private static boolean bool(Map<String, String> values, String key, boolean defaultValue) {
    String v = text(values, key, null);
    if (v == null) {
      return defaultValue;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
    }
    throw invalid(key, v, "write true or false");
  }

  private static long number(
      Map<String, String> values, String key, long defaultValue, long min, long max, String why) {
    String v = text(values, key, null);
    if (v == null) {
      return defaultValue;
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(key, v, "write a whole number between " + min + " and " + max + why);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "sink_config." + key + " must be between " + min + " and " + max + why + ", got " + n);
    }
    return n;
  }

  private static IllegalArgumentException invalid(String key, String value, String fix) {
    String shown = CREDENTIAL_KEYS.contains(key) ? "<redacted>" : value;
    return new IllegalArgumentException(
        "sink_config." + key + " '" + shown + "' is not valid; " + fix);
  }

  private static Set<String> caseInsensitive(Iterable<String> keys) {
    TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String k : keys) {
      set.add(k);
    }
    return Collections.unmodifiableSet(set);
  }

  /** Levenshtein distance, for "did you mean" on a misspelt required key. */
  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
