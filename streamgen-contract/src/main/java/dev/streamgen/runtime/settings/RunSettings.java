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
  private static final String SINK_TYPE = "sink_config.type";
  private static final String PARTITION_KEY_FIELD = "sink_config.partition_key_field";

  private final Map<String, SettingSource.Entry> values;
  private final String sinkType;

  private RunSettings(Map<String, SettingSource.Entry> values, String sinkType) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.sinkType = sinkType;
  }

  /** Merges and validates {@code layers}, lowest precedence first; throws with every problem found. */
  public static RunSettings of(List<SettingSource> layers) {
    Map<String, SettingSource.Entry> merged = new LinkedHashMap<>();
    String type = defaultOf(SINK_TYPE);
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
        merged.put(e.path(), e);
      }
    }
    List<String> problems = new ArrayList<>();
    SettingSource.Entry typeEntry = merged.get(SINK_TYPE);
    if (typeEntry != null && !ConfigKeys.SINK_TYPES.contains(type)) {
      problems.add(
          typeEntry.origin()
              + ": '"
              + typeEntry.value()
              + "' is not valid for "
              + SINK_TYPE
              + ": expected one of "
              + String.join(", ", ConfigKeys.SINK_TYPES)
              + DidYouMean.hint(typeEntry.value(), ConfigKeys.SINK_TYPES));
      throw new SettingsException(problems);
    }
    List<String> known = new ArrayList<>();
    for (SettingKey k : ConfigKeys.forSink(type)) {
      known.add(k.path());
    }
    for (SettingSource.Entry e : merged.values()) {
      if (ConfigKeys.isPassthrough(e.path())) {
        continue;
      }
      SettingKey key = ConfigKeys.find(type, e.path());
      if (key == null) {
        problems.add(unknown(e, type, known));
        continue;
      }
      String reason = key.check(e.value());
      if (reason != null && !SecretReference.containsReference(e.value())) {
        String shown = key.secret() ? "the value" : "'" + e.value() + "'";
        problems.add(e.origin() + ": " + shown + " is not valid for " + key.path() + ": " + reason);
      }
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return new RunSettings(merged, type);
  }

  private static String unknown(SettingSource.Entry e, String type, List<String> known) {
    // An exact key of another sink type explains more than a near miss in this one.
    if (e.path().startsWith(SINK_PREFIX)) {
      for (String other : ConfigKeys.SINK_TYPES) {
        if (!other.equals(type) && ConfigKeys.find(other, e.path()) != null) {
          return e.origin()
              + ": unknown setting '"
              + e.path()
              + "'; it is a key of sink type '"
              + other
              + "', and sink_config.type is '"
              + type
              + "'";
        }
      }
    }
    return e.origin() + ": unknown setting '" + e.path() + "'" + DidYouMean.hint(e.path(), known);
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

  private static String defaultOf(String path) {
    for (SettingKey k : ConfigKeys.general()) {
      if (k.path().equals(path)) {
        return k.defaultValue();
      }
    }
    throw new IllegalStateException("no default for " + path);
  }

  /** The value of {@code path} as written, else its default from ConfigKeys, else null. */
  public String get(String path) {
    SettingSource.Entry e = values.get(path);
    if (e != null) {
      return e.value().trim();
    }
    SettingKey key = ConfigKeys.find(sinkType, path);
    return key == null ? null : key.defaultValue();
  }

  /** Where the value of {@code path} came from (file:line:col, --set ...), or "default". */
  public String origin(String path) {
    SettingSource.Entry e = values.get(path);
    return e == null ? "default" : e.origin();
  }

  /** True when the value was set by some layer (not a default). */
  public boolean isSet(String path) {
    return values.containsKey(path);
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
    return sinkType;
  }

  /** Null when unset: partition_key is then the event_type_id. */
  public String partitionKeyField() {
    return get(PARTITION_KEY_FIELD);
  }

  /**
   * The {@code sink_config} keys (without prefix, without {@code type}), defaults filled in, values
   * as written (secret references unresolved).
   */
  public Map<String, String> sinkConfig() {
    Map<String, String> m = new LinkedHashMap<>();
    for (SettingKey k : ConfigKeys.sinkKeys(sinkType)) {
      if (k.defaultValue() != null) {
        m.put(k.path().substring(SINK_PREFIX.length()), k.defaultValue());
      }
    }
    for (Map.Entry<String, SettingSource.Entry> e : values.entrySet()) {
      String path = e.getKey();
      if (path.startsWith(SINK_PREFIX) && !path.equals(SINK_TYPE)) {
        m.put(path.substring(SINK_PREFIX.length()), e.getValue().value().trim());
      }
    }
    return m;
  }

  /** Paths of settings that hold credentials (from ConfigKeys), for redaction. */
  public boolean isSecret(String path) {
    SettingKey k = ConfigKeys.find(sinkType, path);
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
