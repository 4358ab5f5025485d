package dev.streamgen.runtime.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The settings table: every run-time setting streamgen understands, with its type, default, range,
 * required and exclusive groups, secret flag and the sink or mode it applies to. The compiler checks
 * the YAML against it at build time; {@link RunSettings} checks layers and {@code --set} against it;
 * each sink receives its options parsed and typed from it. The event definitions ({@code
 * common_fields}, {@code event_types}) are the compiler's and are not here.
 *
 * <p>Adding a sink key is one {@link SettingKey} in the sink's table ({@link KinesisKeys}, ...) plus
 * its docs; adding a sink is one {@link SinkSpec} registered in {@link #SINKS} plus its writer.
 */
public final class ConfigKeys {

  public static final SettingKey GENERATION_MODE =
      general("generation_mode", ValueType.CHOICE)
          .allowed("streaming", "batch")
          .defaultValue("streaming")
          .description("stream at a rate, or write a fixed number of rows")
          .build();
  public static final SettingKey SEED =
      general("seed", ValueType.LONG).defaultValue("0").description("the same seed and config give the same events").build();
  public static final SettingKey SERIALIZATION_FORMAT =
      general("serialization_format", ValueType.CHOICE)
          .allowed("json", "avro", "binary", "protobuf")
          .defaultValue("json")
          .description("payload encoding; byte layouts in docs/formats.md")
          .build();
  public static final SettingKey ROWS_PER_SECOND =
      general("streaming_config.total_rows_per_second", ValueType.POSITIVE_LONG)
          .defaultValue("1000")
          .description("total events per second across all types, split by weight")
          .build();
  public static final SettingKey RATE =
      general("streaming_config.rate", ValueType.RATE_SHAPE)
          .description(
              "the rate over time: constant, ramp, daily, weekly, bursts or stages (docs/config.md);"
                  + " replaces total_rows_per_second")
          .build();
  public static final SettingKey EVENT_TIME_START =
      general("streaming_config.event_time.start", ValueType.INSTANT)
          .description(
              "simulated time: row 0's event time (ISO-8601, e.g. 2026-01-01T00:00:00Z) instead of now;"
                  + " the rate shape is applied from there, in streams and batches")
          .build();
  public static final SettingKey EVENT_TIME_SPEED =
      general("streaming_config.event_time.speed", ValueType.POSITIVE_NUMBER)
          .defaultValue("1")
          .description("seconds of event time a stream covers per wall-clock second (60: an hour a minute)")
          .build();
  public static final SettingKey MAX_EVENTS =
      general("streaming_config.max_events", ValueType.NON_NEGATIVE_LONG)
          .defaultValue("0")
          .description("stop once this many events are committed; 0: no limit")
          .build();
  public static final SettingKey STREAMING_PARTITIONS =
      general("streaming_config.partitions", ValueType.POSITIVE_LONG)
          .range(1, Integer.MAX_VALUE)
          .description("parallel readers per micro-batch (default: Spark's default parallelism)")
          .build();
  public static final SettingKey DURATION_SECONDS =
      general("streaming_config.duration_seconds", ValueType.NON_NEGATIVE_LONG)
          .defaultValue("0")
          .description(
              "stop once the events of this many seconds of event time from the first row are committed;"
                  + " 0 runs until stopped")
          .build();
  public static final SettingKey CHECKPOINT_LOCATION =
      general("streaming_config.checkpoint_location", ValueType.STRING)
          .description("where a streaming query keeps offsets, so a restart continues the sequence")
          .build();
  public static final SettingKey BATCH_ROWS =
      general("batch_config.total_rows", ValueType.POSITIVE_LONG)
          .defaultValue("1000000")
          .description("rows a batch run writes")
          .build();
  public static final SettingKey BATCH_PARTITIONS =
      general("batch_config.partitions", ValueType.POSITIVE_LONG)
          .defaultValue("8")
          .range(1, Integer.MAX_VALUE)
          .description("Spark partitions of a batch run")
          .build();

  /** Every sink type and its keys; the order is the order of docs and messages. */
  private static final List<SinkSpec> SINKS =
      Collections.unmodifiableList(
          Arrays.asList(
              KinesisKeys.SPEC,
              LocalSinkKeys.DELTA,
              KafkaKeys.SPEC,
              EventHubsKeys.SPEC,
              LocalSinkKeys.CONSOLE,
              LocalSinkKeys.NOOP,
              LocalSinkKeys.FILES));

  public static final SettingKey SINK_TYPE =
      general("sink_config.type", ValueType.CHOICE)
          .allowed(typeNames())
          .defaultValue("console")
          .description("where events go")
          .build();
  public static final SettingKey PARTITION_KEY_FIELD =
      general("sink_config.partition_key_field", ValueType.STRING)
          .description("field whose value becomes partition_key (default: event_type_id)")
          .build();

  private static final List<SettingKey> GENERAL =
      Collections.unmodifiableList(
          Arrays.asList(
              GENERATION_MODE,
              SEED,
              SERIALIZATION_FORMAT,
              ROWS_PER_SECOND,
              RATE,
              EVENT_TIME_START,
              EVENT_TIME_SPEED,
              STREAMING_PARTITIONS,
              DURATION_SECONDS,
              MAX_EVENTS,
              CHECKPOINT_LOCATION,
              BATCH_ROWS,
              BATCH_PARTITIONS,
              SINK_TYPE,
              PARTITION_KEY_FIELD,
              RegistryKeys.TYPE,
              RegistryKeys.URL,
              RegistryKeys.SUBJECT_STRATEGY,
              RegistryKeys.USERNAME,
              RegistryKeys.PASSWORD,
              RegistryKeys.SCHEMAS,
              // faults.*: FaultKeys, last so the sections above keep their order.
              FaultKeys.LATE_SHARE,
              FaultKeys.LATE_DELAY,
              FaultKeys.LATE_MIN_SECONDS,
              FaultKeys.LATE_MAX_SECONDS,
              FaultKeys.LATE_MEAN_SECONDS,
              FaultKeys.OUT_OF_ORDER_SHARE,
              FaultKeys.OUT_OF_ORDER_WINDOW_SECONDS,
              FaultKeys.DUPLICATE_SHARE,
              FaultKeys.DUPLICATE_WINDOW_ROWS,
              FaultKeys.DROP_SHARE,
              FaultKeys.GROUND_TRUTH));

  private ConfigKeys() {}

  private static SettingKey.Builder general(String path, ValueType type) {
    return SettingKey.builder(path, type);
  }

  private static String[] typeNames() {
    String[] names = new String[SINKS.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = SINKS.get(i).type();
    }
    return names;
  }

  /** The sink types, in the table's order. */
  public static List<String> sinkTypes() {
    return Collections.unmodifiableList(Arrays.asList(typeNames()));
  }

  /** The table row of sink {@code type} (any case), or null for an unknown type. */
  public static SinkSpec sink(String type) {
    for (SinkSpec s : SINKS) {
      if (s.type().equalsIgnoreCase(type.trim())) {
        return s;
      }
    }
    return null;
  }

  /** Settings that apply whatever the sink. */
  public static List<SettingKey> general() {
    return GENERAL;
  }

  /** The {@code sink_config.*} keys of one sink type (without type and partition_key_field). */
  public static List<SettingKey> sinkKeys(String sinkType) {
    SinkSpec spec = sink(sinkType);
    if (spec == null) {
      throw new IllegalArgumentException("unknown sink type " + sinkType);
    }
    return spec.keys();
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

  /** True for a sink's pass-through key such as {@code sink_config.kafka.acks}. */
  public static boolean isPassthrough(String sinkType, String path) {
    SinkSpec spec = sink(sinkType);
    return spec != null
        && path.startsWith(SinkKey.SECTION)
        && spec.isPassthrough(path.substring(SinkKey.SECTION.length()));
  }

  /** The general setting at {@code path} (a dotted path), or null. */
  public static SettingKey general(String path) {
    for (SettingKey k : GENERAL) {
      if (k.path().equals(path)) {
        return k;
      }
    }
    return null;
  }
}
