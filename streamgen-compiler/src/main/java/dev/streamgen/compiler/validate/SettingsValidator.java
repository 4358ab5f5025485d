package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.Setting;
import dev.streamgen.compiler.model.Settings;
import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.SettingKey;
import dev.streamgen.runtime.settings.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the run-time settings of a YAML file (everything but common_fields and event_types)
 * against the one registry the runtime also uses, {@link ConfigKeys}: known keys, value types,
 * the keys of the chosen sink and the ones it requires, secret references.
 */
final class SettingsValidator {
  static final String SINK_SECTION = "sink_config";
  private static final String SINK_TYPE = "sink_config.type";

  private final Problems problems;
  private final Settings.Builder settings = Settings.builder();

  SettingsValidator(Problems problems) {
    this.problems = problems;
  }

  /** Top-level keys that hold settings: {@code generation_mode}, {@code streaming_config}, ... */
  static List<String> topLevelKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (SettingKey k : ConfigKeys.general()) {
      keys.add(k.path().contains(".") ? k.path().substring(0, k.path().indexOf('.')) : k.path());
    }
    return List.copyOf(keys);
  }

  /** Checks every settings entry of the root mapping; returns what was set. */
  Settings validate(MapNode root) {
    String sinkType = sinkType(root);
    for (MapNode.Entry entry : root.entries()) {
      String key = entry.name();
      if (!topLevelKeys().contains(key)) {
        continue;
      }
      if (isSection(key)) {
        section(key, entry.value(), sinkType);
      } else {
        value(ConfigKeys.find(defaultSink(), key), key, entry.value());
      }
    }
    if (sinkType != null) {
      requiredSinkKeys(root, sinkType);
    }
    return settings.build();
  }

  private static boolean isSection(String key) {
    return ConfigKeys.general().stream().anyMatch(k -> k.path().startsWith(key + "."));
  }

  private static String defaultSink() {
    return ConfigKeys.general().stream()
        .filter(k -> k.path().equals(SINK_TYPE))
        .findFirst()
        .orElseThrow()
        .defaultValue();
  }

  /** The sink type (lower case), the default when unset, or null when it is invalid (reported later). */
  private String sinkType(MapNode root) {
    Node sink = root.get(SINK_SECTION).orElse(null);
    if (!(sink instanceof MapNode map) || map.get("type").isEmpty()) {
      return defaultSink();
    }
    Node type = map.get("type").get();
    if (type instanceof ScalarNode s && ConfigKeys.SINK_TYPES.contains(s.text().trim().toLowerCase())) {
      return s.text().trim().toLowerCase();
    }
    return null;
  }

  private void section(String section, Node node, String sinkType) {
    if (node instanceof ScalarNode s && s.isNull()) {
      return; // "streaming_config:" with nothing under it: nothing set.
    }
    if (!(node instanceof MapNode map)) {
      problems.add(node, section + " must be a mapping, got " + FieldScope.shape(node));
      return;
    }
    List<MapNode.Entry> entries = new ArrayList<>();
    flatten(section, map, entries);
    for (MapNode.Entry e : entries) {
      String path = e.name();
      String name = path.substring(section.length() + 1);
      if (section.equals(SINK_SECTION)) {
        sinkKey(path, name, e, sinkType);
      } else {
        SettingKey key = ConfigKeys.find(defaultSink(), path);
        if (key == null) {
          problems.add(
              e.key(), section + ": unknown key '" + name + "'" + DidYouMean.hint(name, names(section, defaultSink())));
        } else {
          value(key, path, e.value());
        }
      }
    }
  }

  private void sinkKey(String path, String name, MapNode.Entry e, String sinkType) {
    if (path.equals(SINK_TYPE)) {
      value(ConfigKeys.find(defaultSink(), SINK_TYPE), path, e.value());
      return;
    }
    if (sinkType == null) {
      return; // the type itself is wrong; its keys cannot be judged.
    }
    if (ConfigKeys.isPassthrough(path)) {
      value(SettingKey.builder(path, ValueType.STRING).build(), path, e.value());
      return;
    }
    SettingKey key = ConfigKeys.find(sinkType, path);
    if (key != null) {
      value(key, path, e.value());
      return;
    }
    List<String> owners = new ArrayList<>();
    for (String other : ConfigKeys.SINK_TYPES) {
      if (ConfigKeys.find(other, path) != null) {
        owners.add(other);
      }
    }
    String message =
        owners.isEmpty()
            ? "unknown key '" + name + "' for sink type '" + sinkType + "'" + DidYouMean.hint(name, names(SINK_SECTION, sinkType))
            : "key '" + name + "' does not apply to sink type '" + sinkType + "' (it is for " + String.join(", ", owners) + ")";
    problems.add(e.key(), SINK_SECTION + ": " + message);
  }

  /** Nested mappings under a section become dotted paths ({@code kafka: {acks: all}} → kafka.acks). */
  private static void flatten(String prefix, MapNode map, List<MapNode.Entry> out) {
    for (MapNode.Entry e : map.entries()) {
      String path = prefix + "." + e.name();
      if (e.value() instanceof MapNode nested && ConfigKeys.isPassthrough(path + ".x")) {
        flatten(path, nested, out);
      } else {
        out.add(new MapNode.Entry(ScalarNode.string(path, e.key().location()), e.value()));
      }
    }
  }

  /** Key names (last segment) valid in a section for a sink type. */
  private static List<String> names(String section, String sinkType) {
    List<String> names = new ArrayList<>();
    for (SettingKey k : ConfigKeys.forSink(sinkType)) {
      if (k.path().startsWith(section + ".")) {
        names.add(k.path().substring(section.length() + 1));
      }
    }
    return names;
  }

  private void value(SettingKey key, String path, Node node) {
    if (!(node instanceof ScalarNode s) || s.isNull()) {
      problems.add(node, path + " must be " + key.type().description() + ", got " + FieldScope.shape(node));
      return;
    }
    String text = s.text();
    if (text.contains("{{")) {
      Setting setting = new Setting(path, text, s.location());
      if (key.type() != ValueType.STRING) {
        problems.add(
            s, path + ": secret references are only allowed in string settings; " + path + " takes " + key.type().description());
      } else if (!setting.isSecretReference()) {
        problems.add(s, path + ": malformed secret reference '" + text + "'; write {{secrets/<scope>/<key>}}");
      } else {
        settings.add(setting);
      }
      return;
    }
    String reason = key.check(text);
    if (reason != null) {
      problems.add(s, "'" + text + "' is not valid for " + path + ": " + reason);
      return;
    }
    settings.add(new Setting(path, text, s.location()));
  }

  private void requiredSinkKeys(MapNode root, String sinkType) {
    Node sink = root.get(SINK_SECTION).orElse(null);
    if (!(sink instanceof MapNode map)) {
      return;
    }
    for (List<String> group : ConfigKeys.requiredGroups(sinkType)) {
      boolean present = group.stream().anyMatch(p -> map.get(p.substring(SINK_SECTION.length() + 1)).isPresent());
      if (!present) {
        List<String> names = group.stream().map(p -> "'" + p.substring(SINK_SECTION.length() + 1) + "'").toList();
        problems.add(
            map,
            SINK_SECTION
                + ": sink type '"
                + sinkType
                + "' needs "
                + (names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names)));
      }
    }
  }

}
