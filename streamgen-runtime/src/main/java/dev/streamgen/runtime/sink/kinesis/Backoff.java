package dev.streamgen.runtime.sink.kinesis;

import java.util.Random;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0-based) wait a uniformly random
 * time in {@code [0, min(cap, base * 2^n)]}. Full jitter spreads the retries of many writers that
 * were throttled by the same shard at the same moment, instead of having them return together
 * (see AWS's "Exponential Backoff And Jitter"). Kinesis shard limits refill every second, so the
 * cap stays a few seconds: longer waits only idle the writer.
 */
final class Backoff {
  static final Backoff KINESIS = new Backoff(100, 5_000);

  private final long baseMillis;
  private final long capMillis;

  Backoff(long baseMillis, long capMillis) {
    if (baseMillis <= 0 || capMillis < baseMillis) {
      throw new IllegalArgumentException(
          "backoff needs 0 < base <= cap, got base " + baseMillis + " cap " + capMillis);
    }
    this.baseMillis = baseMillis;
    this.capMillis = capMillis;
  }

  /** The upper bound of the wait before retry {@code attempt}. */
  long ceilingMillis(int attempt) {
    // Shifting past 62 bits overflows; the cap is reached long before.
    if (attempt >= 62 || baseMillis << attempt > capMillis || baseMillis << attempt <= 0) {
      return capMillis;
    }
    return baseMillis << attempt;
  }

  /** The wait before retry {@code attempt}: uniform in [0, ceiling]. */
  long delayMillis(int attempt, Random random) {
    long ceiling = ceilingMillis(attempt);
    return (long) (random.nextDouble() * (ceiling + 1));
  }
}
