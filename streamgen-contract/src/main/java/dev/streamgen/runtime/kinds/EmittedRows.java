package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.api.RowsOfType;

/**
 * A row of another event type that the run emits ({@code ref: <event_type_id>.<field>, match: m}):
 * with probability {@code match}, a row of the target type in the row's {@link Window} (by default
 * every earlier row; {@code emitted: later} the next {@code within} rows, late-arriving dimensions;
 * {@code either} both sides), uniform among them (candidates drawn uniformly from the window, until
 * one is of the type: about 1 / weight draws, each a hash and a table test); otherwise an orphan, a
 * row before this one (or this one) of another type. The target field is unique per row (the
 * compiler checks), so a consumer joining on it finds the match share, and no orphan ever matches.
 *
 * <p>A window never reaches past the run's end ({@code endRow}, the row a bounded run ends before),
 * so every matched row is one the run really emits. A row whose window holds no row of the type
 * (the first rows of a run for earlier rows, the last ones for later rows) is an orphan too. After
 * {@code tries} random candidates a bounded window is scanned in order, so a row of the type in it
 * is always found; the unbounded earlier window gives up (chance below e^-40) and makes an orphan.
 * When every row up to this one is of the type, the orphan is the first later row that is not.
 * Packed: salt, match (double bits), tries, window, within, then the {@link RowsOfType} words.
 */
public final class EmittedRows extends RowSource {
  private static final long serialVersionUID = 1L;
  static final int CODE = 31;

  /** Where a referring row looks for the rows of the type, relative to itself. */
  public enum Window {
    /** Rows before it: all of them, or the last {@code within}. */
    EARLIER,
    /** The {@code within} rows after it: ids whose row arrives later (late-arriving dimensions). */
    LATER,
    /** The {@code within} rows on either side of it. */
    EITHER
  }

  private static final int WINDOW = 3;
  private static final int WITHIN = 4;
  private static final int TYPE = 5;

  private final RowsOfType rows;
  private final Window window;
  private final long within;
  private final long[] words;

  /** Every earlier row of the type: {@link #EmittedRows(long, double, Window, long, RowsOfType)} with EARLIER and no bound. */
  public EmittedRows(long salt, double match, RowsOfType rows) {
    this(salt, match, Window.EARLIER, 0, rows);
  }

  /**
   * @param salt the salt of the field's draws
   * @param match the share of rows that refer to an emitted row, in [0, 1]
   * @param window where the rows of the type are looked for
   * @param within rows on the window's side(s); 0 for every earlier row (EARLIER only)
   * @param rows the rows of the target type
   */
  public EmittedRows(long salt, double match, Window window, long within, RowsOfType rows) {
    if (!(match >= 0 && match <= 1)) {
      throw new IllegalArgumentException("match " + match + " is not in [0, 1]");
    }
    if (within < 0 || within == 0 && window != Window.EARLIER) {
      throw new IllegalArgumentException("a window of " + window + " rows needs within > 0, got " + within);
    }
    this.rows = rows;
    this.window = window;
    this.within = within;
    // Both searches draw until they hit: a match finds a row of the type with chance w per draw, an
    // orphan a row of another type with chance 1 - w. Enough tries for the rarer of the two makes the
    // chance that either gives up early below e^-40: (1 - w)^tries and w^tries. A side with no rows
    // at all (w = 0 or 1) can never hit, so tries are not counted for it.
    double w = rows.weight();
    double rarer = Math.min(w, 1 - w) > 0 ? Math.min(w, 1 - w) : Math.max(w, 1 - w);
    long tries = (long) Math.min(1e7, Math.ceil(40 / Math.max(rarer, 1e-9)));
    long[] typeWords = rows.words();
    this.words = new long[TYPE + typeWords.length];
    words[0] = salt;
    words[1] = Double.doubleToRawLongBits(match);
    words[2] = tries;
    words[WINDOW] = window.ordinal();
    words[WITHIN] = within;
    System.arraycopy(typeWords, 0, words, TYPE, typeWords.length);
  }

  /** Where the rows of the type are looked for. */
  public Window window() {
    return window;
  }

  /** Rows on the window's side(s); 0 for every earlier row. */
  public long within() {
    return within;
  }

  /** The rows of the target type. */
  public RowsOfType rows() {
    return rows;
  }

  /** The source row in a run without end (a stream without bounds; typed classes and per-type columns). */
  @Override
  public long sourceRow(long seed, long row) {
    return sourceRow(words, 0, seed, row, Long.MAX_VALUE);
  }

  /** The source row in a run that ends before row {@code endRow}. */
  public long sourceRow(long seed, long row, long endRow) {
    return sourceRow(words, 0, seed, row, endRow);
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p) {
    for (long w : words) {
      p.word(w);
    }
  }

  static long sourceRow(long[] code, int at, long seed, long row, long endRow) {
    long stream = Rng.stream(seed, code[at]);
    boolean matched = Rng.unit(Rng.hash(row, stream)) < Double.longBitsToDouble(code[at + 1]);
    long tries = code[at + 2];
    int window = (int) code[at + WINDOW];
    long within = code[at + WITHIN];
    int type = at + TYPE;
    // The window [from, to]: never before row 0 nor at or past the run's end.
    long from = window == Window.LATER.ordinal() ? row + 1 : within == 0 ? 0 : Math.max(0, row - within);
    long to = window == Window.EARLIER.ordinal() ? row - 1 : Math.min(endRow - 1, row > Long.MAX_VALUE - within ? Long.MAX_VALUE : row + within);
    if (matched && from <= to) {
      for (long i = 1; i <= tries; i++) {
        long candidate = Rng.between(Rng.hash(row, stream + i), from, to);
        if (candidate != row && RowsOfType.contains(code, type, seed, candidate)) {
          return candidate;
        }
      }
      // A bounded window (rarely: one the run's start or end cut short) is scanned, so a row of the type in it is found.
      for (long candidate = from; within > 0 && candidate <= to; candidate++) {
        if (candidate != row && RowsOfType.contains(code, type, seed, candidate)) {
          return candidate;
        }
      }
    }
    // An orphan: a row up to this one that is not of the type, whose target value no row of the type has.
    for (long i = 1; i <= tries; i++) {
      long candidate = Rng.between(Rng.hash(row, stream - i), 0, row);
      if (!RowsOfType.contains(code, type, seed, candidate)) {
        return candidate;
      }
    }
    // Every row up to this one is of the type (the first rows of a run): the first later row that is not.
    for (long candidate = row + 1; candidate <= row + tries; candidate++) {
      if (!RowsOfType.contains(code, type, seed, candidate)) {
        return candidate;
      }
    }
    return row + 1; // only when the type is every row: no orphan exists
  }
}
