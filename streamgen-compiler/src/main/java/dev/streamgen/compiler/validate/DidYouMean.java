package dev.streamgen.compiler.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known name a misspelt one was meant to be: the closest by edit distance (optimal
 * string alignment, so a swap of two letters costs 1), if it is close enough to be a likely typo.
 */
public final class DidYouMean {
  private DidYouMean() {}

  public static Optional<String> suggest(String given, List<String> known) {
    String g = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(g, candidate.toLowerCase(Locale.ROOT));
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

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
