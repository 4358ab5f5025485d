package dev.streamgen.runtime.sink;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code sink_config} keys of one run, secrets already resolved, read case-insensitively.
 * Never log {@link #asMap()}: it may hold credentials.
 */
public final class SinkOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Not a {@code sink_config} key: the job adds the run's {@code serialization_format} under this
   * name, for sinks that label payloads by format.
   */
  public static final String SERIALIZATION_FORMAT = "serialization_format";

  private final String type;
  private final Map<String, String> values;

  public SinkOptions(String type, Map<String, String> values) {
    this.type = type.toLowerCase(Locale.ROOT);
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(values);
    this.values = Collections.unmodifiableMap(copy);
  }

  public String type() {
    return type;
  }

  public Map<String, String> asMap() {
    return values;
  }

  public String get(String key, String defaultValue) {
    String v = values.get(key);
    return v == null ? defaultValue : v;
  }

  /** The value of a required key; the error names the key and the sink. */
  public String require(String key) {
    String v = values.get(key);
    if (v == null || v.trim().isEmpty()) {
      throw new IllegalArgumentException(
          "sink_config." + key + " is required for sink type '" + type + "'");
    }
    return v;
  }

  public long getLong(String key, long defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "sink_config." + key + " must be a whole number, got '" + v + "'");
    }
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return Boolean.parseBoolean(t);
    }
    throw new IllegalArgumentException("sink_config." + key + " must be true or false, got '" + v + "'");
  }

  @Override
  public String toString() {
    // Keys only: values may be secrets.
    return "SinkOptions{type=" + type + ", keys=" + values.keySet() + "}";
  }
}
