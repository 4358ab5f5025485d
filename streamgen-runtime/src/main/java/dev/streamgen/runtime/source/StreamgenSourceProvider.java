package dev.streamgen.runtime.source;

import dev.streamgen.runtime.columns.UnifiedStream;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark.read().format("streamgen")} and {@code spark.readStream().format("streamgen")}: the
 * unified stream ({@link UnifiedStream#SCHEMA}) generated from a compiled catalog. The plan is one
 * scan node whatever the number of event types; the types live in the generated code the readers
 * call. Options: {@link SourceOptions}.
 */
public final class StreamgenSourceProvider implements TableProvider, DataSourceRegister {

  /** The short name for {@code format(...)}. */
  public static final String SHORT_NAME = "streamgen";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return schemaOf(options);
  }

  /**
   * The unified schema for these options: the payload nullable when some rows of the catalog are
   * tombstones, the ground-truth columns when the {@code faults} option asks for them. A catalog
   * that cannot be loaded counts as one without tombstones here; planning the scan reports it.
   */
  static StructType schemaOf(Map<String, String> options) {
    CaseInsensitiveStringMap map = new CaseInsensitiveStringMap(options);
    boolean tombstones;
    try {
      tombstones = LoadedCatalog.load(map.get(SourceOptions.CATALOG)).hasTombstones();
    } catch (RuntimeException e) {
      tombstones = false;
    }
    return UnifiedStream.schema(tombstones, Faults.parse(map.get(SourceOptions.FAULTS)).groundTruth());
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    StructType fixed = schemaOf(properties);
    if (schema != null && !schema.equals(fixed)) {
      throw new IllegalArgumentException(
          "the streamgen source has a fixed schema ("
              + fixed.simpleString()
              + "); remove .schema(...) from the reader");
    }
    return new StreamgenTable(properties, StreamClock.SYSTEM.nowMicros());
  }

  /**
   * The source as a table. It records when it was loaded: a batch read without {@code
   * startTimeMicros} takes that as its event-time origin, so every action on the same DataFrame sees
   * the same rows.
   */
  static final class StreamgenTable implements SupportsRead {
    private final Map<String, String> properties;
    private final long loadedAtMicros;

    StreamgenTable(Map<String, String> properties, long loadedAtMicros) {
      this.properties = Collections.unmodifiableMap(new HashMap<>(properties));
      this.loadedAtMicros = loadedAtMicros;
    }

    @Override
    public String name() {
      return SHORT_NAME;
    }

    @Override
    public StructType schema() {
      return schemaOf(properties);
    }

    @Override
    public Set<TableCapability> capabilities() {
      return EnumSet.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
      return new StreamgenScanBuilder(options, loadedAtMicros);
    }
  }

  /** Parses and checks the options when the query is planned. */
  static final class StreamgenScanBuilder implements ScanBuilder {
    private final CaseInsensitiveStringMap options;
    private final long loadedAtMicros;

    StreamgenScanBuilder(CaseInsensitiveStringMap options, long loadedAtMicros) {
      this.options = options;
      this.loadedAtMicros = loadedAtMicros;
    }

    @Override
    public Scan build() {
      SourceOptions parsed = SourceOptions.parse(options.asCaseSensitiveMap());
      return new StreamgenScan(parsed, GenerationPlan.resolve(parsed), loadedAtMicros);
    }
  }

  /** One scan: a batch over rows [0, rows) or a rate-paced micro-batch stream. */
  static final class StreamgenScan implements Scan {
    private static final Logger LOG = LoggerFactory.getLogger(StreamgenScan.class);

    private final SourceOptions options;
    private final GenerationPlan plan;
    private final long loadedAtMicros;

    StreamgenScan(SourceOptions options, GenerationPlan plan, long loadedAtMicros) {
      this.options = options;
      this.plan = plan;
      this.loadedAtMicros = loadedAtMicros;
      warnAboutKeyFallback();
    }

    @Override
    public StructType readSchema() {
      return UnifiedStream.schema(LoadedCatalog.load(plan.catalogClass()).hasTombstones(), plan.faults().groundTruth());
    }

    /** Shown in plans: a constant-size summary, never the list of types. */
    @Override
    public String description() {
      LoadedCatalog catalog = LoadedCatalog.load(plan.catalogClass());
      return "streamgen [catalog="
          + plan.catalogClass()
          + ", types="
          + catalog.size()
          + ", format="
          + plan.format().configName()
          + (plan.envelope() ? "+envelope" : "")
          + ", seed="
          + plan.seed()
          + (options.rows() != null ? ", rows=" + options.rows() : "")
          + (plan.rate().isConstant() ? ", rowsPerSecond=" : ", rate=")
          + plan.rate()
          + (plan.faults() != Faults.NONE ? ", faults=" + plan.faults().text() : "")
          + "]";
    }

    @Override
    public Batch toBatch() {
      if (options.rows() == null) {
        throw SourceOptions.rowsRequiredForBatch();
      }
      if (options.asMap().containsKey(SourceOptions.MAX_ROWS_PER_BATCH)) {
        LOG.warn("streamgen option '{}' applies to streams only; ignored by this batch read",
            SourceOptions.MAX_ROWS_PER_BATCH);
      }
      long start = options.startTimeMicros() != null ? options.startTimeMicros() : loadedAtMicros;
      return new StreamgenBatch(plan.batchOf(options.rows()), options.rows(), partitions(), start);
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
      if (options.rows() != null) {
        LOG.warn("streamgen option '{}' applies to batch reads only; a stream runs at '{}' until stopped",
            SourceOptions.ROWS, SourceOptions.ROWS_PER_SECOND);
      }
      return new StreamgenMicroBatchStream(plan, options, partitions(), StreamClock.named(options.clock()));
    }

    private int partitions() {
      if (options.partitions() != null) {
        return options.partitions();
      }
      return SparkSession.active().sparkContext().defaultParallelism();
    }

    private void warnAboutKeyFallback() {
      if (options.partitionKeyField() == null) {
        return;
      }
      List<String> without = plan.typesWithoutKeyField(LoadedCatalog.load(plan.catalogClass()));
      if (!without.isEmpty()) {
        LOG.warn(
            "streamgen option '{}' = '{}': {} event type(s) lack this field and use their event_type_id as partition_key (first: {})",
            SourceOptions.PARTITION_KEY_FIELD,
            options.partitionKeyField(),
            without.size(),
            without.get(0));
      }
    }
  }
}
