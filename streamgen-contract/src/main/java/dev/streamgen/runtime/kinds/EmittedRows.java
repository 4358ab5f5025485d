package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.api.RowsOfType;

/**
 * A row of another event type that the run emitted before this one ({@code ref:
 * <event_type_id>.<field>, match: m}): with probability {@code match}, an earlier row of the target
 * type, uniform among them (candidates drawn uniformly from the rows before, until one is of the
 * type: about 1 / weight draws, each a hash and a table test); otherwise an orphan, a row before
 * this one (or this one) of another type. The target field is unique per row (the compiler checks),
 * so a consumer joining on it finds the match share, and no orphan ever matches.
 *
 * <p>A row with no earlier row of the type (the first rows of a run) is an orphan too; after
 * {@code tries} candidates the search gives up the same way. When every row up to this one is of
 * the type, the orphan is the first later row that is not. Packed: salt, match (double bits),
 * tries, then the {@link RowsOfType} words.
 */
public final class EmittedRows extends RowSource {
  private static final long serialVersionUID = 1L;
  static final int CODE = 31;

  private final RowsOfType rows;
  private final long[] words;

  /**
   * @param salt the salt of the field's draws
   * @param match the share of rows that refer to an emitted row, in [0, 1]
   * @param rows the rows of the target type
   */
  public EmittedRows(long salt, double match, RowsOfType rows) {
    if (!(match >= 0 && match <= 1)) {
      throw new IllegalArgumentException("match " + match + " is not in [0, 1]");
    }
    this.rows = rows;
    // Both searches draw until they hit: a match finds a row of the type with chance w per draw, an
    // orphan a row of another type with chance 1 - w. Enough tries for the rarer of the two makes the
    // chance that either gives up early below e^-40: (1 - w)^tries and w^tries. A side with no rows
    // at all (w = 0 or 1) can never hit, so tries are not counted for it.
    double w = rows.weight();
    double rarer = Math.min(w, 1 - w) > 0 ? Math.min(w, 1 - w) : Math.max(w, 1 - w);
    long tries = (long) Math.min(1e7, Math.ceil(40 / Math.max(rarer, 1e-9)));
    long[] typeWords = rows.words();
    this.words = new long[3 + typeWords.length];
    words[0] = salt;
    words[1] = Double.doubleToRawLongBits(match);
    words[2] = tries;
    System.arraycopy(typeWords, 0, words, 3, typeWords.length);
  }

  /** The rows of the target type. */
  public RowsOfType rows() {
    return rows;
  }

  @Override
  public long sourceRow(long seed, long row) {
    return sourceRow(words, 0, seed, row);
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

  static long sourceRow(long[] code, int at, long seed, long row) {
    long stream = Rng.stream(seed, code[at]);
    boolean matched = Rng.unit(Rng.hash(row, stream)) < Double.longBitsToDouble(code[at + 1]);
    long tries = code[at + 2];
    int type = at + 3;
    if (matched && row > 0) {
      for (long i = 1; i <= tries; i++) {
        long candidate = Rng.between(Rng.hash(row, stream + i), 0, row - 1);
        if (RowsOfType.contains(code, type, seed, candidate)) {
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
