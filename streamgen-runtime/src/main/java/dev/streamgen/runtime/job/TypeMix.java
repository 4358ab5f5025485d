package dev.streamgen.runtime.job;

import dev.streamgen.runtime.source.LoadedCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Per-type row counts rendered for progress lines and the summary: the largest first, capped. */
final class TypeMix {
  private TypeMix() {}

  /** E.g. {@code user.session.start 5,012 (50.1%), user.purchase 2,990 (29.9%), … and 9,997 more types}. */
  static String describe(LoadedCatalog catalog, long[] counts, int maxShown) {
    long total = 0;
    List<Integer> order = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
      total += counts[t];
      order.add(t);
    }
    if (total == 0) {
      return "no rows yet";
    }
    Collections.sort(order, (a, b) -> Long.compare(counts[b], counts[a]));
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(maxShown, counts.length);
    for (int k = 0; k < shown; k++) {
      int t = order.get(k);
      if (counts[t] == 0) {
        break;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(catalog.kernel(t).eventTypeId())
          .append(' ')
          .append(Numbers.count(counts[t]))
          .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * counts[t] / total));
    }
    if (counts.length > shown) {
      sb.append(", … and ").append(Numbers.count(counts.length - shown)).append(" more types");
    }
    return sb.toString();
  }
}
