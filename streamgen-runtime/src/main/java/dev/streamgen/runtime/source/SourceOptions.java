package dev.streamgen.runtime.source;

import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.settings.DidYouMean;
import dev.streamgen.runtime.settings.RateShape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every option of the {@code streamgen} data source, in one place, read case-insensitively and
 * validated when the scan is built (planning time), so mistakes fail before any task runs. Messages
 * quote the option and its value and say the fix.
 */
public final class SourceOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Generated catalog class; default: the only one listed in {@code META-INF/streamgen/catalogs}. */
  public static final String CATALOG = "catalog";
  /** Rows of a batch read (required for batch). */
  public static final String ROWS = "rows";
  /** Target rate of a stream; also spaces event times in a batch. */
  public static final String ROWS_PER_SECOND = "rowsPerSecond";
  /**
   * The rate over time as {@code streaming_config.rate} writes it ({@code ramp 100 to 1000 over
   * 10m}, ...); replaces {@code rowsPerSecond}, for streams and for the event times of a batch.
   */
  public static final String RATE = "rate";
  /** A stream ends after this many rows (from row 0, across restarts). */
  public static final String MAX_ROWS = "maxRows";
  /** A stream ends with the rows of this many seconds of event time from row 0. */
  public static final String DURATION_SECONDS = "durationSeconds";
  /** Input partitions per batch or micro-batch. */
  public static final String PARTITIONS = "partitions";
  /** Run seed: the same seed gives the same events. */
  public static final String SEED = "seed";
  /** Payload encoding: json, avro, binary or protobuf. */
  public static final String FORMAT = "format";
  /** Wrap protobuf payloads in StreamgenEnvelope (for sinks that carry no type header). */
  public static final String ENVELOPE = "envelope";
  /** Field whose text becomes partition_key; default: the event_type_id. */
  public static final String PARTITION_KEY_FIELD = "partitionKeyField";
  /** Event time of row 0, in microseconds since the epoch; default: the clock at planning/start. */
  public static final String START_TIME_MICROS = "startTimeMicros";
  /**
   * Simulated time: seconds of event time a stream covers per wall-clock second (60: an hour a
   * minute). Set (even to 1), the stream paces row 0 from its first real batch whatever {@value
   * #START_TIME_MICROS} says, so a start in the past is replayed, not caught up at once.
   */
  public static final String SPEED = "speed";
  /** Cap on rows per micro-batch, so catching up after a slow batch stays responsive. */
  public static final String MAX_ROWS_PER_BATCH = "maxRowsPerBatch";
  /**
   * A stream releases due rows in steps of this many milliseconds (0: as soon as due), so a fast
   * trigger still makes batches of a useful size rather than one per few rows.
   */
  public static final String EMIT_INTERVAL_MILLIS = "emitIntervalMillis";
  /** Id of a {@link TypeCountAccumulator} registered with {@link TypeCountAccumulator#register}. */
  public static final String TYPE_COUNTER = "typeCounter";
  /** Name of a clock registered with {@link StreamClock#register}: a test hook for the stream's rate. */
  public static final String CLOCK = "clock";
  /**
   * Delivery faults and ground truth ({@link Faults}): {@code name=value} pairs joined by commas, names
   * as under {@code faults:} in the YAML, e.g. {@code late_share=0.05,duplicate_share=0.01}.
   */
  public static final String FAULTS = "faults";
  /** A registry's framing ({@link PayloadFraming}): the schema id of every type, registered on the driver. */
  public static final String FRAMING = "framing";

  static final List<String> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              CATALOG,
              ROWS,
              ROWS_PER_SECOND,
              RATE,
              MAX_ROWS,
              DURATION_SECONDS,
              PARTITIONS,
              SEED,
              FORMAT,
              ENVELOPE,
              PARTITION_KEY_FIELD,
              START_TIME_MICROS,
              SPEED,
              MAX_ROWS_PER_BATCH,
              EMIT_INTERVAL_MILLIS,
              TYPE_COUNTER,
              CLOCK,
              FAULTS,
              FRAMING));

  /** The option names, in documentation order. */
  public static List<String> names() {
    return ALL;
  }

  /** Rows a micro-batch may take by default: this many seconds of the target rate. */
  static final long DEFAULT_CATCH_UP_SECONDS = 10;

  static final long DEFAULT_ROWS_PER_SECOND = 1000;

  static final long DEFAULT_EMIT_INTERVAL_MILLIS = 1000;

  private final String catalog;
  private final Long rows;
  private final long rowsPerSecond;
  private final RateShape rate;
  private final Long maxRows;
  private final Long durationSeconds;
  private final Integer partitions;
  private final long seed;
  private final Format format;
  private final boolean envelope;
  private final String partitionKeyField;
  private final Long startTimeMicros;
  private final Double speed;
  private final Long maxRowsPerBatch;
  private final long emitIntervalMillis;
  private final String typeCounter;
  private final String clock;
  private final Faults faults;
  private final PayloadFraming framing;

  private SourceOptions(Builder b) {
    this.catalog = b.catalog;
    this.rows = b.rows;
    this.rowsPerSecond = b.rowsPerSecond;
    this.rate = b.rate;
    this.maxRows = b.maxRows;
    this.durationSeconds = b.durationSeconds;
    this.partitions = b.partitions;
    this.seed = b.seed;
    this.format = b.format;
    this.envelope = b.envelope;
    this.partitionKeyField = b.partitionKeyField;
    this.startTimeMicros = b.startTimeMicros;
    this.speed = b.speed;
    this.maxRowsPerBatch = b.maxRowsPerBatch;
    this.emitIntervalMillis = b.emitIntervalMillis;
    this.typeCounter = b.typeCounter;
    this.clock = b.clock;
    this.faults = b.faults;
    this.framing = b.framing;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads and validates options as Spark passes them (keys in any case). Unknown keys fail with a
   * suggestion: a misspelt {@code rowsPerSecnd} silently ignored would run at the wrong rate.
   */
  public static SourceOptions parse(Map<String, String> options) {
    Builder b = builder();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = canonical(e.getKey());
      String value = e.getValue();
      if (key == null) {
        throw new IllegalArgumentException(
            "unknown streamgen option '"
                + e.getKey()
                + "'"
                + DidYouMean.hint(e.getKey(), ALL)
                + " (options: "
                + String.join(", ", ALL)
                + ")");
      }
      switch (key) {
        case CATALOG:
          b.catalog(nonEmpty(key, value, "a generated catalog class name, e.g. com.example.EventsCatalog"));
          break;
        case ROWS:
          b.rows(positiveLong(key, value, "1000000"));
          break;
        case ROWS_PER_SECOND:
          b.rowsPerSecond(positiveLong(key, value, "1000"));
          break;
        case RATE:
          try {
            b.rate(RateShape.parse(value));
          } catch (IllegalArgumentException bad) {
            throw invalid(key, value, bad.getMessage(), "ramp 100 to 1000 over 10m");
          }
          break;
        case MAX_ROWS:
          b.maxRows(positiveLong(key, value, "1000000"));
          break;
        case DURATION_SECONDS:
          b.durationSeconds(positiveLong(key, value, "60"));
          break;
        case PARTITIONS:
          long p = positiveLong(key, value, "8");
          if (p > Integer.MAX_VALUE) {
            throw invalid(key, value, "expected at most " + Integer.MAX_VALUE, "8");
          }
          b.partitions((int) p);
          break;
        case SEED:
          b.seed(anyLong(key, value, "42"));
          break;
        case FORMAT:
          b.format(format(value));
          break;
        case ENVELOPE:
          b.envelope(bool(key, value));
          break;
        case PARTITION_KEY_FIELD:
          b.partitionKeyField(nonEmpty(key, value, "a field name such as user_id"));
          break;
        case START_TIME_MICROS:
          b.startTimeMicros(anyLong(key, value, "1767225600000000"));
          break;
        case SPEED:
          b.speed(positiveNumber(key, value, "60"));
          break;
        case MAX_ROWS_PER_BATCH:
          b.maxRowsPerBatch(positiveLong(key, value, "100000"));
          break;
        case EMIT_INTERVAL_MILLIS:
          long ms = anyLong(key, value, "1000");
          if (ms < 0) {
            throw invalid(key, value, "expected a whole number, 0 or more", "1000");
          }
          b.emitIntervalMillis(ms);
          break;
        case TYPE_COUNTER:
          b.typeCounter(value);
          break;
        case CLOCK:
          b.clock(value);
          break;
        case FAULTS:
          b.faults(value);
          break;
        case FRAMING:
          b.framing(PayloadFraming.parse(value));
          break;
        default:
          throw new AssertionError(key);
      }
    }
    return b.build();
  }

  /** The options as Spark reader options (only those set), the inverse of {@link #parse}. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    if (catalog != null) {
      m.put(CATALOG, catalog);
    }
    if (rows != null) {
      m.put(ROWS, Long.toString(rows));
    }
    m.put(ROWS_PER_SECOND, Long.toString(rowsPerSecond));
    if (rate != null) {
      m.put(RATE, rate.text());
    }
    if (maxRows != null) {
      m.put(MAX_ROWS, Long.toString(maxRows));
    }
    if (durationSeconds != null) {
      m.put(DURATION_SECONDS, Long.toString(durationSeconds));
    }
    if (partitions != null) {
      m.put(PARTITIONS, Integer.toString(partitions));
    }
    m.put(SEED, Long.toString(seed));
    m.put(FORMAT, format.configName());
    if (envelope) {
      m.put(ENVELOPE, "true");
    }
    if (partitionKeyField != null) {
      m.put(PARTITION_KEY_FIELD, partitionKeyField);
    }
    if (startTimeMicros != null) {
      m.put(START_TIME_MICROS, Long.toString(startTimeMicros));
    }
    if (speed != null) {
      m.put(SPEED, Double.toString(speed));
    }
    if (maxRowsPerBatch != null) {
      m.put(MAX_ROWS_PER_BATCH, Long.toString(maxRowsPerBatch));
    }
    if (emitIntervalMillis != DEFAULT_EMIT_INTERVAL_MILLIS) {
      m.put(EMIT_INTERVAL_MILLIS, Long.toString(emitIntervalMillis));
    }
    if (typeCounter != null) {
      m.put(TYPE_COUNTER, typeCounter);
    }
    if (clock != null) {
      m.put(CLOCK, clock);
    }
    if (!framing.isNone()) {
      m.put(FRAMING, framing.text());
    }
    if (faults != Faults.NONE) {
      m.put(FAULTS, faults.text());
    }
    return m;
  }

  /** Class name, or null to discover the only generated catalog on the classpath. */
  public String catalog() {
    return catalog;
  }

  /** Rows of a batch read, or null when not set. */
  public Long rows() {
    return rows;
  }

  public long rowsPerSecond() {
    return rowsPerSecond;
  }

  /** The rate over time: the {@value #RATE} option, else a constant {@code rowsPerSecond}. */
  public RateShape rate() {
    return rate != null ? rate : RateShape.constant(rowsPerSecond);
  }

  /** Rows after which a stream ends, or null for no limit. */
  public Long maxRows() {
    return maxRows;
  }

  /** Seconds of event time after which a stream ends, or null for no limit. */
  public Long durationSeconds() {
    return durationSeconds;
  }

  /** Partitions, or null for Spark's default parallelism. */
  public Integer partitions() {
    return partitions;
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

  /** The partition key field, or null for the documented default (event_type_id). */
  public String partitionKeyField() {
    return partitionKeyField;
  }

  /** Event time of row 0 in epoch microseconds, or null for "the clock when planned / started". */
  public Long startTimeMicros() {
    return startTimeMicros;
  }

  /** Event seconds per wall-clock second of a simulated stream, or null when time is not simulated. */
  public Double speed() {
    return speed;
  }

  /**
   * The per-micro-batch cap: as set, else {@value #DEFAULT_CATCH_UP_SECONDS} wall-clock seconds of
   * the rate (of a shape's peak rate, times the speed of simulated time).
   */
  public long maxRowsPerBatch() {
    if (maxRowsPerBatch != null) {
      return maxRowsPerBatch;
    }
    double peak = Math.ceil(rate().peakRowsPerSecond() * (speed == null ? 1 : speed));
    return Math.max(1, saturatedMultiply(peak >= 9e18 ? Long.MAX_VALUE : (long) peak, DEFAULT_CATCH_UP_SECONDS));
  }

  public long emitIntervalMillis() {
    return emitIntervalMillis;
  }

  public String typeCounter() {
    return typeCounter;
  }

  public String clock() {
    return clock;
  }

  /** The registry's framing; {@link PayloadFraming#NONE} when unset. */
  public PayloadFraming framing() {
    return framing;
  }

  /** The delivery faults; {@link Faults#NONE} when unset. */
  public Faults faults() {
    return faults;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.catalog = catalog;
    b.rows = rows;
    b.rowsPerSecond = rowsPerSecond;
    b.rate = rate;
    b.maxRows = maxRows;
    b.durationSeconds = durationSeconds;
    b.partitions = partitions;
    b.seed = seed;
    b.format = format;
    b.envelope = envelope;
    b.partitionKeyField = partitionKeyField;
    b.startTimeMicros = startTimeMicros;
    b.speed = speed;
    b.maxRowsPerBatch = maxRowsPerBatch;
    b.emitIntervalMillis = emitIntervalMillis;
    b.typeCounter = typeCounter;
    b.clock = clock;
    b.faults = faults;
    b.framing = framing;
    return b;
  }

  @Override
  public String toString() {
    return "streamgen " + asMap();
  }

  // ---- named errors ----

  /** A batch read without {@code rows}. */
  static IllegalArgumentException rowsRequiredForBatch() {
    return new IllegalArgumentException(
        "streamgen option '" + ROWS + "' is required for a batch read: set e.g. .option(\"rows\", \"1000000\")");
  }

  /** {@code envelope=true} with a format other than protobuf. */
  static IllegalArgumentException envelopeNeedsProtobuf(Format format) {
    return new IllegalArgumentException(
        "streamgen option '"
            + ENVELOPE
            + "' = 'true' needs format protobuf (format is '"
            + format.configName()
            + "'): remove the envelope option or set .option(\"format\", \"protobuf\")");
  }

  /** A partition key field that no event type has. */
  static IllegalArgumentException unknownPartitionKeyField(String field, List<String> knownFields) {
    return new IllegalArgumentException(
        "streamgen option '"
            + PARTITION_KEY_FIELD
            + "' = '"
            + field
            + "': no event type has this field"
            + DidYouMean.hint(field, knownFields)
            + " (unset it to use event_type_id)");
  }

  static IllegalArgumentException invalid(String key, String value, String expected, String example) {
    return new IllegalArgumentException(
        "streamgen option '"
            + key
            + "' = '"
            + value
            + "': "
            + expected
            + ", e.g. .option(\""
            + key
            + "\", \""
            + example
            + "\")");
  }

  // ---- parsing helpers ----

  private static String canonical(String key) {
    for (String k : ALL) {
      if (k.equalsIgnoreCase(key)) {
        return k;
      }
    }
    return null;
  }

  private static String nonEmpty(String key, String value, String expected) {
    if (value == null || value.trim().isEmpty()) {
      throw new IllegalArgumentException(
          "streamgen option '" + key + "' is empty: expected " + expected);
    }
    return value.trim();
  }

  private static long positiveLong(String key, String value, String example) {
    long n = parseLong(key, value, "expected a whole number greater than 0", example);
    if (n <= 0) {
      throw invalid(key, value, "expected a whole number greater than 0", example);
    }
    return n;
  }

  private static double positiveNumber(String key, String value, String example) {
    double d;
    try {
      d = Double.parseDouble(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "expected a number greater than 0", example);
    }
    if (!(d > 0) || Double.isInfinite(d)) {
      throw invalid(key, value, "expected a number greater than 0", example);
    }
    return d;
  }

  private static long anyLong(String key, String value, String example) {
    return parseLong(key, value, "expected a whole number", example);
  }

  private static long parseLong(String key, String value, String expected, String example) {
    try {
      return Long.parseLong(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, expected, example);
    }
  }

  private static boolean bool(String key, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw invalid(key, value, "expected true or false", "true");
  }

  private static Format format(String value) {
    try {
      return Format.parse(value);
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (Format f : Format.values()) {
        names.add(f.configName());
      }
      throw invalid(FORMAT, value, "expected one of " + String.join(", ", names), "json");
    }
  }

  static long saturatedMultiply(long a, long b) {
    long r = a * b;
    if (a != 0 && (r / a != b || (a == -1 && b == Long.MIN_VALUE))) {
      return Long.MAX_VALUE;
    }
    return r;
  }

  /** Builds {@link SourceOptions}; the rules spanning options are checked in {@link #build()}. */
  public static final class Builder {
    private String catalog;
    private Long rows;
    private long rowsPerSecond = DEFAULT_ROWS_PER_SECOND;
    private RateShape rate;
    private Long maxRows;
    private Long durationSeconds;
    private Integer partitions;
    private long seed;
    private Format format = Format.JSON;
    private boolean envelope;
    private String partitionKeyField;
    private Long startTimeMicros;
    private Double speed;
    private Long maxRowsPerBatch;
    private long emitIntervalMillis = DEFAULT_EMIT_INTERVAL_MILLIS;
    private String typeCounter;
    private String clock;
    private Faults faults = Faults.NONE;
    private PayloadFraming framing = PayloadFraming.NONE;

    private Builder() {}

    public Builder catalog(String className) {
      this.catalog = className;
      return this;
    }

    public Builder rows(long rows) {
      if (rows <= 0) {
        throw invalid(ROWS, Long.toString(rows), "expected a whole number greater than 0", "1000000");
      }
      this.rows = rows;
      return this;
    }

    public Builder rowsPerSecond(long rowsPerSecond) {
      if (rowsPerSecond <= 0) {
        throw invalid(
            ROWS_PER_SECOND, Long.toString(rowsPerSecond), "expected a whole number greater than 0", "1000");
      }
      this.rowsPerSecond = rowsPerSecond;
      return this;
    }

    /** The rate over time; null for a constant {@code rowsPerSecond}. */
    public Builder rate(RateShape shape) {
      this.rate = shape;
      return this;
    }

    public Builder maxRows(long rows) {
      if (rows <= 0) {
        throw invalid(MAX_ROWS, Long.toString(rows), "expected a whole number greater than 0", "1000000");
      }
      this.maxRows = rows;
      return this;
    }

    public Builder durationSeconds(long seconds) {
      if (seconds <= 0) {
        throw invalid(DURATION_SECONDS, Long.toString(seconds), "expected a whole number greater than 0", "60");
      }
      this.durationSeconds = seconds;
      return this;
    }

    public Builder partitions(int partitions) {
      if (partitions <= 0) {
        throw invalid(PARTITIONS, Integer.toString(partitions), "expected a whole number greater than 0", "8");
      }
      this.partitions = partitions;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    public Builder envelope(boolean envelope) {
      this.envelope = envelope;
      return this;
    }

    public Builder partitionKeyField(String field) {
      this.partitionKeyField = field;
      return this;
    }

    public Builder startTimeMicros(long micros) {
      this.startTimeMicros = micros;
      return this;
    }

    /** Simulated time at {@code eventSecondsPerSecond} (greater than 0, finite). */
    public Builder speed(double eventSecondsPerSecond) {
      if (!(eventSecondsPerSecond > 0) || Double.isInfinite(eventSecondsPerSecond)) {
        throw invalid(SPEED, Double.toString(eventSecondsPerSecond), "expected a number greater than 0", "60");
      }
      this.speed = eventSecondsPerSecond;
      return this;
    }

    public Builder maxRowsPerBatch(long rows) {
      if (rows <= 0) {
        throw invalid(
            MAX_ROWS_PER_BATCH, Long.toString(rows), "expected a whole number greater than 0", "100000");
      }
      this.maxRowsPerBatch = rows;
      return this;
    }

    public Builder emitIntervalMillis(long millis) {
      if (millis < 0) {
        throw invalid(
            EMIT_INTERVAL_MILLIS, Long.toString(millis), "expected a whole number, 0 or more", "1000");
      }
      this.emitIntervalMillis = millis;
      return this;
    }

    public Builder typeCounter(String id) {
      this.typeCounter = id;
      return this;
    }

    public Builder clock(String name) {
      this.clock = name;
      return this;
    }

    public Builder framing(PayloadFraming framing) {
      this.framing = framing;
      return this;
    }

    /** Faults as the option {@value #FAULTS} writes them; null or empty for none. */
    public Builder faults(String option) {
      this.faults = Faults.parse(option);
      return this;
    }

    public SourceOptions build() {
      if (envelope && format != Format.PROTOBUF) {
        throw envelopeNeedsProtobuf(format);
      }
      return new SourceOptions(this);
    }
  }
}
