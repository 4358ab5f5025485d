package dev.streamgen.runtime.job;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.StreamGen;
import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SecretResolver;
import dev.streamgen.runtime.settings.SettingSource;
import dev.streamgen.runtime.settings.SettingsException;
import dev.streamgen.runtime.sink.ProvisioningSink;
import dev.streamgen.runtime.sink.SecretRedaction;
import dev.streamgen.runtime.sink.Sink;
import dev.streamgen.runtime.sink.SinkOptions;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.source.LoadedCatalog;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.TypeCountAccumulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * One run of {@code Main}: settings → source → sink, with progress lines and a summary. Everything
 * the user can get wrong (flags, settings, secrets, sink options) is checked before Spark starts.
 */
public final class Job {
  /** Exit status: done. */
  public static final int OK = 0;
  /** Exit status: the run failed while running. */
  public static final int FAILED = 1;
  /** Exit status: bad flags or settings; nothing was written. */
  public static final int BAD_INPUT = 2;

  private static final String PREFIX = "[streamgen] ";
  private static final int TYPES_SHOWN = 5;
  /** Rows generated to measure record sizes for a {@link ProvisioningSink}. */
  private static final long PROVISIONING_SAMPLE_ROWS = 10_000;

  private final PrintStream out;
  private final PrintStream err;

