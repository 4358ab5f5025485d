package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.api.RowsOfType;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A session state machine ({@code sessions.<name>}): which rows are its events, of which type, in
 * which session and at which step, a pure function of (seed, row).
 *
 * <p>Machine rows: the rows the catalog's type pick gives the machine's start type ({@link
 * RowsOfType}); the start type carries the machine's weight, its other types weight 0.
 *
 * <p>Lanes: row r is in lane {@code l = r mod C} ({@code C} = concurrency), round {@code q = r / C};
 * rounds are grouped in blocks of {@link #blockRounds()} rounds. In a lane, within one block, the
 * machine rows in round order are the events of consecutive sessions: the first machine row starts
 * session 0 of the (lane, block) at the start state; each later one takes the current session's next
 * step, its state drawn from the transition weights with a hash of (session number, step); a session
 * ends at a state without transitions or after {@code maxEvents} events, and the next machine row of
 * the lane starts the next session. At the block's end the session in progress is cut (a valid
 * prefix without an end). The session number is {@code ((block * C) + lane) * B + index in block}:
 * distinct per session.
 *
 * <p>Cost: any row is answered by walking its lane from its block's first round (at most B hashes);
 * a thread's rows in order are answered from a per-thread cursor ({@link Cursor}), O(1) amortized.
 * The cursor only speeds up the walk: the answer is the same.
 *
 * <p>Packed: start type, concurrency, max events, block rounds, salt, state count, per state its
 * catalog type, transition count, then (target state, cumulative cut bits) per transition (the last
 * cut is 1), then the {@link RowsOfType} words of the start type. Immutable and thread-safe.
 */
