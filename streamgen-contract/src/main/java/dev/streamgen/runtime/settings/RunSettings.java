package dev.streamgen.runtime.settings;

import dev.streamgen.runtime.api.Format;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one run, merged from layers (later wins): the defaults in {@link ConfigKeys}, the
 * YAML compiled into the jar, a {@code --config} file, then {@code --set} overrides; all validated
 * against {@link ConfigKeys}. Values are kept as written: secret references stay unresolved here
 * (see {@link SecretResolver}), so a RunSettings is safe to print.
 *
 * <p>When a layer switches {@code sink_config.type}, the sink keys of earlier layers are dropped: they
 * configured another sink.
 */
public final class RunSettings {
  private static final String SINK_PREFIX = "sink_config.";
  private static final String SINK_TYPE = ConfigKeys.SINK_TYPE.path();
  private static final String PARTITION_KEY_FIELD = ConfigKeys.PARTITION_KEY_FIELD.path();

  private final Map<String, SettingSource.Entry> values;
  private final SinkSpec sink;

  private RunSettings(Map<String, SettingSource.Entry> values, SinkSpec sink) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.sink = sink;
  }

  /** Merges and validates {@code layers}, lowest precedence first; throws with every problem found. */
  public static RunSettings of(List<SettingSource> layers) {
    Map<String, SettingSource.Entry> merged = new LinkedHashMap<>();
    String type = ConfigKeys.SINK_TYPE.defaultValue();
    for (SettingSource layer : layers) {
      for (SettingSource.Entry e : layer.entries()) {
        if (e.path().equals(SINK_TYPE)) {
          String newType = e.value().trim().toLowerCase(Locale.ROOT);
          if (!newType.equals(type)) {
            dropSinkKeys(merged);
            type = newType;
          }
        }
      }
      for (SettingSource.Entry e : layer.entries()) {
        dropReplaced(merged, type, e.path());
        merged.put(e.path(), e);
      }
    }
    SinkSpec spec = ConfigKeys.sink(type);
    SettingSource.Entry typeEntry = merged.get(SINK_TYPE);
    if (spec == null) {
      throw new SettingsException(
          Collections.singletonList(
              typeEntry.origin() + ": '" + typeEntry.value() + "' is not valid for " + SINK_TYPE
                  + ": expected one of " + String.join(", ", ConfigKeys.sinkTypes())
                  + DidYouMean.hint(typeEntry.value(), ConfigKeys.sinkTypes())));
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> sinkValues = new LinkedHashMap<>();
    for (SettingSource.Entry e : merged.values()) {
      SettingKey key = ConfigKeys.general(e.path());
      if (key != null) {
        String reason = key.check(e.value());
        if (reason != null) {
          problems.add(e.origin() + ": '" + e.value() + "' is not valid for " + key.path() + ": " + reason);
        }
      } else if (e.path().startsWith(SINK_PREFIX)) {
        sinkValues.put(e.path().substring(SINK_PREFIX.length()), e.value());
      } else {
        problems.add(e.origin() + ": unknown setting '" + e.path() + "'" + DidYouMean.hint(e.path(), knownPaths(type)));
      }
    }
    if (problems.isEmpty()) {
      for (FaultKeys.Problem p : FaultKeys.check(faultValues(merged))) {
        SettingSource.Entry at = merged.get(p.path());
        problems.add((at == null ? "faults" : at.origin()) + ": " + p.message());
      }
    }
    for (SinkConfigCheck.Problem p : SinkConfigCheck.check(spec, sinkValues, Collections.<String>emptyList())) {
      SettingSource.Entry at = p.key() == null ? typeEntry : merged.get(SINK_PREFIX + p.key());
      problems.add((at == null ? "sink_config" : at.origin()) + ": " + p.message());
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return new RunSettings(merged, spec);
  }

  private static Map<String, String> faultValues(Map<String, SettingSource.Entry> merged) {
    Map<String, String> m = new LinkedHashMap<>();
    for (SettingSource.Entry e : merged.values()) {
      if (e.path().startsWith(FaultKeys.SECTION)) {
        m.put(e.path(), e.value());
      }
    }
    return m;
  }

  /**
   * The {@code faults.*} settings that differ from their defaults, as {@code name=value} pairs joined
   * by commas (the source option {@code faults}), or null when none is set.
   */
  public String faults() {
    StringBuilder b = new StringBuilder();
    for (SettingKey k : FaultKeys.ALL) {
      SettingSource.Entry e = values.get(k.path());
      if (e != null) {
        b.append(b.length() == 0 ? "" : ",").append(k.name()).append('=').append(e.value().trim());
      }
    }
    return b.length() == 0 ? null : b.toString();
  }

  private static List<String> knownPaths(String type) {
    List<String> known = new ArrayList<>();
    for (SettingKey k : ConfigKeys.forSink(type)) {
      known.add(k.path());
    }
    return known;
  }

  /** A layer that sets a key drops what earlier layers gave the keys it replaces. */
  private static void dropReplaced(Map<String, SettingSource.Entry> merged, String type, String path) {
    SinkSpec spec = ConfigKeys.sink(type);
    if (spec == null || !path.startsWith(SINK_PREFIX)) {
      return;
    }
    SettingKey key = spec.key(path.substring(SINK_PREFIX.length()));
    if (key != null) {
      for (String replaced : key.replaces()) {
        merged.remove(SINK_PREFIX + replaced);
      }
    }
  }

  private static void dropSinkKeys(Map<String, SettingSource.Entry> merged) {
    Iterator<String> it = merged.keySet().iterator();
    while (it.hasNext()) {
      String path = it.next();
      if (path.startsWith(SINK_PREFIX) && !path.equals(SINK_TYPE) && !path.equals(PARTITION_KEY_FIELD)) {
        it.remove();
      }
    }
  }

  /** The value of {@code path} as written, else its default from ConfigKeys, else null. */
  public String get(String path) {
    SettingSource.Entry e = values.get(path);
    if (e != null) {
      return e.value().trim();
    }
    SettingKey key = ConfigKeys.find(sink.type(), path);
    return key == null ? null : key.defaultValue();
  }

  /** Where the value of {@code path} came from (file:line:col, --set ...), or "default". */
  public String origin(String path) {
    SettingSource.Entry e = values.get(path);
    return e == null ? "default" : e.origin();
  }

  private long getLong(String path) {
    String v = get(path);
    return v == null ? 0 : Long.parseLong(v);
  }

  /** True for {@code generation_mode: batch}. */
  public boolean isBatch() {
    return "batch".equalsIgnoreCase(get("generation_mode"));
  }

  public long seed() {
    return getLong("seed");
  }

  public Format format() {
    return Format.parse(get("serialization_format"));
  }

  public long rowsPerSecond() {
    return getLong("streaming_config.total_rows_per_second");
  }

  /**
   * The stream's rate over time: {@code streaming_config.rate} when set, else a constant
   * {@code total_rows_per_second}.
   */
  public RateShape rate() {
    String shape = get(ConfigKeys.RATE.path());
    return shape == null ? RateShape.constant(rowsPerSecond()) : RateShape.parse(shape);
  }

  /** Row 0's event time from {@code streaming_config.event_time.start}, or null for "now". */
  public Long eventTimeStartMicros() {
    String v = get(ConfigKeys.EVENT_TIME_START.path());
    return v == null ? null : SettingKey.instantMicros(v);
  }

  /** Seconds of event time per wall-clock second ({@code streaming_config.event_time.speed}). */
  public double eventTimeSpeed() {
    return Double.parseDouble(get(ConfigKeys.EVENT_TIME_SPEED.path()));
  }

  /** True when either event-time key is set: the stream runs on a simulated clock. */
  public boolean simulatesEventTime() {
    return values.containsKey(ConfigKeys.EVENT_TIME_START.path())
        || values.containsKey(ConfigKeys.EVENT_TIME_SPEED.path());
  }

  /** Events after which a stream stops; 0: no limit. */
  public long maxEvents() {
    return getLong(ConfigKeys.MAX_EVENTS.path());
  }

  /** Partitions of a stream's micro-batches, or null for Spark's default parallelism. */
  public Integer streamingPartitions() {
    String v = get("streaming_config.partitions");
    return v == null ? null : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v));
  }

  /** 0: run until stopped. */
  public long durationSeconds() {
    return getLong("streaming_config.duration_seconds");
  }

  /** Null when unset. */
  public String checkpointLocation() {
    return get("streaming_config.checkpoint_location");
  }

  public long batchRows() {
    return getLong("batch_config.total_rows");
  }

  public int batchPartitions() {
    return (int) Math.min(Integer.MAX_VALUE, getLong("batch_config.partitions"));
  }

  public String sinkType() {
    return sink.type();
  }

  /** Null when unset: partition_key is then the event_type_id. */
  public String partitionKeyField() {
    return get(PARTITION_KEY_FIELD);
  }

  /**
   * The keys of the sink's own table row that were set (names without prefix; not {@code type} nor
   * {@code partition_key_field}), values as written (secret references unresolved). Defaults are
   * not filled in: the sink's options do that, for the keys of the sink's mode only.
   */
  public Map<String, String> sinkConfig() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, SettingSource.Entry> e : values.entrySet()) {
      String path = e.getKey();
      if (path.startsWith(SINK_PREFIX) && ConfigKeys.general(path) == null) {
        m.put(path.substring(SINK_PREFIX.length()), e.getValue().value().trim());
      }
    }
    return m;
  }

  /** Paths of settings that hold credentials (from ConfigKeys), for redaction. */
  public boolean isSecret(String path) {
    SettingKey k = ConfigKeys.find(sink.type(), path);
    return k != null && k.secret();
  }

  /** Every set value with its origin, secrets masked: for {@code --help}-style dumps and logs. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, SettingSource.Entry> e : values.entrySet()) {
      String v = isSecret(e.getKey()) && !SecretReference.containsReference(e.getValue().value())
          ? "<secret>"
          : e.getValue().value();
      sb.append(e.getKey()).append('=').append(v).append("  (").append(e.getValue().origin()).append(")\n");
    }
    return sb.toString();
  }
}
