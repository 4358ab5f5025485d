package dev.streamgen.runtime.kinds;

import dev.streamgen.runtime.api.Rng;

/**
 * Which member of an entity pool a row refers to ({@code ref: <pool>.<field>}): uniform over the
 * pool's {@code count} members, or by a popularity {@link Distribution} over member indexes (zipf:
 * member 0 the most popular), drawn on the salt of the (pool, role), so every reference to one pool
 * in an event names the same member. Member k's attributes are its fields' values at row k.
 *
 * <p>Packed: salt, count, then 0, or 1 and the distribution's words.
 */
public final class MemberPick extends RowSource {
  private static final long serialVersionUID = 1L;
  static final int CODE = 30;

  private final long salt;
  private final long count;
  private final Distribution popularity;

  /** @param popularity how often each member is picked; null for uniform */
  public MemberPick(long salt, long count, Distribution popularity) {
    if (count < 1) {
      throw new IllegalArgumentException("a pool needs at least one member, got " + count);
    }
    this.salt = salt;
    this.count = count;
    this.popularity = popularity;
  }

  /** The number of members. */
  public long count() {
    return count;
  }

  @Override
  public long sourceRow(long seed, long row) {
    return popularity == null
        ? Rng.between(Rng.hash(row, Rng.stream(seed, salt)), 0, count - 1)
        : Distribution.rounded(popularity.sample(seed, row, salt, 0), 0, count - 1);
  }

  @Override
  int code() {
    return CODE;
  }

  @Override
  void pack(Packer p) {
    p.word(salt);
    p.word(count);
    p.word(popularity == null ? 0 : 1);
    if (popularity != null) {
      popularity.pack(p);
    }
  }

  static long sourceRow(long[] code, int at, long seed, long row) {
    long count = code[at + 1];
    return code[at + 2] == 0
        ? Rng.between(Rng.hash(row, Rng.stream(seed, code[at])), 0, count - 1)
        : Distribution.rounded(Distribution.sample(code, at + 3, seed, row, code[at], 0), 0, count - 1);
  }
}