public final class SessionMachine implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int START_TYPE = 0;
  static final int CONCURRENCY = 1;
  static final int MAX_EVENTS = 2;
  static final int BLOCK = 3;
  static final int SALT = 4;
  static final int STATES = 5;
  static final int STATE_TABLE = 6;

  /** Largest concurrency: a task's cursor keeps a few words per lane. */
  public static final int MAX_CONCURRENCY = 1_000_000;
  /** Largest max_events. */
  public static final int MAX_EVENTS_LIMIT = 10_000;

  private final long[] words;
  private final RowsOfType startRows;
  private final int rowsAt;

  /**
   * @param types the catalog type of each state; state 0 is the start
   * @param next per state, the target states of its transitions (empty: the session ends there)
   * @param weights per state, the transitions' weights (normalized here)
   * @param startRows the rows the type pick gives the start type
   * @param concurrency sessions in progress at once (lanes)
   * @param maxEvents a session is cut after this many events
   * @param blockRounds rounds per block ({@link #blockRounds(int, double)})
   * @param salt the salt of the transition draws
   */
  public SessionMachine(int[] types, int[][] next, double[][] weights, RowsOfType startRows, int concurrency, int maxEvents,
      long blockRounds, long salt) {
    if (types.length == 0 || next.length != types.length || weights.length != types.length) {
      throw new IllegalArgumentException("states: " + types.length + " types, " + next.length + " transition lists, "
          + weights.length + " weight lists");
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("concurrency " + concurrency + " is not in [1, " + MAX_CONCURRENCY + "]");
    }
    if (maxEvents < 1 || maxEvents > MAX_EVENTS_LIMIT) {
      throw new IllegalArgumentException("max events " + maxEvents + " is not in [1, " + MAX_EVENTS_LIMIT + "]");
    }
    if (blockRounds < 1) {
      throw new IllegalArgumentException("block rounds " + blockRounds + " < 1");
    }
    if (startRows.type() != types[0]) {
      throw new IllegalArgumentException("start rows of type " + startRows.type() + ", start state of type " + types[0]);
    }
    Packer p = new Packer();
    p.word(types[0]);
    p.word(concurrency);
    p.word(maxEvents);
    p.word(blockRounds);
    p.word(salt);
    p.word(types.length);
    int tableAt = p.word(0);
    int[] stateAt = new int[types.length];
    for (int s = 0; s < types.length; s++) {
      stateAt[s] = p.words();
      p.word(types[s]);
      p.word(next[s].length);
      double sum = 0;
      for (double w : weights[s]) {
        if (!(w > 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("state " + s + ": transition weight " + w + " is not positive");
        }
        sum += w;
      }
      double cut = 0;
      for (int t = 0; t < next[s].length; t++) {
        if (next[s][t] < 0 || next[s][t] >= types.length) {
          throw new IllegalArgumentException("state " + s + ": target " + next[s][t] + " of " + types.length);
        }
        cut += weights[s][t] / sum;
        p.word(next[s][t]);
        p.word(Double.doubleToRawLongBits(t == next[s].length - 1 ? 1.0 : cut));
      }
    }
    // State offsets follow the states: word tableAt points at them.
    p.set(tableAt, p.words());
    for (int s = 0; s < types.length; s++) {
      p.word(stateAt[s]);
    }
    this.rowsAt = p.words();
    for (long w : startRows.words()) {
      p.word(w);
    }
    this.words = p.code();
    this.startRows = startRows;
  }

  /**
   * Rounds per block for a machine of {@code maxEvents} whose start type has share {@code weight} of
   * all rows: {@code ceil(32 * maxEvents / weight)}, at least 64. A session of n events spans about
   * n / weight rounds of its lane, so at most about 1/32 of the longest sessions are cut at a block's
   * end; a jump walks at most this many rounds.
   */
  public static long blockRounds(int maxEvents, double weight) {
    return Math.max(64L, (long) Math.ceil(32.0 * maxEvents / weight));
  }

  public int startType() {
    return (int) words[START_TYPE];
  }

  public int concurrency() {
    return (int) words[CONCURRENCY];
  }

  public int maxEvents() {
    return (int) words[MAX_EVENTS];
  }

  public long blockRounds() {
    return words[BLOCK];
  }

  public RowsOfType startRows() {
    return startRows;
  }

  /** The number of states. */
  public int states() {
    return (int) words[STATES];
  }

  /** The catalog type of state {@code state}. */
  public int typeOf(int state) {
    return (int) words[stateAt(words, 0, state)];
  }

  /** Whether row {@code row} is an event of this machine. */
  public boolean isMachineRow(long seed, long row) {
    return RowsOfType.contains(words, rowsAt, seed, row);
  }

  /**
   * Where row {@code row} is in its session, computed from its block's first round (no cursor):
   * {@code out[0]} = state, {@code out[1]} = session number, {@code out[2]} = step (0 for the start).
   * Returns false (out untouched) when the row is not a machine row.
   */
  public boolean locate(long seed, long row, long[] out) {
    if (!isMachineRow(seed, row)) {
      return false;
    }
    Cursor c = new Cursor(this, seed);
    c.walk(row, out);
    return true;
  }

  /** {@link #locate} through this thread's cursor: rows in order cost O(1) amortized. */
  public boolean locateFast(long seed, long row, long[] out) {
    if (!isMachineRow(seed, row)) {
      return false;
    }
    Cursor.of(words, seed).walk(row, out);
    return true;
  }

  /** The session number of machine row {@code row} (through this thread's cursor); -1 when not a machine row. */
  static long session(long[] c, int at, long seed, long row) {
    if (!RowsOfType.contains(c, at + (int) c[at + STATE_TABLE] + (int) c[at + STATES], seed, row)) {
      return -1;
    }
    long[] out = new long[3];
    Cursor.of(c, at, seed).walk(row, out);
    return out[1];
  }

  long[] words() {
    return words;
  }

  void pack(Packer p) {
    for (long w : words) {
      p.word(w);
    }
  }

  private static int stateAt(long[] c, int at, int state) {
    return at + (int) c[at + (int) c[at + STATE_TABLE] + state];
  }

  /** The state after {@code state} at step {@code step} of session {@code session}; -1 when it has no transitions. */
  static int nextState(long[] c, int at, long seed, long session, int step, int state) {
    int sAt = stateAt(c, at, state);
    int n = (int) c[sAt + 1];
    if (n == 0) {
      return -1;
    }
    double u = Rng.unit(Rng.hash(step, Rng.stream(seed, Rng.hash(session, c[at + SALT]))));
    for (int t = 0; t < n - 1; t++) {
      if (u < Double.longBitsToDouble(c[sAt + 3 + 2 * t])) {
        return (int) c[sAt + 2 + 2 * t];
      }
    }
    return (int) c[sAt + 2 + 2 * (n - 1)];
  }

  static boolean ends(long[] c, int at, int state, int step) {
    return c[stateAt(c, at, state) + 1] == 0 || step + 1 >= c[at + MAX_EVENTS];
  }

  /**
   * The walk of every lane of one machine for one seed: per lane the last round walked, the state of
   * the session in progress (-1: none), its index in the block and its step. One per thread per
   * machine; not thread-safe.
   */
  static final class Cursor {
    private static final int CACHED = 8;
    private static final ThreadLocal<Cursor[]> CURSORS = new ThreadLocal<Cursor[]>() {
      @Override
      protected Cursor[] initialValue() {
        return new Cursor[CACHED];
      }
    };
    private static final ThreadLocal<int[]> NEXT_SLOT = new ThreadLocal<int[]>() {
      @Override
      protected int[] initialValue() {
        return new int[1];
      }
    };

    private final long[] c;
    private final int at;
    private final long seed;
    private final int rowsAt;
    private final long lanes;
    private final long block;
    private long[] round;
    private int[] state;
    private int[] index;
    private int[] step;
    /** Per lane the state of the machine row at the last round walked, -1 when that row is not one. */
    private int[] shown;

    Cursor(SessionMachine m, long seed) {
      this(m.words, 0, seed, false);
    }

    private Cursor(long[] c, int at, long seed, boolean cached) {
      this.c = c;
      this.at = at;
      this.seed = seed;
      this.rowsAt = at + (int) c[at + STATE_TABLE] + (int) c[at + STATES];
      this.lanes = c[at + CONCURRENCY];
      this.block = c[at + BLOCK];
      if (cached) {
        int n = (int) lanes;
        round = new long[n];
        Arrays.fill(round, -1);
        state = new int[n];
        index = new int[n];
        step = new int[n];
        shown = new int[n];
      }
    }

    static Cursor of(long[] words, long seed) {
      return of(words, 0, seed);
    }

    /**
     * This thread's cursor of the machine packed in {@code c} at {@code at}, matched by the machine's
     * words (not their array): the runtime's machine, and every session field of every type of the
     * machine packed in a catalog, share one cursor, so a row costs O(1) however many ask about it.
     */
    static Cursor of(long[] c, int at, long seed) {
      Cursor[] cursors = CURSORS.get();
      for (Cursor k : cursors) {
        if (k != null && k.seed == seed && k.sameMachine(c, at)) {
          return k;
        }
      }
      int[] slot = NEXT_SLOT.get();
      Cursor k = new Cursor(c, at, seed, true);
      cursors[slot[0]] = k;
      slot[0] = (slot[0] + 1) % CACHED;
      return k;
    }

    /** The number of words of the machine packed at {@code at}: its states, then the start type's rows. */
    private static int length(long[] c, int at) {
      int rows = (int) c[at + STATE_TABLE] + (int) c[at + STATES];
      return rows + 4 + 2 * (int) c[at + rows + 3];
    }

    private boolean sameMachine(long[] other, int otherAt) {
      if (other == c && otherAt == at) {
        return true;
      }
      int n = length(c, at);
      if (otherAt + n > other.length || length(other, otherAt) != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (c[at + i] != other[otherAt + i]) {
          return false;
        }
      }
      return true;
    }

    /** Fills {@code out} for machine row {@code row}. */
    void walk(long row, long[] out) {
      int lane = (int) (row % lanes);
      long q = row / lanes;
      long b = q / block;
      long first = b * block;
      if (round != null && round[lane] == q && shown[lane] >= 0) {
        out[0] = shown[lane];
        out[1] = (b * lanes + lane) * block + index[lane];
        out[2] = step[lane];
        return;
      }
      long from;
      int st;
      int idx;
      int sp;
      if (round != null && round[lane] >= first && round[lane] < q) {
        from = round[lane] + 1;
        st = state[lane];
        idx = index[lane];
        sp = step[lane];
      } else {
        from = first;
        st = -1;
        idx = -1;
        sp = 0;
      }
      long base = (b * lanes + lane) * block;
      int shownState = -1;
      for (long r = from; r <= q; r++) {
        long x = r * lanes + lane;
        if (!RowsOfType.contains(c, rowsAt, seed, x)) {
          continue;
        }
        if (st < 0) {
          idx++;
          st = 0;
          sp = 0;
        } else {
          st = nextState(c, at, seed, base + idx, sp, st);
          sp++;
        }
        if (r == q) {
          out[0] = st;
          out[1] = base + idx;
          out[2] = sp;
          shownState = st;
        }
        if (ends(c, at, st, sp)) {
          st = -1;
        }
      }
      if (round != null) {
        round[lane] = q;
        state[lane] = st;
        index[lane] = idx;
        step[lane] = sp;
        shown[lane] = shownState;
      }
    }
  }
}
