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
 * <p>Gaps: a transition may carry a {@link Gap}; step j of a session then draws its gap (a hash of
 * session and step, apart from the transition draw), and the session's clock at step j is the sum of
 * the gaps of steps 1 to j ({@link #OUT_ELAPSED}). The gaps change no state, session or step.
 *
 * <p>Packed: start type, concurrency, max events, block rounds, salt, state count, the offset of the
 * state table, the offset of the gap table (0 without gaps), the machine's word count, per state its
 * catalog type, transition count, then (target state, cumulative cut bits) per transition (the last
 * cut is 1), the state table, the {@link RowsOfType} words of the start type, then the gap table
 * ({@link #packGaps}). Immutable and thread-safe.
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
  /** Offset (from the machine's first word) of the gap table, 0 when no transition has a gap. */
  static final int GAPS = 7;
  /** The machine's words in all. */
  static final int LENGTH = 8;
  /** Mixed into the salt of the gap draws, apart from the transition draws. */
  private static final long GAP_SALT = 0x67617073L; // "gaps"

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
    this(types, next, weights, null, startRows, concurrency, maxEvents, blockRounds, salt);
  }

  /**
   * A machine whose transitions may carry gaps: {@code gaps[s][t]} is the gap of state {@code s}'s
   * transition {@code t} ({@link Gap}), or null (no gap; {@code gaps} null: none has one). The gaps
   * change no state, session or step: they only feed {@link #locate}'s clock.
   */
  public SessionMachine(int[] types, int[][] next, double[][] weights, Gap[][] gaps, RowsOfType startRows, int concurrency,
      int maxEvents, long blockRounds, long salt) {
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
    int gapsWord = p.word(0);
    int lengthWord = p.word(0);
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
    if (gaps != null) {
      packGaps(p, gapsWord, next, gaps);
    }
    p.set(lengthWord, p.words());
    this.words = p.code();
    this.startRows = startRows;
  }

  /**
   * The gap table: per state the offset of its list, then per state one word per transition (the
   * offset of its gap's words, 0 without), then the gaps: min and max seconds (double bits), the
   * distribution's word count (0: uniform), its words.
   */
  private static void packGaps(Packer p, int gapsWord, int[][] next, Gap[][] gaps) {
    if (gaps.length != next.length) {
      throw new IllegalArgumentException("gaps of " + gaps.length + " states, transitions of " + next.length);
    }
    boolean any = false;
    for (int s = 0; s < gaps.length; s++) {
      if (gaps[s] != null && gaps[s].length != next[s].length) {
        throw new IllegalArgumentException("state " + s + ": " + gaps[s].length + " gaps, " + next[s].length + " transitions");
      }
      for (int t = 0; gaps[s] != null && t < gaps[s].length; t++) {
        any |= gaps[s][t] != null;
      }
    }
    if (!any) {
      return;
    }
    int table = p.words();
    p.set(gapsWord, table);
    int[] listAt = new int[next.length];
    for (int s = 0; s < next.length; s++) {
      listAt[s] = p.word(0);
    }
    int[][] slot = new int[next.length][];
    for (int s = 0; s < next.length; s++) {
      p.set(listAt[s], p.words());
      slot[s] = new int[next[s].length];
      for (int t = 0; t < next[s].length; t++) {
        slot[s][t] = p.word(0);
      }
    }
    for (int s = 0; s < next.length; s++) {
      for (int t = 0; t < next[s].length; t++) {
        Gap g = gaps[s] == null ? null : gaps[s][t];
        if (g != null) {
          p.set(slot[s][t], p.words());
          p.word(Double.doubleToRawLongBits(g.min));
          p.word(Double.doubleToRawLongBits(g.max));
          p.word(g.distribution == null ? 0 : g.distribution.words());
          if (g.distribution != null) {
            g.distribution.pack(p);
          }
        }
      }
    }
  }

  /**
   * The time between two events of a session, in seconds: uniform in [min, max], or a {@link
   * Distribution}'s sample clipped to [min, max]; drawn per (session, step) and counted in whole
   * microseconds (rounded half up).
   */
  public static final class Gap implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double min;
    private final double max;
    private final Distribution distribution;

    /** @param distribution null for uniform */
    public Gap(double min, double max, Distribution distribution) {
      if (!(min >= 0) || !(max >= min) || Double.isInfinite(max)) {
        throw new IllegalArgumentException("gap [" + min + ", " + max + "] is not a range of seconds >= 0");
      }
      this.min = min;
      this.max = max;
      this.distribution = distribution;
    }
  }

  /** Whether some transition has a gap: {@link #locate} then fills the session's clock. */
  public boolean hasGaps() {
    return words[GAPS] != 0;
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

  /** Where a row is in its session: {@link #locate}'s {@code out} holds at least 3 words, all of these with 5. */
  public static final int OUT_STATE = 0;
  public static final int OUT_SESSION = 1;
  public static final int OUT_STEP = 2;
  /** The session's clock at the row: the sum of the gaps of its steps so far, in microseconds (0 without gaps). */
  public static final int OUT_ELAPSED = 3;
  /** The row of the session's start. */
  public static final int OUT_START_ROW = 4;

  /**
   * Where row {@code row} is in its session, computed from its block's first round (no cursor):
   * {@code out[0]} = state, {@code out[1]} = session number, {@code out[2]} = step (0 for the start),
   * and when {@code out} has 5 words {@code out[3]} = the session's clock (microseconds since its
   * start: the sum of its steps' gaps) and {@code out[4]} = its start's row. Returns false (out
   * untouched) when the row is not a machine row.
   */
  public boolean locate(long seed, long row, long[] out) {
    if (!isMachineRow(seed, row)) {
      return false;
    }
    long[] all = new long[5];
    new Cursor(this, seed).walk(row, all);
    System.arraycopy(all, 0, out, 0, Math.min(out.length, 5));
    return true;
  }

  /** {@link #locate} through this thread's cursor: rows in order cost O(1) amortized. */
  public boolean locateFast(long seed, long row, long[] out) {
    return Cursor.of(words, 0, seed).at(row, out);
  }

  /**
   * The catalog type of machine row {@code row}'s state, through this thread's cursor, for a caller
   * that has drawn the row's type pick and got the start type (the source's per-row loop): the pick
   * is not drawn again. The session fields of the row then find the answer in the cursor.
   */
  public int typeOfPicked(long seed, long row) {
    Cursor k = Cursor.of(words, 0, seed);
    k.atPicked(row);
    return typeOf((int) k.last[OUT_STATE]);
  }

  /**
   * Tells this thread's cursor that row {@code row}'s type pick is not the start type (the caller
   * drew it): the row's lane moves on without drawing it again ({@link SessionTypePick}).
   */
  public void notPicked(long seed, long row) {
    Cursor.of(words, 0, seed).notPicked(row);
  }

  /** The session number of machine row {@code row} (through this thread's cursor); -1 when not a machine row. */
  static long session(long[] c, int at, long seed, long row) {
    Cursor k = Cursor.of(c, at, seed);
    return k.at(row) ? k.last[OUT_SESSION] : -1;
  }

  /**
   * This thread's cursor of the machine packed at {@code at} in {@code c}, positioned at row {@code
   * row}: its {@link Cursor#last} holds {@link #locate}'s words; null when the row is not a machine
   * row.
   */
  static Cursor cursorAt(long[] c, int at, long seed, long row) {
    Cursor k = Cursor.of(c, at, seed);
    return k.at(row) ? k : null;
  }

  /** The gap, in microseconds, of step {@code step} of session {@code session}, reached by transition {@code t} of state {@code state}. */
  static long gapMicros(long[] c, int at, long seed, long session, int step, int state, int t) {
    int table = (int) c[at + GAPS];
    if (table == 0) {
      return 0;
    }
    int list = (int) c[at + table + state];
    int g = (int) c[at + list + t];
    if (g == 0) {
      return 0;
    }
    int gAt = at + g;
    double min = Double.longBitsToDouble(c[gAt]);
    double max = Double.longBitsToDouble(c[gAt + 1]);
    long salt = Rng.hash(session, c[at + SALT] ^ GAP_SALT);
    double seconds = c[gAt + 2] == 0
        ? Rng.between(Rng.hash(step, Rng.stream(seed, salt)), min, max)
        : Distribution.clipped(Distribution.sample(c, gAt + 3, seed, step, salt, min), min, max);
    return (long) Math.floor(seconds * 1e6 + 0.5);
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
    int t = nextTransition(c, at, seed, session, step, state);
    return t < 0 ? -1 : (int) c[stateAt(c, at, state) + 2 + 2 * t];
  }

  /** The index of the transition {@link #nextState} takes; -1 when {@code state} has none. */
  static int nextTransition(long[] c, int at, long seed, long session, int step, int state) {
    return nextTransition(c, at, transitionStream(c, at, seed, session), step, state);
  }

  /** The stream of session {@code session}'s transition draws (a hash of step in it gives each). */
  static long transitionStream(long[] c, int at, long seed, long session) {
    return Rng.stream(seed, Rng.hash(session, c[at + SALT]));
  }

  /** {@link #nextTransition(long[], int, long, long, int, int)} with the session's {@link #transitionStream}. */
  static int nextTransition(long[] c, int at, long stream, int step, int state) {
    int sAt = stateAt(c, at, state);
    int n = (int) c[sAt + 1];
    if (n == 0) {
      return -1;
    }
    double u = Rng.unit(Rng.hash(step, stream));
    for (int t = 0; t < n - 1; t++) {
      if (u < Double.longBitsToDouble(c[sAt + 3 + 2 * t])) {
        return t;
      }
    }
    return n - 1;
  }

  static boolean ends(long[] c, int at, int state, int step) {
    return c[stateAt(c, at, state) + 1] == 0 || step + 1 >= c[at + MAX_EVENTS];
  }

  /**
   * The walk of every lane of one machine for one seed: per lane the last round walked, the state of
   * the session in progress (-1: none), its index in the block, its step, its clock and its start's
   * round; and the answer for the last row asked ({@link #last}), so the fields of one row that ask
   * (a type's session id, step, time and member references) walk once. One per thread per machine;
   * not thread-safe.
   */
  static final class Cursor {
    private static final int CACHED = 8;
    /** Slots of the per-thread map from (packed words, offset) to cursor: a row's fields find theirs by identity. */
    private static final int SLOTS = 64;
    private static final ThreadLocal<Cursors> CURSORS = new ThreadLocal<Cursors>() {
      @Override
      protected Cursors initialValue() {
        return new Cursors();
      }
    };

    /** This thread's cursors, and which packed copies of a machine (array and offset) found which. */
    private static final class Cursors {
      final Cursor[] cursors = new Cursor[CACHED];
      int next;
      final long[][] slotWords = new long[SLOTS][];
      final int[] slotAt = new int[SLOTS];
      final long[] slotSeed = new long[SLOTS];
      final Cursor[] slotCursor = new Cursor[SLOTS];
    }

    private final long[] c;
    private final int at;
    private final long seed;
    private final int rowsAt;
    private final long lanes;
    private final long block;
    private final boolean gaps;
    private long[] round;
    private int[] state;
    private int[] index;
    private int[] step;
    private long[] clock;
    private long[] startRound;
    /** Per lane the transition stream of the session in progress. */
    private long[] streams;
    /** Per lane the state of the machine row at the last round walked, -1 when that row is not one. */
    private int[] shown;
    /**
     * The last row {@link #position} placed: its lane, round and block. A thread's machine rows come
     * in order, a few rows apart, so the next one's place is a step from it; three divisions per row
     * were a tenth of a session row's cost (docs/benchmarks.md, Sessions).
     */
    private long posRow = -1;
    private int posLane;
    private long posRound;
    private long posBlock;
    /** The last row {@link #at} answered, and its answer ({@link #locate}'s words). */
    private long lastRow = -1;
    private boolean lastIs;
    final long[] last = new long[5];

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
      this.gaps = c[at + GAPS] != 0;
      if (cached) {
        int n = (int) lanes;
        round = new long[n];
        Arrays.fill(round, -1);
        state = new int[n];
        index = new int[n];
        step = new int[n];
        shown = new int[n];
        startRound = new long[n];
        streams = new long[n];
        if (gaps) {
          clock = new long[n];
        }
      }
    }

    static Cursor of(long[] words, long seed) {
      return of(words, 0, seed);
    }

    /**
     * This thread's cursor of the machine packed in {@code c} at {@code at}, matched by the machine's
     * words (not their array): the runtime's machine, and every session field of every type of the
     * machine packed in a catalog, share one cursor, so a row costs O(1) however many ask about it.
     * A copy found once is found again by identity.
     */
    static Cursor of(long[] c, int at, long seed) {
      Cursors all = CURSORS.get();
      int slot = (System.identityHashCode(c) * 31 + at) & (SLOTS - 1);
      if (all.slotWords[slot] == c && all.slotAt[slot] == at && all.slotSeed[slot] == seed) {
        return all.slotCursor[slot];
      }
      Cursor found = null;
      for (Cursor k : all.cursors) {
        if (k != null && k.seed == seed && k.sameMachine(c, at)) {
          found = k;
          break;
        }
      }
      if (found == null) {
        found = new Cursor(c, at, seed, true);
        all.cursors[all.next] = found;
        all.next = (all.next + 1) % CACHED;
      }
      all.slotWords[slot] = c;
      all.slotAt[slot] = at;
      all.slotSeed[slot] = seed;
      all.slotCursor[slot] = found;
      return found;
    }

    private boolean sameMachine(long[] other, int otherAt) {
      if (other == c && otherAt == at) {
        return true;
      }
      int n = (int) c[at + LENGTH];
      if (otherAt + LENGTH >= other.length || other[otherAt + LENGTH] != n || otherAt + n > other.length) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (c[at + i] != other[otherAt + i]) {
          return false;
        }
      }
      return true;
    }

    /** Positions the cursor at row {@code row}: whether it is a machine row ({@link #last} then holds where). */
    boolean at(long row) {
      if (row != lastRow) {
        lastIs = RowsOfType.contains(c, rowsAt, seed, row);
        if (lastIs) {
          walk(row, last, true);
        }
        lastRow = row;
      }
      return lastIs;
    }

    /** {@link #at} of a row known to be a machine row (its type pick is the start type). */
    void atPicked(long row) {
      if (row != lastRow || !lastIs) {
        walk(row, last, true);
        lastIs = true;
        lastRow = row;
      }
    }

    /** {@link #at}, copying the answer into {@code out} (up to its length) when the row is a machine row. */
    boolean at(long row, long[] out) {
      if (!at(row)) {
        return false;
      }
      System.arraycopy(last, 0, out, 0, Math.min(out.length, last.length));
      return true;
    }

    /**
     * Row {@code row} is known not to be a machine row: when its lane was walked to the round before
     * (or the row opens its block), the lane is now walked to the row's round, which changes nothing
     * else (the walk skips rows that are not the machine's). A lane further behind stays as it is.
     */
    void notPicked(long row) {
      position(row);
      int lane = posLane;
      long q = posRound;
      long first = posBlock * block;
      if (round[lane] == q) {
        return; // walked already
      }
      if (q == first) {
        state[lane] = -1;
        index[lane] = -1;
        step[lane] = 0;
        startRound[lane] = -1;
        if (gaps) {
          clock[lane] = 0;
        }
      } else if (round[lane] != q - 1) {
        return;
      }
      round[lane] = q;
      shown[lane] = -1;
      lastRow = row;
      lastIs = false;
    }

    /** Sets {@link #posLane}, {@link #posRound} and {@link #posBlock} to row {@code row}'s. */
    private void position(long row) {
      long ahead = row - posRow;
      if (posRow >= 0 && ahead >= 0 && ahead < lanes) {
        long lane = posLane + ahead;
        if (lane >= lanes) {
          lane -= lanes;
          posRound++;
          if (posRound == (posBlock + 1) * block) {
            posBlock++;
          }
        }
        posLane = (int) lane;
      } else {
        posLane = (int) (row % lanes);
        posRound = row / lanes;
        posBlock = posRound / block;
      }
      posRow = row;
    }

    /** Fills {@code out} (5 words) for machine row {@code row}. */
    void walk(long row, long[] out) {
      walk(row, out, true);
    }

    /** {@link #walk(long, long[])}; {@code known}: the row is known to be a machine row (its type pick is not drawn again). */
    private void walk(long row, long[] out, boolean known) {
      position(row);
      int lane = posLane;
      long q = posRound;
      long b = posBlock;
      long first = b * block;
      if (round != null && round[lane] == q && shown[lane] >= 0) {
        out[OUT_STATE] = shown[lane];
        out[OUT_SESSION] = (b * lanes + lane) * block + index[lane];
        out[OUT_STEP] = step[lane];
        out[OUT_ELAPSED] = gaps ? clock[lane] : 0;
        out[OUT_START_ROW] = startRound[lane] * lanes + lane;
        return;
      }
      long from;
      int st;
      int idx;
      int sp;
      long elapsed;
      long started;
      long stream = 0;
      if (round != null && round[lane] >= first && round[lane] < q) {
        from = round[lane] + 1;
        st = state[lane];
        idx = index[lane];
        sp = step[lane];
        elapsed = gaps ? clock[lane] : 0;
        started = startRound[lane];
        stream = streams[lane];
      } else {
        from = first;
        st = -1;
        idx = -1;
        sp = 0;
        elapsed = 0;
        started = -1;
      }
      long base = (b * lanes + lane) * block;
      int shownState = -1;
      for (long r = from; r <= q; r++) {
        if (!(known && r == q) && !RowsOfType.contains(c, rowsAt, seed, r * lanes + lane)) {
          continue;
        }
        if (st < 0) {
          idx++;
          st = 0;
          sp = 0;
          elapsed = 0;
          started = r;
          stream = transitionStream(c, at, seed, base + idx);
        } else {
          int t = nextTransition(c, at, stream, sp, st);
          int from0 = st;
          st = (int) c[stateAt(c, at, st) + 2 + 2 * t];
          sp++;
          if (gaps) {
            elapsed += gapMicros(c, at, seed, base + idx, sp, from0, t);
          }
        }
        if (r == q) {
          out[OUT_STATE] = st;
          out[OUT_SESSION] = base + idx;
          out[OUT_STEP] = sp;
          out[OUT_ELAPSED] = elapsed;
          out[OUT_START_ROW] = started * lanes + lane;
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
        startRound[lane] = started;
        streams[lane] = stream;
        if (gaps) {
          clock[lane] = elapsed;
        }
      }
    }
  }
}
