package dev.streamgen.compiler.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name a misspelt one was meant to be: the closest by edit distance (optimal
 * string alignment, so a swap of two letters costs 1), if it is close enough to be a likely typo.
 *
 * <p>The distance is the runtime's {@link dev.streamgen.runtime.settings.DidYouMean#distance}; only the
 * policy differs here, because the compiler's messages (tested exactly) accept looser matches, fall
 * back to substrings, and list the allowed keys when nothing is close.
 */
public final class DidYouMean {
  private DidYouMean() {}

  public static Optional<String> suggest(String given, List<String> known) {
    String g = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = dev.streamgen.runtime.settings.DidYouMean.distance(g, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance && d <= Math.max(2, candidate.length() / 3)) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null && g.length() >= 4) {
      // An abbreviation or a part of the name: rows_per_sec → total_rows_per_second.
      for (String candidate : known) {
        String c = candidate.toLowerCase(Locale.ROOT);
        if (c.contains(g) || g.contains(c)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** "; did you mean 'x'?" or "; allowed: a, b, c". */
  public static String hint(String given, List<String> known) {
    return suggest(given, known)
        .map(s -> "; did you mean '" + s + "'?")
        .orElse(known.isEmpty() ? "" : "; allowed: " + String.join(", ", known));
  }
}
