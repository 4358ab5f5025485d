package dev.streamgen.runtime.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every run-time setting streamgen understands, in one place. The compiler validates the YAML
 * against it at build time; the runtime validates {@code --set} overrides against it. The event
 * definitions ({@code common_fields}, {@code event_types}) are the compiler's and are not here.
 */
public final class ConfigKeys {

  /** Sink types ({@code sink_config.type}). */
  public static final List<String> SINK_TYPES =
      Collections.unmodifiableList(
          Arrays.asList("kinesis", "delta", "kafka", "eventhubs", "console", "noop", "files"));

  /** Keys under {@code sink_config} that pass through to a client library, by prefix (e.g. kafka.acks). */
  public static final List<String> PASSTHROUGH_PREFIXES =
      Collections.unmodifiableList(Arrays.asList("kafka."));

  private static final List<SettingKey> GENERAL = new ArrayList<>();
  private static final Map<String, List<SettingKey>> SINK = new LinkedHashMap<>();
  private static final Map<String, List<List<String>>> REQUIRED = new LinkedHashMap<>();

  static {
    general(
        SettingKey.builder("generation_mode", ValueType.CHOICE)
            .allowed("streaming", "batch")
            .defaultValue("streaming")
            .description("stream at a rate, or write a fixed number of rows"));
    general(
        SettingKey.builder("seed", ValueType.LONG)
            .defaultValue("0")
            .description("the same seed and config give the same events"));
    general(
        SettingKey.builder("serialization_format", ValueType.CHOICE)
            .allowed("json", "avro", "binary", "protobuf")
            .defaultValue("json")
            .description("payload encoding; byte layouts in docs/formats.md"));
    general(
        SettingKey.builder("streaming_config.total_rows_per_second", ValueType.POSITIVE_LONG)
            .defaultValue("1000")
            .description("total events per second across all types, split by weight"));
    general(
        SettingKey.builder("streaming_config.partitions", ValueType.POSITIVE_LONG)
            .description("parallel readers per micro-batch (default: Spark's default parallelism)"));
    general(
        SettingKey.builder("streaming_config.duration_seconds", ValueType.NON_NEGATIVE_LONG)
            .defaultValue("0")
            .description("stop after this many seconds; 0 runs until stopped"));
    general(
        SettingKey.builder("streaming_config.checkpoint_location", ValueType.STRING)
            .description("where a streaming query keeps offsets, so a restart continues the sequence"));
    general(
        SettingKey.builder("batch_config.total_rows", ValueType.POSITIVE_LONG)
            .defaultValue("1000000")
            .description("rows a batch run writes"));
    general(
        SettingKey.builder("batch_config.partitions", ValueType.POSITIVE_LONG)
            .defaultValue("8")
            .description("Spark partitions of a batch run"));
    general(
        SettingKey.builder("sink_config.type", ValueType.CHOICE)
            .allowed(SINK_TYPES.toArray(new String[0]))
            .defaultValue("console")
            .description("where events go"));
    general(
        SettingKey.builder("sink_config.partition_key_field", ValueType.STRING)
            .description("field whose value becomes partition_key (default: event_type_id)"));

    sink(
        "kinesis",
        key("stream_name", ValueType.STRING).description("the Kinesis data stream"),
        key("region", ValueType.STRING).defaultValue("us-east-1"),
        key("endpoint_url", ValueType.STRING)
            .description("endpoint override for emulators and VPC endpoints"),
        key("aws_access_key_id", ValueType.STRING).secret(),
        key("aws_secret_access_key", ValueType.STRING).secret(),
        key("aws_session_token", ValueType.STRING).secret(),
        key("auto_shard_calculation", ValueType.BOOLEAN).defaultValue("false"),
        key("shard_count", ValueType.POSITIVE_LONG),
        key("max_request_bytes", ValueType.POSITIVE_LONG).defaultValue("5242880"),
        key("max_record_bytes", ValueType.POSITIVE_LONG).defaultValue("1048576"),
        key("retry_timeout_seconds", ValueType.POSITIVE_LONG).defaultValue("120"),
        key("max_in_flight_requests", ValueType.POSITIVE_LONG).defaultValue("4"),
        key("stream_ready_timeout_seconds", ValueType.POSITIVE_LONG).defaultValue("300"),
        key("batch_target_seconds", ValueType.POSITIVE_LONG).defaultValue("60")
            .description("the time auto_shard_calculation sizes a batch run's stream for"));
    sink(
        "delta",
        key("path", ValueType.STRING).description("table location"),
        key("table_name", ValueType.STRING).description("catalog table, instead of path"),
        key("mode", ValueType.CHOICE).allowed("append", "overwrite").defaultValue("append"));
    sink(
        "kafka",
        key("bootstrap_servers", ValueType.STRING),
        key("topic", ValueType.STRING),
        key("topic_pattern", ValueType.STRING)
            .description("per-type topic, e.g. events.{event_type_id}"),
        key("compression", ValueType.CHOICE)
            .allowed("none", "gzip", "snappy", "lz4", "zstd")
            .defaultValue("lz4")
            .description("producer compression.type"),
        key("linger_ms", ValueType.NON_NEGATIVE_LONG).defaultValue("5")
            .description("producer linger.ms: how long a batch waits to fill"),
        key("batch_size_bytes", ValueType.POSITIVE_LONG).defaultValue("262144")
            .description("producer batch.size: bytes per partition batch"),
        key("idempotence", ValueType.BOOLEAN).defaultValue("true")
            .description("producer enable.idempotence (needs acks=all, the default)"));
    sink(
        "eventhubs",
        key("connection_string", ValueType.STRING).secret()
            .description("shared access connection string of the namespace or hub"),
        key("fully_qualified_namespace", ValueType.STRING)
            .description("<namespace>.servicebus.windows.net, to sign in with DefaultAzureCredential"),
        key("eventhub_name", ValueType.STRING)
            .description("the event hub (or EntityPath in the connection string)"),
        key("protocol", ValueType.CHOICE).allowed("amqp", "kafka").defaultValue("amqp"),
        key("max_batch_bytes", ValueType.POSITIVE_LONG)
            .description("cap on one publication; default the hub's max message size"),
        key("max_retries", ValueType.NON_NEGATIVE_LONG).defaultValue("3"),
        key("retry_timeout_seconds", ValueType.POSITIVE_LONG).defaultValue("60"),
        key("retry_delay_ms", ValueType.POSITIVE_LONG).defaultValue("800"),
        key("retry_max_delay_seconds", ValueType.POSITIVE_LONG).defaultValue("60"),
        key("retry_mode", ValueType.CHOICE).allowed("exponential", "fixed").defaultValue("exponential"),
        key("transport", ValueType.CHOICE).allowed("amqp", "amqp_websockets").defaultValue("amqp"),
        key("max_open_batches", ValueType.POSITIVE_LONG).defaultValue("256")
            .description("open batches (one per partition key) per task before the oldest is sent"));
    sink(
        "console",
        key("num_rows", ValueType.POSITIVE_LONG).defaultValue("20"),
        key("truncate", ValueType.BOOLEAN).defaultValue("true"));
    sink("noop");
    required("kinesis", "stream_name");
    required("delta", "path", "table_name");
    required("kafka", "bootstrap_servers");
    required("kafka", "topic", "topic_pattern");
    required("eventhubs", "connection_string", "fully_qualified_namespace");
    required("files", "path");
    sink(
        "files",
        key("path", ValueType.STRING),
        key("file_format", ValueType.CHOICE)
            .allowed("parquet", "json", "orc")
            .defaultValue("parquet"));
  }

