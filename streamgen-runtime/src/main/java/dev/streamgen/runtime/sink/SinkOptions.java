package dev.streamgen.runtime.sink;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.SettingKey;
import dev.streamgen.runtime.settings.SinkConfigCheck;
import dev.streamgen.runtime.settings.SinkSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sink's {@code sink_config}, parsed once against the settings table ({@link ConfigKeys}): every
 * value typed, defaults of the sink's mode filled in, the table's rules (ranges, modes, required and
 * exclusive keys) checked. Secrets are already resolved: never log values; {@link #toString()} shows
 * key names only. The run's payload format travels beside the keys, not among them.
 */
public final class SinkOptions implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Keys Spark or the runtime put among a data source's options; not the sink's to judge. */
  private static final List<String> OTHER_LAYERS =
      Collections.unmodifiableList(Arrays.asList("type", "partition_key_field", "checkpointLocation", "path"));

  /**
   * The data sources' option naming the run's payload format ({@code streamgen-kinesis},
   * {@code streamgen-eventhubs}): Spark options are strings, so the format travels as one.
   */
  public static final String FORMAT_OPTION = "serialization_format";

  private final String type;
  private final Map<String, String> raw;
  private final Map<String, Object> values;
  private final Map<String, String> passthrough;
  private final Format format;

  /** Parses {@code raw} for a run whose payload format is unknown (Avro is then recognised per row). */
  public SinkOptions(String type, Map<String, String> raw) {
    this(type, raw, null);
  }

  /**
   * Parses {@code raw} (names under sink_config, any case) for sink {@code type} and the run's format.
   *
   * @throws IllegalArgumentException listing every problem, each naming the key, the value (never a
   *     secret's) and the fix
   */
  public SinkOptions(String type, Map<String, String> raw, Format format) {
    SinkSpec spec = ConfigKeys.sink(type);
    if (spec == null) {
      throw new IllegalArgumentException(
          "sink_config.type '" + type + "' is not a sink type: expected one of "
              + String.join(", ", ConfigKeys.sinkTypes()));
    }
    List<String> ignored = new ArrayList<>(OTHER_LAYERS);
    if (spec.key("path") != null) {
      ignored.remove("path");
    }
    List<String> problems = new ArrayList<>();
    for (SinkConfigCheck.Problem p : SinkConfigCheck.check(spec, raw, ignored)) {
      problems.add(p.message());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(raw);
    Map<String, Object> typed = new HashMap<>();
    for (SettingKey key : spec.keys()) {
      String v = byName.get(key.name());
      if (v != null && !v.trim().isEmpty()) {
        typed.put(key.name(), key.parse(v));
      } else if (key.defaultValue() != null && SinkConfigCheck.applies(key, spec, byName)) {
        typed.put(key.name(), key.parse(key.defaultValue()));
      }
    }
    Map<String, String> through = new TreeMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      if (spec.isPassthrough(e.getKey())) {
        through.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      }
    }
    this.type = spec.type();
    TreeMap<String, String> rawCopy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    rawCopy.putAll(raw);
    this.raw = Collections.unmodifiableMap(rawCopy);
    this.values = Collections.unmodifiableMap(typed);
    this.passthrough = Collections.unmodifiableMap(through);
    this.format = format;
  }

  /**
   * Parses the options Spark hands a data source ({@code .option(...)} keys, any case, plus {@link
   * #FORMAT_OPTION} when the runtime wrote them).
   */
  public static SinkOptions fromDataSource(String type, Map<String, String> sparkOptions) {
    Map<String, String> raw = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    raw.putAll(sparkOptions);
    String format = raw.remove(FORMAT_OPTION);
    return new SinkOptions(type, raw, format == null ? null : Format.parse(format));
  }

  /**
   * The keys as given, plus the format, for handing to a data source ({@link #fromDataSource} reads
   * them back on the other side). May hold secrets: never log it.
   */
  public Map<String, String> dataSourceOptions() {
    Map<String, String> m = new TreeMap<>(raw);
    m.remove("type");
    if (format != null) {
      m.put(FORMAT_OPTION, format.configName());
    }
    return m;
  }

  /** The sink type, as the table spells it. */
  public String type() {
    return type;
  }

  /** The run's payload format, or null when the caller did not say. */
  public Format format() {
    return format;
  }

  /** True when {@code key} has a value (set, or a default of the sink's mode). */
  public boolean has(SettingKey key) {
    return values.containsKey(own(key).name());
  }

  /** A text value (strings, choices, URLs), or null when unset without default. */
  public String text(SettingKey key) {
    Object v = values.get(own(key).name());
    return v == null ? null : v.toString();
  }

  /** A whole number; the key must have a value ({@link #has}) or a default. */
  public long number(SettingKey key) {
    return (Long) require(key);
  }

  /** A whole number the table bounds to the int range. */
  public int intNumber(SettingKey key) {
    return Math.toIntExact(number(key));
  }

  public boolean flag(SettingKey key) {
    return (Boolean) require(key);
  }

  /** The pass-through keys ({@code kafka.acks} → value), lower-cased names, prefix kept. May hold secrets. */
  public Map<String, String> passthrough() {
    return passthrough;
  }

  private Object require(SettingKey key) {
    Object v = values.get(own(key).name());
    if (v == null) {
      throw new IllegalStateException(key.path() + " has no value and no default");
    }
    return v;
  }

  private SettingKey own(SettingKey key) {
    if (ConfigKeys.sink(type).key(key.name()) != key) {
      throw new IllegalArgumentException(key.path() + " is not a key of sink type '" + type + "'");
    }
    return key;
  }

  @Override
  public String toString() {
    // Keys only: values may be secrets.
    return "SinkOptions{type=" + type + ", keys=" + new TreeMap<>(values).keySet()
        + ", passthrough=" + passthrough.keySet() + ", format=" + format + "}";
  }
}
