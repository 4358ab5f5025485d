package dev.streamgen.runtime.sink;

import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.DidYouMean;
import dev.streamgen.runtime.settings.SettingKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The registry from {@code sink_config.type} to its {@link Sink}. Adding a sink is one line in the
 * static block below (each sink has its own line, kept apart so parallel additions merge cleanly).
 */
public final class Sinks {
  private static final Map<String, Supplier<Sink>> REGISTRY = new LinkedHashMap<>();

  static {
    register("delta", DeltaSink::new);

    register("console", ConsoleSink::new);

    register("noop", NoopSink::new);

    register("files", FilesSink::new);

    register("kafka", dev.streamgen.runtime.sink.kafka.KafkaSink::new);

    register("kinesis", dev.streamgen.runtime.sink.kinesis.KinesisSink::new);

    register("eventhubs", dev.streamgen.runtime.sink.eventhubs.EventHubsSink::new);
  }

  private Sinks() {}

  private static void register(String type, Supplier<Sink> sink) {
    REGISTRY.put(type, sink);
  }

  /** Sink types with an implementation in this build. */
  public static Set<String> types() {
    return Collections.unmodifiableSet(REGISTRY.keySet());
  }

  /** The sink for {@code type}; the message lists what this build has. */
  public static Sink forType(String type) {
    Supplier<Sink> s = REGISTRY.get(type.toLowerCase(Locale.ROOT));
    if (s == null) {
      String known = ConfigKeys.SINK_TYPES.contains(type.toLowerCase(Locale.ROOT))
          ? " is not available in this build"
          : " is not a sink type" + DidYouMean.hint(type, REGISTRY.keySet());
      throw new IllegalArgumentException(
          "sink_config.type '" + type + "'" + known + " (available: " + String.join(", ", REGISTRY.keySet()) + ")");
    }
    return s.get();
  }

  /**
   * Whether records of sink {@code type} carry the event type in a header; true for types this build
   * does not have (the question only matters for a sink that can run).
   */
  public static boolean carriesEventType(String type) {
    Supplier<Sink> s = REGISTRY.get(type.toLowerCase(Locale.ROOT));
    return s == null || s.get().carriesEventType();
  }

  /**
   * Checks options before any data moves: the type has a sink, required keys are set, values have
   * the right type (from {@link ConfigKeys}), then the sink's own rules. Returns the sink.
   */
  public static Sink validate(SinkOptions options) {
    Sink sink = forType(options.type());
    List<String> problems = new ArrayList<>();
    for (List<String> group : ConfigKeys.requiredGroups(options.type())) {
      boolean any = false;
      for (String path : group) {
        String v = options.get(name(path), null);
        if (v != null && !v.trim().isEmpty()) {
          any = true;
        }
      }
      if (!any) {
        problems.add(
            group.size() == 1
                ? group.get(0) + " is required for sink type '" + options.type() + "'"
                : "one of " + String.join(", ", group) + " is required for sink type '" + options.type() + "'");
      }
    }
    for (Map.Entry<String, String> e : options.asMap().entrySet()) {
      SettingKey key = ConfigKeys.find(options.type(), "sink_config." + e.getKey().toLowerCase(Locale.ROOT));
      if (key != null) {
        String reason = key.check(e.getValue());
        if (reason != null) {
          // A secret's value is never echoed, even when it is malformed.
          String shown = key.secret() ? "<secret>" : "'" + e.getValue() + "'";
          problems.add(shown + " is not valid for " + key.path() + ": " + reason);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    sink.validate(options);
    return sink;
  }

  private static String name(String path) {
    return path.substring("sink_config.".length());
  }
}