  private ConfigKeys() {}

  private static void general(SettingKey.Builder key) {
    GENERAL.add(key.build());
  }

  private static void sink(String type, SettingKey.Builder... keys) {
    List<SettingKey> list = new ArrayList<>();
    for (SettingKey.Builder k : keys) {
      list.add(k.build());
    }
    SINK.put(type, Collections.unmodifiableList(list));
  }

  /** At least one of {@code names} must be set for the sink type. */
  private static void required(String type, String... names) {
    List<List<String>> groups = REQUIRED.get(type);
    if (groups == null) {
      groups = new ArrayList<>();
      REQUIRED.put(type, groups);
    }
    List<String> paths = new ArrayList<>();
    for (String n : names) {
      paths.add("sink_config." + n);
    }
    groups.add(Collections.unmodifiableList(paths));
  }

  /**
   * What a sink type needs: each group lists paths of which at least one must be set
   * (a group of one is simply a required key).
   */
  public static List<List<String>> requiredGroups(String sinkType) {
    List<List<String>> groups = REQUIRED.get(sinkType.toLowerCase(Locale.ROOT));
    return groups == null ? Collections.<List<String>>emptyList() : Collections.unmodifiableList(groups);
  }

  /** A builder for {@code sink_config.<name>}. */
  private static SettingKey.Builder key(String name, ValueType type) {
    return SettingKey.builder("sink_config." + name, type);
  }

  /** Settings that apply whatever the sink. */
  public static List<SettingKey> general() {
    return Collections.unmodifiableList(GENERAL);
  }

  /** The {@code sink_config.*} keys of one sink type (without type and partition_key_field). */
  public static List<SettingKey> sinkKeys(String sinkType) {
    List<SettingKey> keys = SINK.get(sinkType.toLowerCase(Locale.ROOT));
    if (keys == null) {
      throw new IllegalArgumentException("unknown sink type " + sinkType);
    }
    return keys;
  }

  /** All keys valid for a sink type: the general ones and that sink's. */
  public static List<SettingKey> forSink(String sinkType) {
    List<SettingKey> all = new ArrayList<>(GENERAL);
    all.addAll(sinkKeys(sinkType));
    return Collections.unmodifiableList(all);
  }

  /** The key at {@code path} for a sink type, or null. */
  public static SettingKey find(String sinkType, String path) {
    for (SettingKey k : forSink(sinkType)) {
      if (k.path().equals(path)) {
        return k;
      }
    }
    return null;
  }

  /** True for passthrough keys such as {@code sink_config.kafka.acks}. */
  public static boolean isPassthrough(String path) {
    for (String prefix : PASSTHROUGH_PREFIXES) {
      if (path.startsWith("sink_config." + prefix) && path.length() > ("sink_config." + prefix).length()) {
        return true;
      }
    }
    return false;
  }
}
