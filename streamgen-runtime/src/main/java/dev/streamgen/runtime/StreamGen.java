package dev.streamgen.runtime;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.columns.ColumnCatalog;
import dev.streamgen.runtime.columns.UnifiedStream;
import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SettingSource;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.source.GenerationPlan;
import dev.streamgen.runtime.source.LoadedCatalog;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.StreamClock;
import dev.streamgen.runtime.source.StreamgenSourceProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The entry point for notebooks, tests and applications: the unified stream as a batch or streaming
 * {@code Dataset<Row>} ({@link UnifiedStream#SCHEMA}), from a generated catalog and run settings.
 *
 * <pre>{@code
 * RunSettings settings = StreamGen.settings(EventsCatalog.class, "seed=7", "batch_config.total_rows=1000");
 * Dataset<Row> events = StreamGen.batch(spark, settings);
 * }</pre>
 *
 * Options are checked here, before Spark plans anything, so mistakes fail at the call.
 */
public final class StreamGen {

  private StreamGen() {}

  /**
   * The settings compiled into {@code catalog} (its YAML), overridden by {@code overrides} written as
   * {@code path=value} with YAML key names, e.g. {@code "streaming_config.total_rows_per_second=5000"}.
   */
  public static RunSettings settings(Class<? extends Catalog> catalog, String... overrides) {
    Catalog c = LoadedCatalog.load(catalog.getName()).catalog();
    List<SettingSource> layers = new ArrayList<>();
    layers.add(SettingSource.yaml(c.sourceName(), c.sourceYaml()));
    layers.add(SettingSource.overrides(Arrays.asList(overrides)));
    return RunSettings.of(layers);
  }

  /** A batch of {@code batch_config.total_rows} rows over {@code batch_config.partitions} partitions. */
  public static Dataset<Row> batch(SparkSession spark, Class<? extends Catalog> catalog, RunSettings settings) {
    return batch(spark, sourceOptions(catalog.getName(), settings).build());
  }

  /** A stream at {@code streaming_config.total_rows_per_second}. */
  public static Dataset<Row> stream(SparkSession spark, Class<? extends Catalog> catalog, RunSettings settings) {
    return stream(spark, sourceOptions(catalog.getName(), settings).build());
  }

  /** A batch read with explicit source options ({@code rows} required). */
  public static Dataset<Row> batch(SparkSession spark, SourceOptions options) {
    if (options.rows() == null) {
      throw new IllegalArgumentException(
          "streamgen option 'rows' is required for a batch read: set e.g. .option(\"rows\", \"1000000\")");
    }
    GenerationPlan.resolve(options);
    return spark.read().format(StreamgenSourceProvider.SHORT_NAME).options(options.asMap()).load();
  }

  /** A streaming read with explicit source options. */
  public static Dataset<Row> stream(SparkSession spark, SourceOptions options) {
    GenerationPlan.resolve(options);
    return spark.readStream().format(StreamgenSourceProvider.SHORT_NAME).options(options.asMap()).load();
  }

  /**
   * A typed DataFrame of one event type: one column per field (named and typed as in the YAML),
   * computed by the Spark Column code the compiler generated, for row indexes 0 to {@code rows - 1}.
   * Row {@code i} holds the values the type's kernel writes for row {@code i} (so where the unified
   * stream picked this type for row {@code i}, the two agree). Event times start now, at 1,000 rows/s.
   */
  public static Dataset<Row> typed(
      SparkSession spark, Class<? extends Catalog> catalog, String eventTypeId, long rows, long seed) {
    return typed(spark, catalog, eventTypeId, rows, seed, StreamClock.SYSTEM.nowMicros(), 1000);
  }

  /** {@link #typed(SparkSession, Class, String, long, long)} with an explicit event-time origin and rate. */
  public static Dataset<Row> typed(
      SparkSession spark,
      Class<? extends Catalog> catalog,
      String eventTypeId,
      long rows,
      long seed,
      long startTimeMicros,
      long rowsPerSecond) {
    if (rows <= 0) {
      throw new IllegalArgumentException("rows must be greater than 0, got " + rows);
    }
    if (rowsPerSecond <= 0) {
      throw new IllegalArgumentException("rowsPerSecond must be greater than 0, got " + rowsPerSecond);
    }
    LoadedCatalog loaded = LoadedCatalog.load(catalog.getName());
    if (!(loaded.catalog() instanceof ColumnCatalog)) {
      throw new IllegalArgumentException(
          "catalog " + catalog.getName() + " has no generated Spark column code (it does not implement "
              + ColumnCatalog.class.getSimpleName() + ")");
    }
    int type = -1;
    List<String> ids = new ArrayList<>();
    for (int t = 0; t < loaded.size(); t++) {
      String id = loaded.kernel(t).eventTypeId();
      ids.add(id);
      if (id.equals(eventTypeId)) {
        type = t;
      }
    }
    if (type < 0) {
      throw new IllegalArgumentException(
          "catalog "
              + catalog.getName()
              + " has no event type '"
              + eventTypeId
              + "'"
              + dev.streamgen.runtime.settings.DidYouMean.hint(eventTypeId, ids));
    }
    Column row = functions.col("id");
    // EventTime.micros as SQL: integral division keeps it exact for any row index.
    Column eventTime =
        functions.expr(
            "(id div " + rowsPerSecond + ") * 1000000 + ((id % " + rowsPerSecond + ") * 1000000) div "
                + rowsPerSecond + " + " + startTimeMicros + "L");
    Column[] columns = ((ColumnCatalog) loaded.catalog()).columns(type, seed, row, eventTime);
    return spark.range(0, rows).select(columns);
  }

  /**
   * Source options from run settings: seed, format, rate (or rate shape), partitions, (batch) rows or
   * (stream) bounds, partition key
   * field, and the protobuf envelope when the configured sink carries no event-type header.
   * {@code catalogClass} null means the only generated catalog on the classpath.
   */
  public static SourceOptions.Builder sourceOptions(String catalogClass, RunSettings settings) {
    SourceOptions.Builder b =
        SourceOptions.builder()
            .catalog(catalogClass)
            .seed(settings.seed())
            .format(settings.format())
            .rowsPerSecond(settings.rowsPerSecond())
            .partitionKeyField(settings.partitionKeyField())
            .faults(settings.faults());
    if (settings.format() == Format.PROTOBUF && !Sinks.carriesEventType(settings.sinkType())) {
      b.envelope(true);
    }
    if (!settings.rate().isConstant()) {
      b.rate(settings.rate());
    }
    // Simulated time: row 0 at the configured instant; a stream also runs at the configured speed.
    if (settings.eventTimeStartMicros() != null) {
      b.startTimeMicros(settings.eventTimeStartMicros());
    }
    if (settings.isBatch()) {
      b.rows(settings.batchRows()).partitions(settings.batchPartitions());
      return b;
    }
    if (settings.simulatesEventTime()) {
      b.speed(settings.eventTimeSpeed());
    }
    if (settings.streamingPartitions() != null) {
      b.partitions(settings.streamingPartitions());
    }
    // A stream's bounds: the source ends at the row they give, so the last batch ends exactly there.
    if (settings.maxEvents() > 0) {
      b.maxRows(settings.maxEvents());
    }
    if (settings.durationSeconds() > 0) {
      b.durationSeconds(settings.durationSeconds());
    }
    return b;
  }
}
