package dev.streamgen.runtime.sink;

import dev.streamgen.runtime.settings.ConfigKeys;
import dev.streamgen.runtime.settings.KafkaKeys;
import dev.streamgen.runtime.settings.KinesisKeys;
import dev.streamgen.runtime.settings.EventHubsKeys;
import dev.streamgen.runtime.settings.LocalSinkKeys;
import dev.streamgen.runtime.settings.SinkSpec;
import dev.streamgen.runtime.sink.eventhubs.EventHubsSink;
import dev.streamgen.runtime.sink.kafka.KafkaSink;
import dev.streamgen.runtime.sink.kinesis.KinesisSink;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The writers of the settings table's sink types: each {@link SinkSpec} of {@link ConfigKeys} with
 * its {@link Sink}. Adding a sink is its row in the table, its writer classes and one line here.
 */
public final class Sinks {
  private static final Map<String, Supplier<Sink<?>>> REGISTRY = new LinkedHashMap<>();

  static {
    register(KinesisKeys.SPEC, KinesisSink::new);
    register(LocalSinkKeys.DELTA, DeltaSink::new);
    register(KafkaKeys.SPEC, KafkaSink::new);
    register(EventHubsKeys.SPEC, EventHubsSink::new);
    register(LocalSinkKeys.CONSOLE, ConsoleSink::new);
    register(LocalSinkKeys.NOOP, NoopSink::new);
    register(LocalSinkKeys.FILES, FilesSink::new);
  }

  private Sinks() {}

  private static void register(SinkSpec spec, Supplier<Sink<?>> sink) {
    REGISTRY.put(spec.type(), sink);
  }

  /** Sink types with a writer (the table's types: a test checks they are the same). */
  public static Set<String> types() {
    return Collections.unmodifiableSet(REGISTRY.keySet());
  }

  /**
   * The sink of {@code options.type()} with its options parsed once, checked before any data moves:
   * the table's rules were checked when {@code options} was built, the sink's own rules here.
   */
  public static ConfiguredSink configure(SinkOptions options) {
    return ConfiguredSink.of(REGISTRY.get(options.type()).get(), options);
  }

  /**
   * Whether records of sink {@code type} carry the event type in a header (Kinesis records do not).
   * Unknown types count as carrying it: the question only matters for a sink that can run.
   */
  public static boolean carriesEventType(String type) {
    Supplier<Sink<?>> s = REGISTRY.get(type);
    return s == null || s.get().carriesEventType();
  }
}
