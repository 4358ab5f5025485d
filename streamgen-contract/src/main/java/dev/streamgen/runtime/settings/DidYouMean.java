package dev.streamgen.runtime.settings;

import java.util.Collection;
import java.util.Locale;

/**
 * Suggests the closest known name for a misspelt one, so errors can say "did you mean 'x'?". Used for
 * setting keys ({@code --set}, YAML) and for the streamgen source's options.
 */
public final class DidYouMean {

  private DidYouMean() {}

  /**
   * The candidate closest to {@code typed} (case-insensitive edit distance), or null when none is
   * close enough to be a plausible typo: at most a third of the longer name's length, and at least 1;
   * failing that, a candidate the typed name (4 characters or more) is part of, as an abbreviation
   * ({@code stream} → {@code stream_name}).
   */
  public static String closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String t = typed.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int d = distance(t, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    if (best == null) {
      return null;
    }
    int allowed = Math.max(1, Math.max(typed.length(), best.length()) / 3);
    return bestDistance <= allowed ? best : partOf(t, candidates);
  }

  private static String partOf(String typed, Collection<String> candidates) {
    if (typed.length() < 4) {
      return null;
    }
    for (String candidate : candidates) {
      if (candidate.toLowerCase(Locale.ROOT).contains(typed)) {
        return candidate;
      }
    }
    return null;
  }

  /** "; did you mean 'x'?" or the empty string: appended to an unknown-name message. */
  public static String hint(String typed, Collection<String> candidates) {
    String c = closest(typed, candidates);
    return c == null ? "" : "; did you mean '" + c + "'?";
  }

  /**
   * Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment).
   * Public so the compiler's YAML validator ranks candidates with the same distance.
   */
  public static int distance(String a, String b) {
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
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
