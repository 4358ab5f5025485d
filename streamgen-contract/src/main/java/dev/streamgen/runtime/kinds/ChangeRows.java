package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.api.RowsOfType;
import java.io.Serializable;

/**
 * The change stream (CDC) of an entity pool of {@code count} members, computed per row without
 * state: which member a row of the change type changes, its version, the previous change of that
 * member, the operation ({@code c}, {@code u}, {@code d}) and the rows its images are drawn at.
 *
 * <p>Lanes: row r is in lane {@code i = r mod count}, round {@code q = r / count}; lane i belongs to
 * member {@code k = π(i)} (a keyed {@link Permutation} of [0, count)), so each member's potential
 * change slots are the rows {@code q·count + π⁻¹(k)}. A row of the change type (the catalog's type
 * pick chose it, {@link RowsOfType}) is a change of member k with version {@code q + 1}: versions
 * increase per member. Its previous change is the latest earlier row of its lane of the type.
 *
 * <p>Operations: a member's first change inserts it ({@code c}). A later change draws {@code h}
 * (uniform in [0, 1) on the delete stream): on a live member it deletes it when {@code h <
 * deleteRatio} ({@code d}), else updates it ({@code u}); on a deleted member it re-inserts it
 * ({@code c}). So a member is live after change x unless x is a delete; whether x was a delete only
 * depends on the chain of earlier changes whose draw was below the ratio, walked iteratively.
 *
 * <p>Tombstones (when asked): the change after a delete is a tombstone ({@code t}: the unified row's
 * payload is null, for Kafka's log compaction), and the change after a tombstone re-inserts the
 * member. So per member c, u*, d, t, c, u*, ... A change is a delete when its draw is below the
 * ratio and the member is live (the previous change neither a delete nor a tombstone, i.e. the one
 * before it no delete): whether x was a delete depends on the two changes before it, so the walk
 * goes back to two consecutive draws not below the ratio (or the first change) and comes forward.
 *
 * <p>Images: the key and the fields that never change are the member's attributes (row k, what
 * {@code ref: <pool>.<field>} reads); the updated fields of the image after the change at round q are
 * drawn at the virtual row {@code q·count + k} (distinct per member and version; round 0 gives the
 * member's own attributes). The before image of a change is the after image of the previous one.
 *
 * <p>Packed: count, permutation salt, delete ratio (double bits), delete salt, tombstones (1 or 0),
 * then the {@link RowsOfType} words. Immutable and thread-safe.
 */
