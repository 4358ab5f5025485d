package dev.streamgen.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rounds of a sink-against-bare-client benchmark. Each round times several ways of moving the
 * same events (the source alone into the noop sink, the sink, the bare client, ...); each is
 * printed as the round ends and, at the end, as medians and as the median of its per-round ratio
 * to the bare client (so load that changes between rounds cancels out), with the load average.
 */
public final class BenchmarkRounds {
  private final String bare;
  private final String loadAtStart = loadAverage();
  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final Map<String, List<Double>> ratios = new LinkedHashMap<>();

  /** {@code bare} names the timing the others are compared with. */
  public BenchmarkRounds(String bare) {
    this.bare = bare;
  }

  /** Records one round (counted unless it is a warm-up) and prints it; {@code timings} in seconds. */
  public void add(boolean counted, int round, Map<String, Double> timings) {
    double b = timings.get(bare);
    StringBuilder line = new StringBuilder(counted ? "round " : "warm-up ").append(round).append(':');
    for (Map.Entry<String, Double> t : timings.entrySet()) {
      line.append(String.format(" %s %.2f s", t.getKey(), t.getValue()));
      if (!t.getKey().equals(bare)) {
        line.append(String.format(" (%.2f of bare)", b / t.getValue()));
      }
      line.append(',');
    }
    System.out.println(line.append(" load ").append(loadAverage()));
    if (counted) {
      for (Map.Entry<String, Double> t : timings.entrySet()) {
        seconds.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(t.getValue());
        ratios.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(b / t.getValue());
      }
    }
  }

  public void report(long rows) {
    for (Map.Entry<String, List<Double>> t : seconds.entrySet()) {
      double s = median(t.getValue());
      System.out.printf("%-32s: %7.2f s  %,10.0f rows/s", t.getKey(), s, rows / s);
      List<Double> r = ratios.get(t.getKey());
      if (!t.getKey().equals(bare)) {
        System.out.printf("  %.2f of bare (median of per-round ratios; min %.2f, max %.2f)",
            median(r), Collections.min(r), Collections.max(r));
      }
      System.out.println();
    }
    System.out.printf("load average at start: %s; at end: %s%n", loadAtStart, loadAverage());
  }

  /**
   * Runs each way once, starting round {@code round} at a different one each time (so none always
   * meets the servers right after the same other), and gives the seconds in the map's order.
   */
  public static Map<String, Double> alternating(int round, Map<String, Runnable> ways) {
    List<String> names = new ArrayList<>(ways.keySet());
    Map<String, Double> measured = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(Math.floorMod(round + i, names.size()));
      measured.put(name, seconds(ways.get(name)));
    }
    Map<String, Double> inOrder = new LinkedHashMap<>();
    for (String name : names) {
      inOrder.put(name, measured.get(name));
    }
    return inOrder;
  }

  public static double seconds(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** {@code k=v,k=v} (sink keys for a benchmark run) as a map; empty text gives an empty map. */
  public static Map<String, String> keyValues(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.trim().isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
      }
      m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return m;
  }

  /** The 1, 5 and 15 minute load averages, as uptime shows them. */
  public static String loadAverage() {
    try {
      String[] f = new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int m = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
  }
}
