package dev.streamgen.runtime.kinds;

/**
 * The row a field of a session's event reads: the session number ({@code session: id} reads a unique
 * uuid there, so every event of a session has the same id and distinct sessions distinct ids), or
 * the member of an entity pool a {@link MemberPick} draws over the session number (a reference to the
 * machine's {@code entity} pool: one session, one member). A row that is not one of the machine's
 * (a typed event built at an arbitrary row) is its own session.
 *
 * <p>Packed: the mode (0 session, 1 member), the offset of the {@link MemberPick} words from the first
 * word (0 without), the {@link SessionMachine} words, then the member pick's.
 */
public final class SessionRowSource extends RowSource {
  private static final long serialVersionUID = 1L;
  static final int CODE = 38;

  private final SessionMachine machine;
  private final MemberPick member;

  /** @param member the pool's member pick, or null for the session number itself */
  public SessionRowSource(SessionMachine machine, MemberPick member) {
    this.machine = machine;
    this.member = member;
  }

  public SessionMachine machine() {
    return machine;
  }

  @Override
  public long sourceRow(long seed, long row) {
    long[] out = new long[3];
    long s = machine.locateFast(seed, row, out) ? out[1] : row;
    return member == null ? s : member.sourceRow(seed, s);
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p) {
    int start = p.word(member == null ? 0 : 1);
    int offset = p.word(0);
    machine.pack(p);
    if (member != null) {
      p.set(offset, p.words() - start);
      member.pack(p);
    }
  }

  static long sourceRow(long[] code, int at, long seed, long row) {
    long s = SessionMachine.session(code, at + 2, seed, row);
    if (s < 0) {
      s = row;
    }
    return code[at] == 0 ? s : MemberPick.sourceRow(code, at + (int) code[at + 1], seed, s);
  }
}
