package dev.streamgen.runtime.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of the settings table for one sink's {@code sink_config}, in one place: known keys, value
 * types and ranges, the mode a key applies to, required and exclusive groups. The compiler (YAML, with
 * locations), {@link RunSettings} (layers, with origins) and the runtime's sink options (Spark
 * options) all call it, so a value is judged the same wherever it is written.
 */
public final class SinkConfigCheck {

  /** What a problem is about, so callers can point at the key, its value or the whole section. */
  public enum Kind {
    UNKNOWN_KEY,
    VALUE,
    /** A key of another mode of the sink (Event Hubs' AMQP keys with protocol: kafka). */
    MODE,
    REQUIRED,
    EXCLUSIVE
  }

  /** One problem: the key it is about (its name under sink_config, as written), or null for the sink. */
  public static final class Problem {
    private final Kind kind;
    private final String key;
    private final String message;

    Problem(Kind kind, String key, String message) {
      this.kind = kind;
      this.key = key;
      this.message = message;
    }

    public Kind kind() {
      return kind;
    }

    public String key() {
      return key;
    }

    public String message() {
      return message;
    }

    @Override
    public String toString() {
      return message;
    }
  }

  private SinkConfigCheck() {}

  /**
   * Checks {@code values} (names under {@code sink_config} without the prefix, any case, values as
   * written; secret references are accepted in string keys). Keys in {@code ignored} (other layers'
   * keys such as {@code type}) are skipped.
   */
  public static List<Problem> check(SinkSpec spec, Map<String, String> values, List<String> ignored) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(values);
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = e.getKey();
      if (containsIgnoreCase(ignored, name)) {
        continue;
      }
      if (spec.isPassthrough(name)) {
        Condition when = spec.passthroughWhen();
        if (when != null && !when.holds(current(spec, byName, when.name()))) {
          problems.add(new Problem(Kind.MODE, name, notInThisMode(name, when, current(spec, byName, when.name()))));
        }
        continue;
      }
      SettingKey key = spec.key(name);
      if (key == null) {
        problems.add(new Problem(Kind.UNKNOWN_KEY, name, unknown(spec, name)));
        continue;
      }
      String value = e.getValue() == null ? "" : e.getValue();
      if (SecretReference.containsReference(value)) {
        if (key.type() != ValueType.STRING) {
          problems.add(new Problem(Kind.VALUE, name, key.path() + ": secret references are only allowed in string settings; "
              + key.path() + " takes " + key.type().description()));
        }
      } else {
        String reason = key.check(value);
        if (reason != null) {
          String shown = key.secret() ? "the value" : "'" + value.trim() + "'";
          problems.add(new Problem(Kind.VALUE, name, shown + " is not valid for " + key.path() + ": " + reason));
          continue;
        }
      }
      Condition when = key.onlyWhen();
      if (when != null && !when.holds(current(spec, byName, when.name()))) {
        problems.add(new Problem(Kind.MODE, name, notInThisMode(key.path(), when, current(spec, byName, when.name()))));
      }
    }
    for (List<SettingKey> group : spec.requiredGroups()) {
      if (countSet(group, byName) == 0) {
        problems.add(new Problem(Kind.REQUIRED, null, (group.size() == 1 ? group.get(0).path() : "one of " + paths(group))
            + " is required for sink type '" + spec.type() + "'"
            + (spec.requiredHint(group) == null ? "" : "; " + spec.requiredHint(group))));
      }
    }
    for (List<SettingKey> group : spec.exclusiveGroups()) {
      if (countSet(group, byName) > 1) {
        problems.add(new Problem(Kind.EXCLUSIVE, group.get(1).name(), paths(group).replace(", ", " and ")
            + " are both set for sink type '" + spec.type() + "': set only one"));
      }
    }
    return Collections.unmodifiableList(problems);
  }

  /** The value of {@code name} as written, else its default; null when neither. */
  private static String current(SinkSpec spec, Map<String, String> byName, String name) {
    String v = byName.get(name);
    if (v != null && !v.trim().isEmpty()) {
      return v.trim();
    }
    SettingKey k = spec.key(name);
    return k == null ? null : k.defaultValue();
  }

  /**
   * Whether {@code key} applies given the other values ({@code byName}: case-insensitive names): its
   * mode condition holds, or it has none.
   */
  public static boolean applies(SettingKey key, SinkSpec spec, Map<String, String> byName) {
    return key.onlyWhen() == null || key.onlyWhen().holds(current(spec, byName, key.onlyWhen().name()));
  }

  private static String notInThisMode(String what, Condition when, String actual) {
    return "sink_config." + stripSection(what) + " applies only with " + when + " (sink_config." + when.name()
        + " is " + actual + "); remove it";
  }

  private static String stripSection(String pathOrName) {
    return pathOrName.startsWith(SinkKey.SECTION) ? pathOrName.substring(SinkKey.SECTION.length()) : pathOrName;
  }

  private static String unknown(SinkSpec spec, String name) {
    List<String> owners = new ArrayList<>();
    for (String other : ConfigKeys.sinkTypes()) {
      SinkSpec o = ConfigKeys.sink(other);
      if (o != spec && (o.key(name) != null || o.isPassthrough(name))) {
        owners.add(other);
      }
    }
    if (!owners.isEmpty()) {
      return "key '" + name + "' does not apply to sink type '" + spec.type() + "' (it is for "
          + String.join(", ", owners) + ")";
    }
    List<String> names = new ArrayList<>();
    for (SettingKey k : spec.keys()) {
      names.add(k.name());
    }
    return "unknown key '" + name + "' for sink type '" + spec.type() + "'" + DidYouMean.hint(name, names);
  }

  private static int countSet(List<SettingKey> group, Map<String, String> byName) {
    int n = 0;
    for (SettingKey k : group) {
      String v = byName.get(k.name());
      if (v != null && !v.trim().isEmpty()) {
        n++;
      }
    }
    return n;
  }

  private static String paths(List<SettingKey> group) {
    List<String> p = new ArrayList<>();
    for (SettingKey k : group) {
      p.add(k.path());
    }
    return String.join(", ", p);
  }

  private static boolean containsIgnoreCase(List<String> names, String name) {
    for (String n : names) {
      if (n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
