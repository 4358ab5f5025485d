package dev.streamgen.runtime.job;

import dev.streamgen.runtime.StreamGen;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SecretResolver;
import dev.streamgen.runtime.settings.SettingSource;
import dev.streamgen.runtime.settings.SettingsException;
import dev.streamgen.runtime.sink.ConfiguredSink;
import dev.streamgen.runtime.sink.SecretRedaction;
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
import org.apache.spark.sql.streaming.StreamingQueryProgress;

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
  /** Rows generated to measure record sizes for a sink that sizes its destination (Kinesis). */
  private static final long PROVISIONING_SAMPLE_ROWS = 10_000;

  private final PrintStream out;
  private final PrintStream err;
  private SecretResolver secrets;

  public Job(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Prints a line with every secret resolved so far replaced by {@code ***}. */
  private void print(PrintStream stream, String line) {
    stream.println(redact(line));
  }

  private String redact(String text) {
    String t = text;
    if (secrets != null && t != null) {
      for (String v : secrets.resolvedValues()) {
        if (!v.isEmpty()) {
          t = t.replace(v, "***");
        }
      }
    }
    return t;
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
        print(out, CommandLine.usage());
        return OK;
      }
    } catch (CommandLine.UsageException e) {
      print(err, "streamgen: " + e.getMessage());
      print(err, "Run with --help for usage.");
      return BAD_INPUT;
    } catch (SettingsException e) {
      for (String p : e.problems()) {
        print(err, "streamgen: " + p);
      }
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      print(err, "streamgen: " + e.getMessage());
      return BAD_INPUT;
    }
    if (prepared.cli.dryRun()) {
      print(out, PREFIX + "dry run: " + describe(prepared) + " -> " + prepared.sink.destination());
      print(out, PREFIX + "settings (secrets masked):");
      for (String line : prepared.settings.toString().split("\n")) {
        if (!line.isEmpty()) {
          print(out, "  " + line);
        }
      }
      print(out, PREFIX + "flags, settings, secrets and sink options are valid; nothing was run");
      return OK;
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
        print(out, 
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

    secrets = SecretResolver.forRun(cli.secretsFile());
    Map<String, String> sinkConfig = secrets.resolveAll(prefixed(settings.sinkConfig()));
    Map<String, String> sinkValues = unprefixed(sinkConfig);
    // The run's format travels beside the keys, for sinks that label payloads (Kafka's Avro header).
    ConfiguredSink sink = Sinks.configure(new SinkOptions(settings.sinkType(), sinkValues, settings.format()));
    SourceOptions sourceOptions = StreamGen.sourceOptions(catalog.className(), settings).build();
    return new Prepared(cli, catalog, settings, sink, sourceOptions, secrets);
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
    SparkSessions spark;
    try {
      spark = SparkSessions.obtain();
    } catch (Exception e) {
      // Before any event: the Spark configuration (say spark.eventLog.dir), not the sink.
      return failed(p, "Spark did not start: " + failureMessage(e), e);
    }
    String counterId = null;
    try {
      SparkSession session = spark.session();
      SecretRedaction.protect(session, p.secrets.resolvedValues());
      counterId = TypeCountAccumulator.register(session.sparkContext(), p.catalog.size());
      TypeCountAccumulator counter = TypeCountAccumulator.lookup(counterId);
      SourceOptions options = p.sourceOptions.toBuilder().typeCounter(counterId).build();
      print(out, PREFIX + describeRun(p, spark));
      if (p.settings.isBatch()) {
        runBatch(p, session, options, counter);
      } else {
        runStream(p, session, options, counter);
      }
      return OK;
    } catch (IllegalArgumentException e) {
      // Planning-time checks of the source and sinks: the user's input, not a crash.
      print(err, "streamgen: " + e.getMessage());
      return BAD_INPUT;
    } catch (Exception e) {
      return failed(p, "the run failed writing to " + destination(p) + ": " + failureMessage(e), e);
    } finally {
      if (counterId != null) {
        TypeCountAccumulator.unregister(counterId);
      }
      if (spark.created()) {
        spark.session().stop();
      }
    }
  }

  /** Reports a failed run: the message, and the stack trace only with --verbose. */
  private int failed(Prepared p, String message, Exception e) {
    print(err, "streamgen: " + message);
    if (p.cli.verbose()) {
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      err.print(redact(trace.toString()));
    } else {
      print(err, "streamgen: run with --verbose for the stack trace");
    }
    return FAILED;
  }

  /** Mode, catalog, format and seed of a run, e.g. "batch of 1,000 rows in 8 partitions, 3 event types ...". */
  private static String describe(Prepared p) {
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
        + s.seed();
  }

  private static String describeRun(Prepared p, SparkSessions spark) {
    return describe(p)
        + " -> "
        + p.sink.destination()
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
          print(out, 
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
      p.sink.writeBatch(unified);
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
      print(out, 
          PREFIX
              + "no streaming_config.checkpoint_location: using "
              + checkpoint
              + " (a restart with it set continues the sequence)");
    }
    if (p.sink.provisions()) {
      // Destinations sized by rate (Kinesis shards), from record sizes measured on a small batch of
      // the same events (without the run's type counter, so the summary counts only the stream).
      SourceOptions sampleOptions =
          p.sourceOptions.toBuilder().rows(PROVISIONING_SAMPLE_ROWS).partitions(1).build();
      p.sink.provision(p.settings.rowsPerSecond(), StreamGen.batch(session, sampleOptions));
    }
    Dataset<Row> unified = StreamGen.stream(session, options);
    StreamingQuery query = p.sink.startStream(unified, checkpoint);
    long intervalNanos = TimeUnit.SECONDS.toNanos(p.cli.progressIntervalSeconds());
    try {
      // The duration counts from the first completed micro-batch: Spark's start-up is not streaming.
      while (query.isActive() && query.lastProgress() == null) {
        query.awaitTermination(50);
      }
      StreamingQueryProgress[] early = query.recentProgress();
      StreamingQueryProgress first = early.length > 0 ? early[0] : null;
      long started = System.nanoTime();
      long duration = p.settings.durationSeconds();
      long deadline = duration > 0 ? started + TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
      long lastRows = counter.total();
      long lastTick = started;
      while (query.isActive()) {
        long now = System.nanoTime();
        long wait = Math.min(lastTick + intervalNanos, deadline) - now;
        if (wait > 0) {
          query.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
        }
        now = System.nanoTime();
        if (now >= deadline) {
          stopAfterCurrentBatch(query);
          break;
        }
        if (now - lastTick >= intervalNanos) {
          long rows = counter.total();
          double window = (now - lastTick) / 1e9;
          print(
              out,
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
      StreamingQueryProgress last = query.lastProgress();
      long confirmed = first == null || last == null ? 0L : CommittedRows.between(first, last);
      streamSummary(p, counter, confirmed, (System.nanoTime() - started) / 1e9);
    } finally {
      query.stop();
    }
    print(out, PREFIX + "checkpoint: " + checkpoint);
  }

  /**
   * Stops once the micro-batch in flight (if any) has committed, so a timed run ends on a batch
   * boundary instead of discarding work; gives up waiting after a minute. Waits for that batch's
   * progress, not for the trigger to go idle: a stream catching up starts the next batch at once,
   * so the trigger may never be seen idle.
   */
  private static void stopAfterCurrentBatch(StreamingQuery query) throws Exception {
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    long lastCompleted = lastBatchId(query);
    while (query.isActive()
        && query.status().isTriggerActive()
        && lastBatchId(query) == lastCompleted
        && System.nanoTime() < giveUp) {
      query.awaitTermination(20);
    }
    query.stop();
  }

  private static long lastBatchId(StreamingQuery query) {
    StreamingQueryProgress last = query.lastProgress();
    return last == null ? -1 : last.batchId();
  }

  private void summary(Prepared p, TypeCountAccumulator counter, double seconds) {
    summary(p, counter.total(), counter.value(), seconds);
  }

  /**
   * The summary of a streaming run counts the rows the readers generated. When the timed stop
   * interrupted a micro-batch, whether its rows reached the output depends on how far the sink got,
   * so the summary says where the last confirmed batch ended instead of guessing.
   */
  private void streamSummary(Prepared p, TypeCountAccumulator counter, long confirmed, double seconds) {
    summary(p, counter.total(), counter.value(), seconds);
    long unconfirmed = counter.total() - confirmed;
    if (unconfirmed > 0) {
      print(
          out,
          PREFIX
              + "the stop interrupted a micro-batch: "
              + Numbers.count(confirmed)
              + " rows are confirmed written; the last "
              + Numbers.count(unconfirmed)
              + " may not be (a restart from the checkpoint completes that batch)");
    }
  }

  private void summary(Prepared p, long rows, long[] perType, double seconds) {
    print(out, 
        PREFIX
            + "done: "
            + Numbers.count(rows)
            + " rows in "
            + Numbers.seconds(seconds)
            + " ("
            + Numbers.rate(rows / Math.max(seconds, 1e-9))
            + " rows/s)");
    print(out, PREFIX + "per type: " + TypeMix.describe(p.catalog, perType, 10));
    print(out, PREFIX + "output: " + p.sink.destination());
  }

  /**
   * What went wrong, for the summary line: the message of the outermost exception of our own in the
   * chain (sinks write those for users: the setting, the counts), then the root cause when it adds
   * something; without one of ours, the root cause alone. The root alone hid the sinks' messages
   * behind e.g. "TimeoutException: Did not observe any item ... in 'flatMap'".
   */
  static String failureMessage(Throwable e) {
    Throwable own = null;
    Throwable t = e;
    while (true) {
      if (own == null && t.getClass().getName().startsWith("dev.streamgen.")) {
        own = t;
      }
      if (t.getCause() == null || t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    String root = t.getClass().getSimpleName() + ": " + t.getMessage();
    if (own == null) {
      return root;
    }
    String message = own.getMessage();
    return own == t || message.contains(String.valueOf(t.getMessage())) ? message : message + " (root cause: " + root + ")";
  }

  /** The sink's own description of where the rows go, or its type when even that fails. */
  private static String destination(Prepared p) {
    try {
      return p.sink.destination();
    } catch (RuntimeException e) {
      return "sink type " + p.sink.type();
    }
  }

  /** A run checked and ready for Spark. */
  private static final class Prepared {
    final CommandLine cli;
    final LoadedCatalog catalog;
    final RunSettings settings;
    final ConfiguredSink sink;
    final SourceOptions sourceOptions;
    final SecretResolver secrets;

    Prepared(
        CommandLine cli,
        LoadedCatalog catalog,
        RunSettings settings,
        ConfiguredSink sink,
        SourceOptions sourceOptions,
        SecretResolver secrets) {
      this.cli = cli;
      this.catalog = catalog;
      this.settings = settings;
      this.sink = sink;
      this.sourceOptions = sourceOptions;
      this.secrets = secrets;
    }
  }
}
