package dev.streamgen.runtime.source;

import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.api.TimedTypePick;
import dev.streamgen.runtime.kinds.PackedCatalog;
import dev.streamgen.runtime.settings.RateShape;

/**
 * The event type of each row, a pure function of (seed, row) (and, with {@code weight_changes}, of
 * the row's event time offset from the run's first row), computed a window of rows ahead so
 * the packed data of those rows' types is loaded before they are written.
 *
 * <p>Why windows: with thousands of event types a row's type data is rarely in the CPU's caches, and
 * Java has no prefetch instruction, only loads. A load that misses blocks the CPU once it is the
 * oldest instruction in flight, so loading the next row's data one row ahead still costs about one
 * memory latency per row. Loading the data of the next {@value #WINDOW} rows' types together puts
 * their misses in flight at once: one wait per window instead of one per row (docs/benchmarks.md).
 *
 * <p>Rows are expected in order; any other row is answered correctly, just without the lookahead.
 * One instance per task; not thread-safe.
 */
public final class RowTypes {
  static final int WINDOW = 8;

  private final AliasTable aliasTable;
  private final long typeStream;
  /** Null when the catalog declares no weight changes: the type is the alias table's pick. */
  private final TimedTypePick timedPick;
  private final long periodStream;
  private final RateShape rate;
  /** The run's first row's event time, which weight changes count from ({@link #start}). */
  private long startMicros;
  /** Null for catalogs that are not packed: nothing to load ahead. */
  private final PackedCatalog packed;
  /** Types of rows {@code [windowStart, windowStart + WINDOW)}, then of the window after it. */
  private final int[] types = new int[2 * WINDOW];
  /** -1 before the first row. */
  private long windowStart = -1;
  /** Sums what was loaded ahead, so the loads stay (never read otherwise). */
  private long loaded;

  /**
   * @param aliasTable the catalog's type weights
   * @param packed the catalog packed in the run's format, or null when it is not packed
   */
  public RowTypes(AliasTable aliasTable, long seed, PackedCatalog packed) {
    this(aliasTable, null, null, seed, packed);
  }

  /**
   * @param timedPick the catalog's weight changes, or null when it has none
   * @param rate the run's rate shape, which gives each row's event time (unused without changes)
   */
  public RowTypes(AliasTable aliasTable, TimedTypePick timedPick, RateShape rate, long seed, PackedCatalog packed) {
    this.aliasTable = aliasTable;
    this.timedPick = timedPick;
    this.rate = rate;
    this.typeStream = Rng.stream(seed, Rng.TYPE_SALT);
    this.periodStream = Rng.stream(seed, Rng.PERIOD_TYPE_SALT);
    this.packed = packed;
  }

  /**
   * Sets the event time of the run's first row: weight changes count from it. Types picked ahead
   * under another start are picked again.
   */
  public void start(long startMicros) {
    if (timedPick != null && startMicros != this.startMicros) {
      this.startMicros = startMicros;
      windowStart = -1;
    }
  }

  /** The type of row {@code row} without lookahead. */
  public int typeOf(long row) {
    int picked = aliasTable.pick(Rng.hash(row, typeStream));
    if (timedPick == null) {
      return picked;
    }
    return timedPick.typeOf(picked, row, rate.micros(startMicros, row) - startMicros, periodStream);
  }

  /** The type of row {@code row}; rows in order load their types' data a window ahead. */
  public int next(long row) {
    if (packed == null) {
      return typeOf(row);
    }
    long offset = row - windowStart;
    if (windowStart < 0 || offset < 0 || offset >= 2 * WINDOW) {
      // First row, or a jump: fill both windows, load the second.
      windowStart = row;
      fill(0, row);
      fill(WINDOW, row + WINDOW);
      return types[0];
    }
    if (offset >= WINDOW) {
      // Entered the second window: it becomes the first; the one after it starts loading.
      System.arraycopy(types, WINDOW, types, 0, WINDOW);
      windowStart += WINDOW;
      fill(WINDOW, windowStart + WINDOW);
      offset -= WINDOW;
    }
    return types[(int) offset];
  }

  private void fill(int at, long firstRow) {
    long sum = 0;
    for (int k = 0; k < WINDOW; k++) {
      int type = typeOf(firstRow + k);
      types[at + k] = type;
      sum += packed.prefetch(type);
    }
    loaded += sum;
  }
}
