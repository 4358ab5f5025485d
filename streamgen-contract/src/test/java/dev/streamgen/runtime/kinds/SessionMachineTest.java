package dev.streamgen.runtime.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The session machine against a brute-force reference: every lane simulated in row order from row 0
 * (a map per lane, no blocks skipped), compared with the stateless walk and the per-thread cursor;
 * every session read back is a valid path of the machine.
 */
class SessionMachineTest {
  // Catalog types: 0 other, 1 session.start, 2 page.view, 3 cart.add, 4 order.placed, 5 session.end.
  // States: 0 start(1), 1 view(2), 2 cart(3), 3 order(4), 4 end(5).
  private static final int[] TYPES = {1, 2, 3, 4, 5};
  private static final int[][] NEXT = {{1}, {1, 2, 4}, {1, 3, 4}, {4}, {}};
  private static final double[][] WEIGHTS = {{1.0}, {0.6, 0.2, 0.2}, {0.5, 0.3, 0.2}, {1.0}, {}};
  private static final long SEED = 42L;
  private static final long SALT = 0x5e55L;
  private static final int ROWS = 200_000;

  private static SessionMachine machine(AliasTable table, int concurrency, int maxEvents, long block) {
    return new SessionMachine(TYPES, NEXT, WEIGHTS, table.rowsOf(1), concurrency, maxEvents, block, SALT);
  }

  private static AliasTable table() {
    return AliasTable.of(new double[] {0.4, 0.6, 0, 0, 0, 0});
  }

  /** The reference: row order, one state per lane, a new block cuts the session in progress. */
  private static long[][] reference(AliasTable table, int lanes, int maxEvents, long block) {
    long[][] result = new long[ROWS][];
    Map<Integer, long[]> lane = new HashMap<>(); // block, state, index, step
    long typeStream = Rng.stream(SEED, Rng.TYPE_SALT);
    for (long r = 0; r < ROWS; r++) {
      if (table.pick(Rng.hash(r, typeStream)) != 1) {
        continue;
      }
      int l = (int) (r % lanes);
      long b = (r / lanes) / block;
      long[] s = lane.get(l);
      if (s == null || s[0] != b) {
        s = new long[] {b, -1, -1, 0};
        lane.put(l, s);
      }
      long session;
      if (s[1] < 0) {
        s[2]++;
        s[1] = 0;
        s[3] = 0;
        session = (b * lanes + l) * block + s[2];
      } else {
        session = (b * lanes + l) * block + s[2];
        double u = Rng.unit(Rng.hash(s[3], Rng.stream(SEED, Rng.hash(session, SALT))));
        int from = (int) s[1];
        double sum = 0;
        for (double w : WEIGHTS[from]) {
          sum += w;
        }
        double cut = 0;
        int to = NEXT[from][NEXT[from].length - 1];
        for (int t = 0; t < NEXT[from].length - 1; t++) {
          cut += WEIGHTS[from][t] / sum;
          if (u < cut) {
            to = NEXT[from][t];
            break;
          }
        }
        s[1] = to;
        s[3]++;
      }
      result[(int) r] = new long[] {s[1], session, s[3]};
      if (NEXT[(int) s[1]].length == 0 || s[3] + 1 >= maxEvents) {
        s[1] = -1;
      }
    }
    return result;
  }

