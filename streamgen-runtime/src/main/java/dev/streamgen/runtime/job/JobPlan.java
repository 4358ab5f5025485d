package dev.streamgen.runtime.job;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.registry.RegistryPlan;
import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SecretResolver;
import dev.streamgen.runtime.settings.SettingSource;
import dev.streamgen.runtime.settings.SettingsException;
import dev.streamgen.runtime.sink.ConfiguredSink;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.sink.kafka.KafkaSinkOptions;
import dev.streamgen.runtime.source.LoadedCatalog;
import dev.streamgen.runtime.source.SourceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A run checked and resolved before Spark starts: catalog, settings layers, secrets, sink and
 * source options. Everything the user can get wrong (settings, secrets, sink options) fails here.
 */
final class JobPlan {
  private static final String SINK_CONFIG = "sink_config.";

  private final CommandLine cli;
  private final LoadedCatalog catalog;
  private final RunSettings settings;
  private final ConfiguredSink sink;
  private final SourceOptions sourceOptions;
  private final SecretResolver secrets;
  private final RegistryPlan registry;

  private JobPlan(
      CommandLine cli,
      LoadedCatalog catalog,
      RunSettings settings,
      ConfiguredSink sink,
      SourceOptions sourceOptions,
      SecretResolver secrets,
      RegistryPlan registry) {
    this.cli = cli;
    this.catalog = catalog;
    this.settings = settings;
    this.sink = sink;
    this.sourceOptions = sourceOptions;
    this.secrets = secrets;
    this.registry = registry;
  }

  /**
   * Loads the catalog, layers the settings (jar YAML, --config, --set, flags), resolves the
   * secrets (from then on masked in {@code output}) and validates the sink's options.
   *
   * @throws SettingsException, IllegalArgumentException for the user's input
   */
  static JobPlan of(CommandLine cli, RunOutput output) {
    String catalogClass = cli.catalog() != null ? cli.catalog() : LoadedCatalog.discover();
    LoadedCatalog catalog = LoadedCatalog.load(catalogClass);
    Catalog c = catalog.catalog();
    List<SettingSource> layers = new ArrayList<>();
    layers.add(SettingSource.yaml(c.sourceName(), c.sourceYaml()));
    if (cli.configFile() != null) {
      SettingSource file = SettingSource.yaml(cli.configFile(), readConfig(cli.configFile()));
      if (file.hasEventDefinitions()) {
        output.report(
            "note: event definitions in "
                + cli.configFile()
                + " are ignored; the events are those compiled into the jar ("
                + c.sourceName()
                + ")");
      }
      layers.add(file);
    }
    layers.add(SettingSource.overrides(cli.sets()));
    layers.addAll(cli.flagLayers());
    RunSettings settings = RunSettings.of(layers);

    SecretResolver secrets = SecretResolver.forRun(cli.secretsFile());
    output.maskSecretsOf(secrets);
    Map<String, String> sinkValues = unprefixed(secrets.resolveAll(prefixed(settings.sinkConfig())));
    RegistryPlan registry = RegistryPlan.of(settings, secrets, c, topicOf(settings, sinkValues));
    // The run's format travels beside the keys, for sinks that label payloads (Kafka's Avro header).
    // A registry's framed payload is no single-object Avro: the sink then recognises none.
    ConfiguredSink sink =
        Sinks.configure(
            new SinkOptions(settings.sinkType(), sinkValues, registry.active() ? null : settings.format()));
    SourceOptions sourceOptions = StreamGen.sourceOptions(catalog.className(), settings).build();
    return new JobPlan(cli, catalog, settings, sink, sourceOptions, secrets, registry);
  }

  /** Each event type's Kafka topic, for a registry's subjects; null when the sink is not Kafka. */
  private static Function<String, String> topicOf(RunSettings settings, Map<String, String> sinkValues) {
    if (!"kafka".equals(settings.sinkType())) {
      return null;
    }
    KafkaSinkOptions kafka = KafkaSinkOptions.from(new SinkOptions("kafka", sinkValues, settings.format()));
    return type -> kafka.topic() != null ? kafka.topic() : kafka.topicPattern().topicFor(type);
  }

  CommandLine cli() {
    return cli;
  }

  LoadedCatalog catalog() {
    return catalog;
  }

  RunSettings settings() {
    return settings;
  }

  /** The sink with its options parsed once. */
  ConfiguredSink sink() {
    return sink;
  }

  /** The source's options as the settings give them (no type counter attached). */
  SourceOptions sourceOptions() {
    return sourceOptions;
  }

  SecretResolver secrets() {
    return secrets;
  }

  /** The run's schema registry, or {@link RegistryPlan#NONE}. */
  RegistryPlan registry() {
    return registry;
  }

  /** Mode, catalog, format and seed, e.g. "batch of 1,000 rows in 8 partitions, 3 event types ...". */
  String describe() {
    RunSettings s = settings;
    String mode =
        s.isBatch()
            ? "batch of " + Numbers.count(s.batchRows()) + " rows in " + s.batchPartitions() + " partitions"
            : (s.rate().isConstant()
                    ? "stream at " + Numbers.count(s.rowsPerSecond()) + " rows/s"
                    : "stream at rate '" + s.rate() + "'")
                + (s.durationSeconds() > 0 ? " for " + Numbers.seconds(s.durationSeconds()) + " of event time" : "")
                + (s.maxEvents() > 0 ? ", at most " + Numbers.count(s.maxEvents()) + " events" : "")
                + (s.durationSeconds() > 0 || s.maxEvents() > 0 ? "" : " until stopped");
    return mode
        + simulatedTime()
        + ", "
        + catalog.size()
        + " event types ("
        + catalog.catalog().sourceName()
        + "), format "
        + s.format().configName()
        + (sourceOptions.envelope() ? " in StreamgenEnvelope" : "")
        + ", seed "
        + s.seed();
  }

  /**
   * ", simulated event time from 2026-01-01T00:00:00Z at 60x" when the event time is set apart from
   * the wall clock, else "". A batch has no pace: only its start counts.
   */
  private String simulatedTime() {
    RunSettings s = settings;
    Long start = s.eventTimeStartMicros();
    if (!s.simulatesEventTime() || (s.isBatch() && start == null)) {
      return "";
    }
    return ", simulated event time from "
        + (start == null ? "the first row" : Numbers.instant(start))
        + (s.isBatch() ? "" : " at " + Numbers.plain(s.eventTimeSpeed()) + "x");
  }

  /** The sink's own description of where the rows go. */
  String destination() {
    return sink.destination();
  }

  /** As {@link #destination()}, or the sink type when even that fails (for failure messages). */
  String destinationOrType() {
    try {
      return destination();
    } catch (RuntimeException e) {
      return "sink type " + sink.type();
    }
  }

  private static String readConfig(String file) {
    try {
      return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SettingsException("--config " + file + ": file not found");
    } catch (IOException e) {
      throw new SettingsException("--config " + file + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  /** Secret references are resolved against full setting paths, so errors name the setting. */
  private static Map<String, String> prefixed(Map<String, String> sinkConfig) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sinkConfig.entrySet()) {
      m.put(SINK_CONFIG + e.getKey(), e.getValue());
    }
    return m;
  }

  private static Map<String, String> unprefixed(Map<String, String> sinkConfig) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sinkConfig.entrySet()) {
      m.put(e.getKey().substring(SINK_CONFIG.length()), e.getValue());
    }
    return m;
  }
}
