package dev.streamgen.runtime.kinds;

import java.util.List;

/**
 * The type a row is written as, from the catalog's type pick of the row: the pick, except that a
 * pick of a session machine's start type is the type the row's session is at. The pick goes to every
 * machine's cursor (this thread's), so no cursor draws it again: a machine row walks its lane from
 * the pick, and a row the machine does not own moves its lane on without a draw (a lane's next
 * machine row then need not hash the rows between). The source's per-row loop and the benchmark's
 * plain-Java loop use it. Immutable and thread-safe (the cursors are per thread).
 */
public final class SessionTypePick {
  private final SessionMachine[] machines;

  public SessionTypePick(List<SessionMachine> machines) {
    this.machines = machines.toArray(new SessionMachine[0]);
  }

  /** Whether the catalog has session machines (without, {@link #typeOf} is the pick). */
  public boolean hasMachines() {
    return machines.length > 0;
  }

  /** The type row {@code row} is written as, whose type pick is {@code picked}. */
  public int typeOf(long seed, long row, int picked) {
    int type = picked;
    for (SessionMachine m : machines) {
      if (m.startType() == picked) {
        type = m.typeOfPicked(seed, row);
      } else {
        m.notPicked(seed, row);
      }
    }
    return type;
  }
}
