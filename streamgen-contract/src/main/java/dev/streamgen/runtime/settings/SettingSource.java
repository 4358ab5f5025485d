package dev.streamgen.runtime.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * One layer of settings: the YAML compiled into the jar, a {@code --config} file, or {@code --set}
 * flags. Each value keeps where it came from, so an error can point at it. Event definitions
 * ({@code common_fields}, {@code event_types}, {@code entities}, {@code sessions}, {@code weight_changes}) are compiled, not settings, and are skipped here.
 */
public final class SettingSource {
  /** Top-level YAML keys that define events: fixed at build time. */
  static final List<String> EVENT_DEFINITION_KEYS =
      Collections.unmodifiableList(Arrays.asList("common_fields", "event_types", "entities", "sessions", "weight_changes"));

  private final String name;
  private final List<Entry> entries;
  private final boolean hasEventDefinitions;

  private SettingSource(String name, List<Entry> entries, boolean hasEventDefinitions) {
    this.name = name;
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    this.hasEventDefinitions = hasEventDefinitions;
  }

  /**
   * Reads the settings from YAML text. {@code fileName} names the file in locations. Structure
   * errors (a list where a value belongs, YAML syntax) are reported with line and column.
   */
  public static SettingSource yaml(String fileName, String text) {
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean events = false;
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new SettingSource(fileName, entries, false);
      }
      if (first != JsonToken.START_OBJECT) {
        throw new SettingsException(
            at(fileName, p.getTokenLocation()) + ": expected a mapping of settings (key: value) at the top level");
      }
      Deque<String> path = new ArrayDeque<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          String key = p.getCurrentName();
          if (path.isEmpty() && EVENT_DEFINITION_KEYS.contains(key)) {
            events = true;
            p.nextToken();
            p.skipChildren();
            continue;
          }
          JsonToken value = p.nextToken();
          String dotted = dotted(path, key);
          if (value == JsonToken.START_OBJECT) {
            path.addLast(key);
          } else if (value == JsonToken.START_ARRAY) {
            problems.add(at(fileName, p.getTokenLocation()) + ": " + dotted + " is a list; expected a single value");
            p.skipChildren();
          } else if (value == JsonToken.VALUE_NULL) {
            continue;
          } else {
            entries.add(new Entry(dotted, p.getText(), at(fileName, p.getTokenLocation())));
          }
        } else if (t == JsonToken.END_OBJECT) {
          if (path.isEmpty()) {
            break;
          }
          path.removeLast();
        }
      }
    } catch (IOException e) {
      String where = fileName;
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException
          && ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation() != null) {
        where = at(fileName, ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation());
      }
      String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException
          ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()
          : e.getMessage();
      throw new SettingsException(where + ": not valid YAML: " + msg);
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return new SettingSource(fileName, entries, events);
  }

  /**
   * Reads {@code --set path=value} flags (values taken literally; YAML quoting is not needed). A flag
   * without {@code =} is an error naming the flag.
   */
  public static SettingSource overrides(List<String> assignments) {
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        problems.add(
            "--set "
                + a
                + ": expected key.path=value, e.g. --set streaming_config.total_rows_per_second=5000");
        continue;
      }
      String path = a.substring(0, eq).trim();
      String value = a.substring(eq + 1).trim();
      if (value.length() >= 2
          && ((value.startsWith("\"") && value.endsWith("\"")) || (value.startsWith("'") && value.endsWith("'")))) {
        value = value.substring(1, value.length() - 1);
      }
      String root = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
      if (EVENT_DEFINITION_KEYS.contains(root)) {
        problems.add(
            "--set "
                + path
                + ": event definitions are compiled into the jar and cannot be changed at run time;"
                + " edit the YAML and rebuild with streamgen-maven-plugin");
        continue;
      }
      entries.add(new Entry(path, value, "--set " + path));
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return new SettingSource("--set", entries, false);
  }

  /** Settings given in code or implied by a flag, each located as {@code origin} (e.g. "--rows"). */
  public static SettingSource of(String origin, java.util.Map<String, String> values) {
    List<Entry> entries = new ArrayList<>();
    for (java.util.Map.Entry<String, String> e : values.entrySet()) {
      entries.add(new Entry(e.getKey(), e.getValue(), origin));
    }
    return new SettingSource(origin, entries, false);
  }

  public String name() {
    return name;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** True when the YAML also defines events (they are ignored at run time: the jar's are used). */
  public boolean hasEventDefinitions() {
    return hasEventDefinitions;
  }

  private static String dotted(Deque<String> path, String key) {
    if (path.isEmpty()) {
      return key;
    }
    return String.join(".", path) + "." + key;
  }

  private static String at(String fileName, JsonLocation loc) {
    return fileName + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
  }

  /** One value: dotted path, text as written, and where it was written. */
  public static final class Entry {
    private final String path;
    private final String value;
    private final String origin;

    Entry(String path, String value, String origin) {
      this.path = path;
      this.value = value;
      this.origin = origin;
    }

    public String path() {
      return path;
    }

    public String value() {
      return value;
    }

    /** {@code file:line:col} or {@code --set path}. */
    public String origin() {
      return origin;
    }
  }
}
