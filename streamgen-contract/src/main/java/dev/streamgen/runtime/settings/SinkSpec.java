package dev.streamgen.runtime.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One sink type's row of the settings table: its {@code sink_config} keys, which of them are required
 * (at least one of each group) or exclusive (at most one of each group), and the prefix of keys passed
 * through to its client library ({@code kafka.*}). Checked alike by the compiler (YAML) and the runtime
 * ({@code --set}, the data sources' options).
 */
public final class SinkSpec {
  private final String type;
  private final List<SettingKey> keys;
  private final List<List<SettingKey>> requiredGroups;
  private final List<List<SettingKey>> exclusiveGroups;
  private final String passthroughPrefix;
  private final Condition passthroughWhen;
  private final java.util.Map<List<SettingKey>, String> requiredHints;

  private SinkSpec(Builder b) {
    this.requiredHints = Collections.unmodifiableMap(new java.util.HashMap<>(b.requiredHints));
    this.type = b.type;
    this.keys = Collections.unmodifiableList(new ArrayList<>(b.keys));
    this.requiredGroups = Collections.unmodifiableList(new ArrayList<>(b.requiredGroups));
    this.exclusiveGroups = Collections.unmodifiableList(new ArrayList<>(b.exclusiveGroups));
    this.passthroughPrefix = b.passthroughPrefix;
    this.passthroughWhen = b.passthroughWhen;
  }

  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** The value of {@code sink_config.type}. */
  public String type() {
    return type;
  }

  /** The {@code sink_config.*} keys of this sink (without type and partition_key_field). */
  public List<SettingKey> keys() {
    return keys;
  }

  /** The key named {@code name} (last path segment, any case), or null. */
  public SettingKey key(String name) {
    for (SettingKey k : keys) {
      if (k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    return null;
  }

  /** Groups of which at least one key must be set (a group of one: a required key). */
  public List<List<SettingKey>> requiredGroups() {
    return requiredGroups;
  }

  /** What to write when {@code group} is missing (appended to the message), or null. */
  public String requiredHint(List<SettingKey> group) {
    return requiredHints.get(group);
  }

  /** Groups of which at most one key may be set. */
  public List<List<SettingKey>> exclusiveGroups() {
    return exclusiveGroups;
  }

  /** The prefix of keys handed to the client library as they are ({@code kafka.}), or null. */
  public String passthroughPrefix() {
    return passthroughPrefix;
  }

  /** The mode in which pass-through keys apply, or null when always. */
  public Condition passthroughWhen() {
    return passthroughWhen;
  }

  /** True for a pass-through key name such as {@code kafka.acks} (something after the prefix). */
  public boolean isPassthrough(String name) {
    return passthroughPrefix != null
        && name.length() > passthroughPrefix.length()
        && name.regionMatches(true, 0, passthroughPrefix, 0, passthroughPrefix.length());
  }

  @Override
  public String toString() {
    return type;
  }

  /** Builds a {@link SinkSpec}. */
  public static final class Builder {
    private final String type;
    private final List<SettingKey> keys = new ArrayList<>();
    private final List<List<SettingKey>> requiredGroups = new ArrayList<>();
    private final List<List<SettingKey>> exclusiveGroups = new ArrayList<>();
    private String passthroughPrefix;
    private Condition passthroughWhen;
    private final java.util.Map<List<SettingKey>, String> requiredHints = new java.util.HashMap<>();

    private Builder(String type) {
      this.type = type;
    }

    public Builder keys(SettingKey... k) {
      keys.addAll(Arrays.asList(k));
      return this;
    }

    /** At least one of {@code group} must be set. */
    public Builder required(SettingKey... group) {
      requiredGroups.add(Collections.unmodifiableList(Arrays.asList(group)));
      return this;
    }

    /** At least one of {@code group} must be set; {@code hint} says what to write. */
    public Builder required(String hint, SettingKey... group) {
      required(group);
      requiredHints.put(requiredGroups.get(requiredGroups.size() - 1), hint);
      return this;
    }

    /** At most one of {@code group} may be set. */
    public Builder exclusive(SettingKey... group) {
      exclusiveGroups.add(Collections.unmodifiableList(Arrays.asList(group)));
      return this;
    }

    public Builder passthrough(String prefix, Condition when) {
      this.passthroughPrefix = prefix;
      this.passthroughWhen = when;
      return this;
    }

    public SinkSpec build() {
      for (List<SettingKey> g : requiredGroups) {
        checkOwn(g);
      }
      for (List<SettingKey> g : exclusiveGroups) {
        checkOwn(g);
      }
      return new SinkSpec(this);
    }

    private void checkOwn(List<SettingKey> group) {
      if (!keys.containsAll(group)) {
        throw new IllegalStateException("sink " + type + ": group " + group + " names keys it does not have");
      }
    }
  }
}
