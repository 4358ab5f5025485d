package dev.streamgen.runtime.settings;

/** Starts a {@code sink_config.<name>} entry of the settings table. */
final class SinkKey {
  static final String SECTION = "sink_config.";

  private SinkKey() {}

  static SettingKey.Builder key(String name, ValueType type) {
    return SettingKey.builder(SECTION + name, type);
  }
}