  private void check(int lanes, int maxEvents, long block) {
    AliasTable table = table();
    SessionMachine m = machine(table, lanes, maxEvents, block);
    SessionMachine twin = machine(table, lanes, maxEvents, block);
    long[][] expected = reference(table, lanes, maxEvents, block);
    long[] out = new long[3];
    for (int r = 0; r < ROWS; r++) {
      boolean is = m.locateFast(SEED, r, out);
      assertEquals(expected[r] != null, is, "row " + r);
      if (is) {
        assertEquals(expected[r][0], out[0], "state of row " + r);
        assertEquals(expected[r][1], out[1], "session of row " + r);
        assertEquals(expected[r][2], out[2], "step of row " + r);
        // Asked again, through an equal machine built apart (the payload's fields ask after the
        // runtime, each with its own copy of the machine): same answer.
        long[] again = new long[3];
        assertTrue(twin.locateFast(SEED, r, again));
        assertEquals(out[1], again[1]);
        assertEquals(out[0], again[0]);
      }
    }
    // Stateless walks and random jumps through the cursor agree with the reference.
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < 3000; k++) {
      int r = random.nextInt(ROWS);
      long[] a = new long[3];
      boolean is = m.locate(SEED, r, a);
      assertEquals(expected[r] != null, is);
      if (is) {
        assertEquals(expected[r][1], a[1]);
        assertEquals(expected[r][0], a[0]);
        long[] b = new long[3];
        assertTrue(m.locateFast(SEED, r, b));
        assertEquals(expected[r][2], b[2]);
        assertEquals(expected[r][1], b[1]);
      }
    }
    // The source's way: the type pick handed to the cursor (typeOfPicked for a start-type pick,
    // notPicked for any other), rows in order with jumps back and ahead, then the row's fields asking
    // the cursor; same answers.
    SessionTypePick pick = new SessionTypePick(java.util.Collections.singletonList(m));
    long typeStream = Rng.stream(SEED, Rng.TYPE_SALT);
    int row = 0;
    for (int k = 0; k < 2 * ROWS; k++) {
      int picked = table.pick(Rng.hash(row, typeStream));
      int type = pick.typeOf(SEED, row, picked);
      assertEquals(expected[row] == null ? picked : TYPES[(int) expected[row][0]], type, "type of row " + row);
      long[] fields = new long[3];
      assertEquals(expected[row] != null, m.locateFast(SEED, row, fields), "row " + row);
      if (expected[row] != null) {
        assertEquals(expected[row][1], fields[1], "session of row " + row);
        assertEquals(expected[row][2], fields[2], "step of row " + row);
      }
      int jump = random.nextInt(1000);
      row = jump == 0 ? random.nextInt(ROWS) : jump == 1 ? Math.min(ROWS - 1, row + random.nextInt(3 * lanes)) : (row + 1) % ROWS;
    }
    // Every session is a valid path: start first, consecutive steps, declared transitions, at most
    // one end and only last, at most maxEvents events.
    Map<Long, List<long[]>> sessions = new HashMap<>();
    for (int r = 0; r < ROWS; r++) {
      if (m.locate(SEED, r, out)) {
        sessions.computeIfAbsent(out[1], x -> new ArrayList<>()).add(new long[] {out[0], out[2], r});
      }
    }
    int ended = 0;
    for (List<long[]> events : sessions.values()) {
      assertEquals(0, events.get(0)[0], "a session starts at the start state");
      assertTrue(events.size() <= maxEvents);
      for (int i = 0; i < events.size(); i++) {
        assertEquals(i, events.get(i)[1], "steps are consecutive");
        if (i > 0) {
          assertTrue(events.get(i)[2] > events.get(i - 1)[2], "row order");
          int from = (int) events.get(i - 1)[0];
          int to = (int) events.get(i)[0];
          boolean declared = false;
          for (int t : NEXT[from]) {
            declared |= t == to;
          }
          assertTrue(declared, "transition " + from + " -> " + to);
          assertFalse(i > 0 && to == 0, "one start");
        }
        boolean end = NEXT[(int) events.get(i)[0]].length == 0;
        if (end) {
          ended++;
          assertEquals(events.size() - 1, i, "the end is last");
        }
      }
    }
    if (maxEvents >= 12) {
      // A session of this machine ends within 12 events with probability well above 1/2; blocks cut few.
      assertTrue(ended > sessions.size() / 2, ended + " of " + sessions.size() + " sessions end");
    } else {
      int cut = 0;
      for (List<long[]> events : sessions.values()) {
        cut += events.size() == maxEvents && NEXT[(int) events.get(maxEvents - 1)[0]].length > 0 ? 1 : 0;
      }
      assertTrue(cut > 0, "max events cuts some sessions");
    }
  }

  @Test
  void matchesReferenceWithManyLanesAndShortBlocks() {
    check(500, 30, 64);
  }

  @Test
  void matchesReferenceWithFewLanesAndDefaultBlocks() {
    check(7, 12, SessionMachine.blockRounds(12, 0.6));
  }

  @Test
  void equalMachinesShareOneCursorPerThreadAndSeed() {
    AliasTable table = table();
    SessionMachine a = machine(table, 500, 30, 64);
    SessionMachine b = machine(table, 500, 30, 64);
    SessionMachine other = machine(table, 499, 30, 64);
    // b's words packed at an offset, as a catalog packs a session field's.
    long[] packed = new long[3 + b.words().length];
    System.arraycopy(b.words(), 0, packed, 3, b.words().length);
    SessionMachine.Cursor cursor = SessionMachine.Cursor.of(a.words(), SEED);
    assertTrue(cursor == SessionMachine.Cursor.of(b.words(), SEED));
    assertTrue(cursor == SessionMachine.Cursor.of(packed, 3, SEED));
    assertFalse(cursor == SessionMachine.Cursor.of(other.words(), SEED));
    assertFalse(cursor == SessionMachine.Cursor.of(a.words(), SEED + 1));
  }

  @Test
  void maxEventsCutsSessions() {
    check(50, 3, 200);
  }

  // Gaps: every transition of the view state uniform in [2, 10] s, the others exponential (mean 30 s)
  // in [0, 600] s; the clock must add exactly the drawn gaps, the same through any walk.
  private static SessionMachine gapped(AliasTable table, int concurrency, int maxEvents, long block) {
    SessionMachine.Gap uniform = new SessionMachine.Gap(2, 10, null);
    SessionMachine.Gap exponential = new SessionMachine.Gap(0, 600, Distribution.exponential(30));
    SessionMachine.Gap[][] gaps = new SessionMachine.Gap[NEXT.length][];
    for (int s = 0; s < NEXT.length; s++) {
      gaps[s] = new SessionMachine.Gap[NEXT[s].length];
      for (int t = 0; t < NEXT[s].length; t++) {
        gaps[s][t] = s == 1 ? uniform : exponential;
      }
    }
    return new SessionMachine(TYPES, NEXT, WEIGHTS, gaps, table.rowsOf(1), concurrency, maxEvents, block, SALT);
  }

  @Test
  void gapsChangeNoStateSessionOrStep() {
    AliasTable table = table();
    SessionMachine plain = machine(table, 500, 30, 64);
    SessionMachine gapped = gapped(table, 500, 30, 64);
    assertTrue(gapped.hasGaps());
    assertFalse(plain.hasGaps());
    long[] a = new long[5];
    long[] b = new long[5];
    for (int r = 0; r < ROWS; r++) {
      boolean is = plain.locateFast(SEED, r, a);
      assertEquals(is, gapped.locateFast(SEED, r, b));
      if (is) {
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
        assertEquals(a[2], b[2]);
        assertEquals(a[4], b[4], "start row");
        assertEquals(0, a[3], "no clock without gaps");
      }
    }
  }

  @Test
  void sessionClockAddsTheDrawnGapsWhateverTheWalk() {
    AliasTable table = table();
    SessionMachine m = gapped(table, 500, 30, 64);
    Map<Long, List<long[]>> sessions = new HashMap<>();
    long[] out = new long[5];
    for (int r = 0; r < ROWS; r++) {
      if (m.locateFast(SEED, r, out)) {
        sessions.computeIfAbsent(out[1], x -> new ArrayList<>()).add(new long[] {out[0], out[2], r, out[3], out[4]});
        // The stateless walk from the block's start gives the same clock and start row.
        if (r % 7 == 0) {
          long[] again = new long[5];
          assertTrue(m.locate(SEED, r, again));
          assertEquals(out[3], again[3], "clock of row " + r);
          assertEquals(out[4], again[4], "start row of row " + r);
        }
      }
    }
    // Uniform [2, 10] s: mean 6 s, variance 64/12; exponential mean 30 s clipped at 600 s (mean
    // 30 (1 - e^-20), stddev 30): means within 5 standard errors, every gap in its range.
    double uniformSum = 0;
    double expSum = 0;
    int uniformN = 0;
    int expN = 0;
    for (List<long[]> events : sessions.values()) {
      assertEquals(0, events.get(0)[3], "the start's clock is 0");
      for (int i = 0; i < events.size(); i++) {
        assertEquals(events.get(0)[2], events.get(i)[4], "every event knows its start row");
        if (i > 0) {
          long gap = events.get(i)[3] - events.get(i - 1)[3];
          if (events.get(i - 1)[0] == 1) {
            assertTrue(gap >= 2_000_000 && gap <= 10_000_000, "uniform gap " + gap);
            uniformSum += gap / 1e6;
            uniformN++;
          } else {
            assertTrue(gap >= 0 && gap <= 600_000_000, "exponential gap " + gap);
            expSum += gap / 1e6;
            expN++;
          }
        }
      }
    }
    assertTrue(uniformN > 10_000 && expN > 10_000, uniformN + " uniform and " + expN + " exponential gaps");
    double uniformMean = uniformSum / uniformN;
    assertTrue(Math.abs(uniformMean - 6) < 5 * Math.sqrt(64.0 / 12 / uniformN), "uniform mean " + uniformMean);
    double expMean = expSum / expN;
    assertTrue(Math.abs(expMean - 30) < 5 * 30 / Math.sqrt(expN), "exponential mean " + expMean);
  }

  @Test
  void sessionTimeIsTheStartsEventTimePlusTheGaps() {
    AliasTable table = table();
    SessionMachine m = gapped(table, 500, 30, 64);
    SessionField time = new SessionField("t", 0, m, SessionField.TIME);
    SessionField step = new SessionField("s", 1, m, SessionField.STEP);
    Packer p = new Packer();
    time.pack(p, dev.streamgen.runtime.api.Format.BINARY);
    long[] code = p.code();
    long start = 1_700_000_000_000_000L;
    long rate = 777;
    RowClock clock = RowClock.constant(rate);
    // A ramp: the start's event time is where the shape puts the start row, from the run's start.
    RowClock ramp = RowClock.of(dev.streamgen.runtime.settings.RateShape.parse("ramp 100 to 1000 over 10m"), start);
    long[] out = new long[5];
    for (int r = 0; r < ROWS; r += 3) {
      long eventTime = start + offsetMicros(r, rate);
      long t = SessionField.number(code, 2, SessionField.TIME, SEED, r, eventTime, clock);
      assertEquals(t, time.time(SEED, r, eventTime, clock));
      if (m.locate(SEED, r, out)) {
        assertEquals(start + offsetMicros(out[4], rate) + out[3], t, "row " + r);
        assertEquals(ramp.micros(out[4]) + out[3], time.time(SEED, r, ramp.micros(r), ramp), "row " + r + " of a ramp");
        assertEquals(out[2], step.step(SEED, r, eventTime));
        // Without the clock: the row's own event time.
        assertEquals(eventTime, time.time(SEED, r, eventTime));
      } else {
        assertEquals(eventTime, t, "a row of no session is at its event time");
        assertEquals(0, step.step(SEED, r, eventTime));
      }
    }
  }

  /** {@code floor(row * 1e6 / rate)}: the runtime's event time offset at a constant rate. */
  private static long offsetMicros(long row, long rate) {
    return row / rate * 1_000_000 + row % rate * 1_000_000 / rate;
  }
}