public final class ChangeRows implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int COUNT = 0;
  static final int KEY_SALT = 1;
  static final int RATIO = 2;
  static final int DELETE_SALT = 3;
  static final int TOMBSTONES = 4;
  static final int ROWS = 5;

  private final RowsOfType rows;
  private final long[] words;

  /**
   * @param count the pool's members
   * @param keySalt the salt of the lane permutation (keyed per seed)
   * @param deleteRatio the share of changes to a live member that delete it, in [0, 1)
   * @param deleteSalt the salt of the delete draw
   * @param rows the rows of the change type
   */
  public ChangeRows(long count, long keySalt, double deleteRatio, long deleteSalt, RowsOfType rows) {
    this(count, keySalt, deleteRatio, deleteSalt, false, rows);
  }

  /**
   * @param tombstones whether the change after a delete is a tombstone ({@code t}) before the
   *     member's re-insert
   */
  public ChangeRows(long count, long keySalt, double deleteRatio, long deleteSalt, boolean tombstones, RowsOfType rows) {
    if (count < 1) {
      throw new IllegalArgumentException("a pool needs at least one member, got " + count);
    }
    if (!(deleteRatio >= 0 && deleteRatio < 1)) {
      throw new IllegalArgumentException("delete ratio " + deleteRatio + " is not in [0, 1)");
    }
    this.rows = rows;
    long[] typeWords = rows.words();
    this.words = new long[ROWS + typeWords.length];
    words[COUNT] = count;
    words[KEY_SALT] = keySalt;
    words[RATIO] = Double.doubleToRawLongBits(deleteRatio);
    words[DELETE_SALT] = deleteSalt;
    words[TOMBSTONES] = tombstones ? 1 : 0;
    System.arraycopy(typeWords, 0, words, ROWS, typeWords.length);
  }

  public long count() {
    return words[COUNT];
  }

  public double deleteRatio() {
    return Double.longBitsToDouble(words[RATIO]);
  }

  /** Whether a delete is followed by a tombstone ({@code t}) before the re-insert. */
  public boolean tombstones() {
    return words[TOMBSTONES] != 0;
  }

  /**
   * Whether the change of operation {@code op} has no before image ({@code before}: an insert or a
   * tombstone) or no after image (a delete or a tombstone).
   */
  public static boolean imageNull(char op, boolean before) {
    return op == 't' || (before ? op == 'c' : op == 'd');
  }

  /** The rows of the change type. */
  public RowsOfType rows() {
    return rows;
  }

  /** The packed words: shared, do not modify. */
  long[] words() {
    return words;
  }

  void pack(Packer p) {
    for (long w : words) {
      p.word(w);
    }
  }

  /** Whether row {@code row} is a change (of the change type). */
  public boolean isChange(long seed, long row) {
    return rows.contains(seed, row);
  }

  /** The member whose lane row {@code row} is in. */
  public long member(long seed, long row) {
    return member(words, 0, seed, row);
  }

  /** The version of the change at row {@code row}: its round + 1. */
  public long version(long row) {
    return row / words[COUNT] + 1;
  }

  /** The previous change of row {@code row}'s member: the latest earlier row of its lane of the type; -1 for none. */
  public long previous(long seed, long row) {
    return previous(words, 0, seed, row);
  }

  /** The operation of the change at row {@code row}: 'c', 'u', 'd' or (with tombstones) 't'. */
  public char op(long seed, long row) {
    return op(words, 0, seed, row);
  }

  /** The row the updated fields of the after image of the change at {@code row} are drawn at. */
  public long imageRow(long seed, long row) {
    return imageRow(words, 0, seed, row);
  }

  // ---- over packed words starting at {@code at} ----

  static long member(long[] c, int at, long seed, long row) {
    return Memo.of(c, at, seed, row).member;
  }

  private static long memberOf(long[] c, int at, long seed, long row) {
    long count = c[at + COUNT];
    return Permutation.apply(row % count, count, Rng.stream(seed, c[at + KEY_SALT]));
  }

  static long previous(long[] c, int at, long seed, long row) {
    return Memo.of(c, at, seed, row).previous;
  }

  /** The previous change's search itself (no memo). */
  private static long search(long[] c, int at, long seed, long row) {
    long count = c[at + COUNT];
    for (long r = row - count; r >= 0; r -= count) {
      if (RowsOfType.contains(c, at + ROWS, seed, r)) {
        return r;
      }
    }
    return -1;
  }

  /** Whether the draw of change {@code row} is below the delete ratio (a delete on a live member). */
  private static boolean deleteDraw(long[] c, int at, long seed, long row) {
    return Rng.unit(Rng.hash(row, Rng.stream(seed, c[at + DELETE_SALT]))) < Double.longBitsToDouble(c[at + RATIO]);
  }

  /**
   * Whether the member is live after the change at {@code row}: yes after its first change and after
   * a change whose draw is not below the ratio (an update or an insert); otherwise the change flips
   * the state after the previous one (deletes a live member, re-inserts a deleted one).
   */
  static boolean liveAfter(long[] c, int at, long seed, long row) {
    boolean flipped = false;
    long x = row;
    while (deleteDraw(c, at, seed, x)) {
      long p = search(c, at, seed, x);
      if (p < 0) {
        break;
      }
      flipped = !flipped;
      x = p;
    }
    return !flipped;
  }

  static char op(long[] c, int at, long seed, long row) {
    return Memo.of(c, at, seed, row).op;
  }

  private static char opOf(long[] c, int at, long seed, long row, long previous) {
    if (c[at + TOMBSTONES] != 0) {
      return opWithTombstones(c, at, seed, row, previous);
    }
    if (previous < 0 || !liveAfter(c, at, seed, previous)) {
      return 'c';
    }
    return deleteDraw(c, at, seed, row) ? 'd' : 'u';
  }

  /**
   * The operation with tombstones. Walks back from the previous change {@code x1} through {@code x2,
   * x3, ...} until the first change or two consecutive changes whose draws are not below the ratio
   * (neither is a delete, and the later one is live or a tombstone of nothing: live, since the one
   * before it was no delete); then forward: {@code x_i} is a delete when its draw is below the ratio
   * and {@code x_{i+1}} is live, that is neither a delete nor right after one.
   */
  private static char opWithTombstones(long[] c, int at, long seed, long row, long previous) {
    if (previous < 0) {
      return 'c';
    }
    long[] chain = new long[8];
    boolean[] draw = new boolean[8];
    int n = 0;
    int quiet = 0; // consecutive draws not below the ratio, at the end of the chain
    for (long x = previous; ; ) {
      if (n == chain.length) {
        chain = java.util.Arrays.copyOf(chain, 2 * n);
        draw = java.util.Arrays.copyOf(draw, 2 * n);
      }
      chain[n] = x;
      draw[n] = deleteDraw(c, at, seed, x);
      n++;
      quiet = draw[n - 1] ? 0 : quiet + 1;
      if (quiet == 2) {
        break;
      }
      long p = search(c, at, seed, x);
      if (p < 0) {
        break; // chain[n - 1] is the member's first change: an insert, live
      }
      x = p;
    }
    // deleted[i]: whether chain[i] is a delete; the oldest element and (when stopped on quiet draws) the one after it are not.
    boolean[] deleted = new boolean[n];
    for (int i = n - 2; i >= 0; i--) {
      boolean live = !deleted[i + 1] && !(i + 2 < n && deleted[i + 2]);
      deleted[i] = draw[i] && live;
    }
    if (deleted[0]) {
      return 't';
    }
    boolean previousIsTombstone = n >= 2 && deleted[1];
    if (previousIsTombstone) {
      return 'c';
    }
    return deleteDraw(c, at, seed, row) ? 'd' : 'u';
  }

  static long imageRow(long[] c, int at, long seed, long row) {
    long count = c[at + COUNT];
    return (row / count) * count + member(c, at, seed, row);
  }

  /**
   * The row of the before image's updated fields: the previous change's image row (the member's own
   * row when none). The previous change is in the same lane, so of the same member.
   */
  static long beforeImageRow(long[] c, int at, long seed, long row) {
    Memo m = Memo.of(c, at, seed, row);
    long count = c[at + COUNT];
    return m.previous < 0 ? m.member : (m.previous / count) * count + m.member;
  }

  /**
   * This thread's last answers: the member, previous change and operation of one row of one change
   * stream. Every field of a change row (op, key, each image field, the images' nulls) asks about
   * the same row, and the previous change's search and the delete chain's walk cost about 1 / weight
   * hashes each, so they run once per row instead of once per field. Matched by the stream's words
   * (not their array: each field packs its own copy), the seed and the row; only a speed-up, the
   * answers are the same.
   */
  private static final class Memo {
    private static final ThreadLocal<Memo> MEMO = new ThreadLocal<Memo>() {
      @Override
      protected Memo initialValue() {
        return new Memo();
      }
    };

    private long[] c;
    private int at;
    private long seed;
    private long row = -1;
    long member;
    long previous;
    char op;

    static Memo of(long[] c, int at, long seed, long row) {
      Memo m = MEMO.get();
      if (m.row != row || m.seed != seed || !m.same(c, at)) {
        m.c = c;
        m.at = at;
        m.seed = seed;
        m.member = memberOf(c, at, seed, row);
        m.previous = search(c, at, seed, row);
        m.op = opOf(c, at, seed, row, m.previous);
        m.row = row;
      }
      return m;
    }

    /** Whether the stream packed in {@code other} at {@code otherAt} is this memo's (the same words). */
    private boolean same(long[] other, int otherAt) {
      if (other == c && otherAt == at) {
        return true;
      }
      if (c == null) {
        return false;
      }
      int n = ROWS + 4 + 2 * (int) c[at + ROWS + 3];
      if (otherAt + n > other.length) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (c[at + i] != other[otherAt + i]) {
          return false;
        }
      }
      return true;
    }
  }
}
