package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.Setting;
import dev.streamgen.compiler.model.Settings;
import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.RegistryKeys;
import dev.streamgen.runtime.settings.FaultKeys;
import dev.streamgen.runtime.settings.SettingKey;
import dev.streamgen.runtime.settings.SinkConfigCheck;
import dev.streamgen.runtime.settings.SinkSpec;
import dev.streamgen.runtime.settings.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the run-time settings of a YAML file (everything but common_fields and event_types)
 * against the one registry the runtime also uses, {@link ConfigKeys}: known keys, value types,
 * the keys of the chosen sink and the ones it requires, secret references.
 */
final class SettingsValidator {
  static final String SINK_SECTION = "sink_config";

  private final Problems problems;
  private final Settings.Builder settings = Settings.builder();
  /** The valid {@code faults.*} values and where they are, for the rules spanning keys. */
  private final Map<String, ScalarNode> faults = new LinkedHashMap<>();
  private boolean faultRejected;

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
        value(ConfigKeys.general(key), key, entry.value());
      }
    }
    checkFaults(root);
    checkRegistry(root, sinkType);
    return settings.build();
  }

  /** {@link RegistryKeys#sinkProblem}, reported at the registry's {@code type}. */
  private void checkRegistry(MapNode root, String sinkType) {
    Node type = root;
    for (String name : RegistryKeys.TYPE.path().split("\\.")) {
      type = type instanceof MapNode map ? map.get(name).orElse(null) : null;
    }
    if (type instanceof ScalarNode s && sinkType != null && RegistryKeys.TYPE.check(s.text()) == null) {
      String problem = RegistryKeys.sinkProblem(s.text(), sinkType);
      if (problem != null) {
        problems.add(s, problem);
      }
    }
  }

  /** {@link FaultKeys#check} once every faults key is valid on its own, reported at the key's value. */
  private void checkFaults(MapNode root) {
    if (faultRejected) {
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    faults.forEach((path, node) -> values.put(path, node.text()));
    for (FaultKeys.Problem p : FaultKeys.check(values)) {
      ScalarNode at = faults.get(p.path());
      problems.add(at != null ? at : root.get(FaultKeys.SECTION.substring(0, FaultKeys.SECTION.length() - 1)).orElse(root), p.message());
    }
  }

  private static boolean isSection(String key) {
    return ConfigKeys.general().stream().anyMatch(k -> k.path().startsWith(key + "."));
  }

  private static String defaultSink() {
    return ConfigKeys.SINK_TYPE.defaultValue();
  }

  /** The sink type (lower case), the default when unset, or null when it is invalid (reported later). */
  private String sinkType(MapNode root) {
    Node sink = root.get(SINK_SECTION).orElse(null);
    if (!(sink instanceof MapNode map) || map.get("type").isEmpty()) {
      return defaultSink();
    }
    Node type = map.get("type").get();
    if (type instanceof ScalarNode s && ConfigKeys.sink(s.text()) != null) {
      return ConfigKeys.sink(s.text()).type();
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
    flatten(section, map, entries, sinkType);
    if (section.equals(SINK_SECTION)) {
      sinkSection(map, entries, sinkType);
      return;
    }
    for (MapNode.Entry e : entries) {
      String path = e.name();
      String name = path.substring(section.length() + 1);
      SettingKey key = ConfigKeys.general(path);
      if (key == null) {
        problems.add(
            e.key(), section + ": unknown key '" + name + "'" + DidYouMean.hint(name, names(section, defaultSink())));
      } else {
        value(key, path, e.value());
      }
    }
  }

  /**
   * The sink's keys, judged by the table's own rules ({@link SinkConfigCheck}, as at run time) and
   * reported at the key, the value or the section they concern.
   */
  private void sinkSection(MapNode section, List<MapNode.Entry> entries, String sinkType) {
    SinkSpec spec = sinkType == null ? null : ConfigKeys.sink(sinkType);
    Map<String, String> scalars = new LinkedHashMap<>();
    Map<String, MapNode.Entry> byName = new LinkedHashMap<>();
    for (MapNode.Entry e : entries) {
      String path = e.name();
      String name = path.substring(SINK_SECTION.length() + 1);
      SettingKey general = ConfigKeys.general(path);
      if (general != null) {
        value(general, path, e.value());
        continue;
      }
      if (spec == null) {
        continue; // the type itself is wrong; its keys cannot be judged.
      }
      SettingKey key = spec.key(name);
      if (key != null && (!(e.value() instanceof ScalarNode s) || s.isNull())) {
        value(key, path, e.value()); // reports the shape
        continue;
      }
      byName.put(name, e);
      if (e.value() instanceof ScalarNode s && !s.isNull()) {
        scalars.put(name, s.text());
      } else {
        scalars.put(name, ""); // a pass-through key with no text, or an unknown key
      }
    }
    if (spec == null) {
      return;
    }
    Set<String> rejected = new LinkedHashSet<>();
    for (SinkConfigCheck.Problem p : SinkConfigCheck.check(spec, scalars, List.of())) {
      MapNode.Entry at = p.key() == null ? null : byName.get(p.key());
      switch (p.kind()) {
        case REQUIRED -> problems.add(section, p.message());
        case VALUE -> problems.add(at.value(), p.message());
        case UNKNOWN_KEY -> problems.add(at.key(), SINK_SECTION + ": " + p.message());
        default -> problems.add(at.key(), p.message());
      }
      if (p.key() != null) {
        rejected.add(p.key());
      }
    }
    for (Map.Entry<String, MapNode.Entry> e : byName.entrySet()) {
      if (!rejected.contains(e.getKey())) {
        SettingKey key = spec.key(e.getKey());
        value(key != null ? key : SettingKey.builder(e.getValue().name(), ValueType.STRING).build(),
            e.getValue().name(), e.getValue().value());
      }
    }
  }

  /**
   * Nested mappings under a section become dotted paths ({@code kafka: {acks: all}} → kafka.acks;
   * {@code event_time: {speed: 60}} → streaming_config.event_time.speed, a group of the settings table;
   * {@code registry: {type: confluent}} → serialization_config.registry.type).
   */
  private static void flatten(String prefix, MapNode map, List<MapNode.Entry> out, String sinkType) {
    for (MapNode.Entry e : map.entries()) {
      String path = prefix + "." + e.name();
      if (e.value() instanceof MapNode nested
          && (isSection(path) || sinkType != null && ConfigKeys.isPassthrough(sinkType, path + ".x"))) {
        flatten(path, nested, out, sinkType);
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
    // A faults key that is wrong on its own leaves the rules spanning keys unjudged (one message).
    faultRejected |= path.startsWith(FaultKeys.SECTION)
        && (!(node instanceof ScalarNode v) || v.isNull() || v.text().contains("{{") || key.check(v.text()) != null);
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
    if (path.startsWith(FaultKeys.SECTION)) {
      faults.put(path, s);
    }
    settings.add(new Setting(path, text, s.location()));
  }

}