  public Job(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * For a process of its own (Main): an embedded run without a log4j2 configuration logs warnings
   * only. Must run before anything logs.
   */
  public static void prepareLogging() {
    SparkSessions.quietEmbeddedLogging();
  }

  /** Runs with {@code args}; returns the exit status. */
  public int run(String[] args) {
    Prepared prepared;
    try {
      prepared = prepare(CommandLine.parse(args));
      if (prepared == null) {
        out.println(CommandLine.usage());
        return OK;
      }
    } catch (CommandLine.UsageException e) {
      err.println("streamgen: " + e.getMessage());
      err.println("Run with --help for usage.");
      return BAD_INPUT;
    } catch (SettingsException e) {
      for (String p : e.problems()) {
        err.println("streamgen: " + p);
      }
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("streamgen: " + e.getMessage());
      return BAD_INPUT;
    }
    return execute(prepared);
  }

  /** Everything checked and resolved before Spark starts; null for --help. */
  private Prepared prepare(CommandLine cli) {
    if (cli.help()) {
      return null;
    }
    String catalogClass = cli.catalog() != null ? cli.catalog() : LoadedCatalog.discover();
    LoadedCatalog catalog = LoadedCatalog.load(catalogClass);
    Catalog c = catalog.catalog();
    List<SettingSource> layers = new ArrayList<>();
    layers.add(SettingSource.yaml(c.sourceName(), c.sourceYaml()));
    if (cli.configFile() != null) {
      SettingSource file = SettingSource.yaml(cli.configFile(), readConfig(cli.configFile()));
      if (file.hasEventDefinitions()) {
        out.println(
            PREFIX
                + "note: event definitions in "
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
    Map<String, String> sinkConfig = secrets.resolveAll(prefixed(settings.sinkConfig()));
    Map<String, String> sinkValues = unprefixed(sinkConfig);
    // The payload format is a run setting, not a sink_config key; sinks that label payloads by
    // format (Kafka's schema_fingerprint header for Avro) read it from here.
    sinkValues.put(SinkOptions.SERIALIZATION_FORMAT, settings.format().configName());
    SinkOptions sinkOptions = new SinkOptions(settings.sinkType(), sinkValues);
    Sink sink = Sinks.validate(sinkOptions);
    SourceOptions sourceOptions = StreamGen.sourceOptions(catalog.className(), settings).build();
    return new Prepared(cli, catalog, settings, sink, sinkOptions, sourceOptions, secrets);
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

  private static Map<String, String> prefixed(Map<String, String> sinkConfig) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : sinkConfig.entrySet()) {
      m.put("sink_config." + e.getKey(), e.getValue());
    }
    return m;
  }

  private static Map<String, String> unprefixed(Map<String, String> sinkConfig) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : sinkConfig.entrySet()) {
      m.put(e.getKey().substring("sink_config.".length()), e.getValue());
    }
    return m;
  }

  private int execute(Prepared p) {
    SparkSessions spark = null;
    String counterId = null;
    try {
      spark = SparkSessions.obtain();
      SparkSession session = spark.session();
      SecretRedaction.protect(session, p.secrets.resolvedValues());
      counterId = TypeCountAccumulator.register(session.sparkContext(), p.catalog.size());
      TypeCountAccumulator counter = TypeCountAccumulator.lookup(counterId);
      SourceOptions options = p.sourceOptions.toBuilder().typeCounter(counterId).build();
      out.println(PREFIX + describeRun(p, spark));
      if (p.settings.isBatch()) {
        runBatch(p, session, options, counter);
      } else {
        runStream(p, session, options, counter);
      }
      return OK;
    } catch (IllegalArgumentException e) {
      // Planning-time checks of the source and sinks: the user's input, not a crash.
      err.println("streamgen: " + e.getMessage());
      return BAD_INPUT;
    } catch (Exception e) {
      err.println("streamgen: the run failed: " + rootMessage(e));
      e.printStackTrace(err);
      return FAILED;
    } finally {
      if (counterId != null) {
        TypeCountAccumulator.unregister(counterId);
      }
      if (spark != null && spark.created()) {
        spark.session().stop();
      }
    }
  }

  private String describeRun(Prepared p, SparkSessions spark) {
    RunSettings s = p.settings;
    String mode =
        s.isBatch()
            ? "batch of " + Numbers.count(s.batchRows()) + " rows in " + s.batchPartitions() + " partitions"
            : "stream at " + Numbers.count(s.rowsPerSecond()) + " rows/s"
                + (s.durationSeconds() > 0 ? " for " + Numbers.seconds(s.durationSeconds()) : " until stopped");
    return mode
        + ", "
        + p.catalog.size()
        + " event types ("
        + p.catalog.catalog().sourceName()
        + "), format "
        + s.format().configName()
        + (p.sourceOptions.envelope() ? " in StreamgenEnvelope" : "")
        + ", seed "
        + s.seed()
        + " -> "
        + p.sink.destination(p.sinkOptions)
        + " (Spark "
        + spark.session().version()
        + ", master "
        + spark.session().sparkContext().master()
        + ")";
  }

  private void runBatch(Prepared p, SparkSession session, SourceOptions options, TypeCountAccumulator counter) {
    Dataset<Row> unified = StreamGen.batch(session, options);
    long total = options.rows();
    long started = System.nanoTime();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "streamgen-progress");
      t.setDaemon(true);
      return t;
    });
    long interval = p.cli.progressIntervalSeconds();
    ticker.scheduleAtFixedRate(
        () -> {
          long done = counter.total();
          double s = (System.nanoTime() - started) / 1e9;
          out.println(
              PREFIX
                  + Numbers.seconds(s)
                  + ": "
                  + Numbers.count(done)
                  + " / "
                  + Numbers.count(total)
                  + String.format(java.util.Locale.ROOT, " rows (%.0f%%, counted as tasks finish)", 100.0 * done / total));
        },
        interval,
        interval,
        TimeUnit.SECONDS);
    try {
      p.sink.writeBatch(unified, p.sinkOptions);
    } finally {
      ticker.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    summary(p, counter, seconds);
  }

  private void runStream(Prepared p, SparkSession session, SourceOptions options, TypeCountAccumulator counter)
      throws Exception {
    String checkpoint = p.settings.checkpointLocation();
    if (checkpoint == null) {
      checkpoint = Files.createTempDirectory("streamgen-checkpoint").toString();
      out.println(
          PREFIX
              + "no streaming_config.checkpoint_location: using "
              + checkpoint
              + " (a restart with it set continues the sequence)");
    }
    if (p.sink instanceof ProvisioningSink) {
      // Destinations sized by rate (Kinesis shards), from record sizes measured on a small batch of
      // the same events (without the run's type counter, so the summary counts only the stream).
      SourceOptions sampleOptions =
          p.sourceOptions.toBuilder().rows(PROVISIONING_SAMPLE_ROWS).partitions(1).build();
      ((ProvisioningSink) p.sink)
          .provision(p.sinkOptions, p.settings.rowsPerSecond(), StreamGen.batch(session, sampleOptions));
    }
    Dataset<Row> unified = StreamGen.stream(session, options);
    long started = System.nanoTime();
    StreamingQuery query = p.sink.startStream(unified, p.sinkOptions, checkpoint);
    long duration = p.settings.durationSeconds();
    long intervalNanos = TimeUnit.SECONDS.toNanos(p.cli.progressIntervalSeconds());
    long deadline = duration > 0 ? started + TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
    long lastRows = 0;
    long lastTick = started;
    try {
      while (query.isActive()) {
        long now = System.nanoTime();
        long wait = Math.min(lastTick + intervalNanos, deadline) - now;
        if (wait > 0) {
          query.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
        }
        now = System.nanoTime();
        if (now >= deadline) {
          break;
        }
        if (now - lastTick >= intervalNanos) {
          long rows = counter.total();
          double window = (now - lastTick) / 1e9;
          out.println(
              PREFIX
                  + Numbers.seconds((now - started) / 1e9)
                  + ": "
                  + Numbers.count(rows)
                  + " rows, "
                  + Numbers.rate((rows - lastRows) / window)
                  + " rows/s (target "
                  + Numbers.count(p.settings.rowsPerSecond())
                  + "); "
                  + TypeMix.describe(p.catalog, counter.value(), TYPES_SHOWN));
          lastRows = rows;
          lastTick = now;
        }
      }
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
    } finally {
      query.stop();
    }
    summary(p, counter, (System.nanoTime() - started) / 1e9);
    out.println(PREFIX + "checkpoint: " + checkpoint);
  }

  private void summary(Prepared p, TypeCountAccumulator counter, double seconds) {
    long rows = counter.total();
    out.println(
        PREFIX
            + "done: "
            + Numbers.count(rows)
            + " rows in "
            + Numbers.seconds(seconds)
            + " ("
            + Numbers.rate(rows / Math.max(seconds, 1e-9))
            + " rows/s)");
    out.println(PREFIX + "per type: " + TypeMix.describe(p.catalog, counter.value(), 10));
    out.println(PREFIX + "output: " + p.sink.destination(p.sinkOptions));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** A run checked and ready for Spark. */
  private static final class Prepared {
    final CommandLine cli;
    final LoadedCatalog catalog;
    final RunSettings settings;
    final Sink sink;
    final SinkOptions sinkOptions;
    final SourceOptions sourceOptions;
    final SecretResolver secrets;

    Prepared(
        CommandLine cli,
        LoadedCatalog catalog,
        RunSettings settings,
        Sink sink,
        SinkOptions sinkOptions,
        SourceOptions sourceOptions,
        SecretResolver secrets) {
      this.cli = cli;
      this.catalog = catalog;
      this.settings = settings;
      this.sink = sink;
      this.sinkOptions = sinkOptions;
      this.sourceOptions = sourceOptions;
      this.secrets = secrets;
    }
  }
}
