package dev.streamgen.runtime.source;

import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.settings.RateShape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every partition reader needs to turn row indexes into events, resolved once on the driver:
 * the catalog class, seed, format, and for each type the index of its partition key field. It travels
 * with each task, so it holds no per-row state and nothing that grows with rows.
 */
public final class GenerationPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Partition key index meaning "use the event_type_id". */
  static final int TYPE_ID_KEY = -1;

  private final String catalogClass;
  private final long seed;
  private final Format format;
  private final boolean envelope;
  private final RateShape rate;
  private final int[] partitionKeyIndexes;
  private final TypeCountAccumulator typeCounter;
  private final RowSplit rowSplit;
  private final Faults faults;
  /** The row count a run stops at (a batch's rows, a stream's maxRows); Long.MAX_VALUE without. */
  private final long maxRows;
  /** A stream's duration of event time from row 0; null without. */
  private final Long durationSeconds;
  private final PayloadFraming framing;

  private GenerationPlan(
      String catalogClass,
      long seed,
      Format format,
      boolean envelope,
      RateShape rate,
      int[] partitionKeyIndexes,
      TypeCountAccumulator typeCounter,
      RowSplit rowSplit,
      Faults faults,
      long maxRows,
      Long durationSeconds,
      PayloadFraming framing) {
    this.catalogClass = catalogClass;
    this.seed = seed;
    this.format = format;
    this.envelope = envelope;
    this.rate = rate;
    this.partitionKeyIndexes = partitionKeyIndexes;
    this.typeCounter = typeCounter;
    this.rowSplit = rowSplit;
    this.faults = faults;
    this.maxRows = maxRows;
    this.durationSeconds = durationSeconds;
    this.framing = framing;
  }

  /**
   * Resolves options against the catalog on the driver: loads it (failing on a wrong class name),
   * finds the partition key field in each type (failing if no type has it) and the type counter.
   */
  public static GenerationPlan resolve(SourceOptions options) {
    LoadedCatalog catalog = LoadedCatalog.load(options.catalog());
    int[] keys = partitionKeyIndexes(catalog, options.partitionKeyField());
    TypeCountAccumulator counter = null;
    if (options.typeCounter() != null) {
      counter = TypeCountAccumulator.lookup(options.typeCounter());
      if (counter == null) {
        throw new IllegalArgumentException(
            "streamgen option '"
                + SourceOptions.TYPE_COUNTER
                + "' = '"
                + options.typeCounter()
                + "': no counter registered under this id (use TypeCountAccumulator.register)");
      }
      if (counter.types() != catalog.size()) {
        throw new IllegalArgumentException(
            "streamgen option '"
                + SourceOptions.TYPE_COUNTER
                + "' = '"
                + options.typeCounter()
                + "': the counter has "
                + counter.types()
                + " types but catalog "
                + catalog.className()
                + " has "
                + catalog.size());
      }
    }
    return new GenerationPlan(
        catalog.className(),
        options.seed(),
        options.format(),
        options.envelope(),
        options.rate(),
        keys,
        counter,
        RowSplit.forLanes(catalog.catalog().laneCounts()),
        options.faults(),
        options.maxRows() != null ? options.maxRows() : Long.MAX_VALUE,
        options.durationSeconds(),
        options.framing());
  }

  /** This plan for a batch read of rows [0, {@code rows}): a batch has neither a stream's maxRows nor its duration. */
  GenerationPlan batchOf(long rows) {
    return new GenerationPlan(
        catalogClass, seed, format, envelope, rate, partitionKeyIndexes, typeCounter, rowSplit, faults, rows, null, framing);
  }

  /**
   * The row the run ends before, with row 0 at {@code startMicros}: a batch's rows; a stream's
   * {@value SourceOptions#MAX_ROWS} and only rows whose event time is within {@value
   * SourceOptions#DURATION_SECONDS} of row 0; else {@code Long.MAX_VALUE}. Where a stream's offsets stop,
   * and what a reference to ids a type emits later must not reach past.
   */
  public long endRow(long startMicros) {
    long end = maxRows;
    if (durationSeconds != null) {
      long micros = SourceOptions.saturatedMultiply(durationSeconds, 1_000_000L);
      end = Math.min(end, rate.rowsDue(startMicros, micros - 1));
    }
    return end;
  }

  /**
   * Per type, the index of {@code field} in its field list, or {@link #TYPE_ID_KEY} where the type
   * lacks it (or no field is set). Fails when no type at all has the field: that is a typo.
   */
  static int[] partitionKeyIndexes(LoadedCatalog catalog, String field) {
    int n = catalog.size();
    int[] keys = new int[n];
    boolean found = false;
    for (int t = 0; t < n; t++) {
      keys[t] = field == null ? TYPE_ID_KEY : catalog.kernel(t).fieldNames().indexOf(field);
      if (keys[t] < 0) {
        keys[t] = TYPE_ID_KEY;
      } else {
        found = true;
      }
    }
    if (field != null && !found) {
      Set<String> known = new TreeSet<>();
      for (int t = 0; t < n; t++) {
        EventKernel k = catalog.kernel(t);
        known.addAll(k.fieldNames());
      }
      throw SourceOptions.unknownPartitionKeyField(field, new ArrayList<>(known));
    }
    return keys;
  }

  public String catalogClass() {
    return catalogClass;
  }

  public long seed() {
    return seed;
  }

  public Format format() {
    return format;
  }

  public boolean envelope() {
    return envelope;
  }

  /** The registry's framing of every payload; {@link PayloadFraming#NONE} without a registry. */
  public PayloadFraming framing() {
    return framing;
  }

  /** The constant rate, or a shape's peak rounded up: for code that sizes by one number. */
  public long rowsPerSecond() {
    return (long) Math.min(Long.MAX_VALUE, Math.ceil(rate.peakRowsPerSecond()));
  }

  /** The rate over time that spaces event times (a constant {@code rowsPerSecond} by default). */
  public RateShape rate() {
    return rate;
  }

  /** Partition key field index of type {@code type}, or -1 for the event_type_id. */
  int partitionKeyIndex(int type) {
    return partitionKeyIndexes[type];
  }

  /** Types whose partition key falls back to the event_type_id although a field was set. */
  List<String> typesWithoutKeyField(LoadedCatalog catalog) {
    List<String> ids = new ArrayList<>();
    for (int t = 0; t < partitionKeyIndexes.length; t++) {
      if (partitionKeyIndexes[t] == TYPE_ID_KEY) {
        ids.add(catalog.kernel(t).eventTypeId());
      }
    }
    return ids;
  }

  TypeCountAccumulator typeCounter() {
    return typeCounter;
  }

  /** Delivery faults and ground truth ({@link Faults#NONE} without). */
  public Faults faults() {
    return faults;
  }

  /** How rows are dealt to input partitions: whole lanes when the catalog has keyed sequences. */
  RowSplit rowSplit() {
    return rowSplit;
  }
}
