package dev.streamgen.runtime.api;

import dev.streamgen.runtime.settings.RunSettings;
import dev.streamgen.runtime.settings.SettingSource;
import dev.streamgen.runtime.sink.Sinks;
import dev.streamgen.runtime.source.GenerationPlan;
import dev.streamgen.runtime.source.LoadedCatalog;
import dev.streamgen.runtime.source.SourceOptions;
import dev.streamgen.runtime.source.StreamgenSourceProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
   * Source options from run settings: seed, format, rate, partitions and (batch) rows, partition key
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
            .partitionKeyField(settings.partitionKeyField());
    if (settings.format() == Format.PROTOBUF && !Sinks.carriesEventType(settings.sinkType())) {
      b.envelope(true);
    }
    if (settings.isBatch()) {
      b.rows(settings.batchRows()).partitions(settings.batchPartitions());
    } else if (settings.streamingPartitions() != null) {
      b.partitions(settings.streamingPartitions());
    }
    return b;
  }
}
