package dev.streamgen.runtime.job;

import dev.streamgen.runtime.source.LoadedCatalog;
import dev.streamgen.runtime.source.TypeCountAccumulator;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The lines a run prints while it runs, from the type counter its source readers add to. */
final class ProgressReporter {
  private static final int TYPES_SHOWN = 5;

  private final RunOutput output;
  private final TypeCountAccumulator counter;

  ProgressReporter(RunOutput output, TypeCountAccumulator counter) {
    this.output = output;
    this.counter = counter;
  }

  /**
   * Prints a batch's rows so far every {@code intervalSeconds} from a daemon thread, until the
   * returned handle is closed. Rows count when their task finishes, so the line says so.
   */
  Ticker everyIntervalOfBatch(long totalRows, long intervalSeconds) {
    long started = System.nanoTime();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "streamgen-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> {
          long done = counter.total();
          output.report(
              Numbers.seconds((System.nanoTime() - started) / 1e9)
                  + ": "
                  + Numbers.count(done)
                  + " / "
                  + Numbers.count(totalRows)
                  + String.format(
                      Locale.ROOT, " rows (%.0f%%, counted as tasks finish)", 100.0 * done / totalRows));
        },
        intervalSeconds,
        intervalSeconds,
        TimeUnit.SECONDS);
    return ticker::shutdownNow;
  }

  /** Stops the batch's progress lines. */
  interface Ticker extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A stream's line, timed from the stream's first row: rows committed against rows due by then
   * (the achieved rate against the target since the start), the rate over the last window against
   * the target now, the type mix; on simulated time, the event time reached ({@code eventTimeReached},
   * else null).
   */
  void streamLine(
      double secondsSinceFirstRow, long committed, long due, double rowsPerSecond, double targetRowsPerSecond,
      String eventTimeReached, LoadedCatalog catalog) {
    output.report(
        Numbers.seconds(secondsSinceFirstRow)
            + " from the first row: "
            + Numbers.count(committed)
            + " rows committed of "
            + Numbers.count(due)
            + " due"
            + String.format(Locale.ROOT, " (%.2f%%)", due == 0 ? 100.0 : 100.0 * committed / due)
            + ", "
            + Numbers.rate(rowsPerSecond)
            + " rows/s (target "
            + Numbers.rate(targetRowsPerSecond)
            + ")"
            + (eventTimeReached == null ? "" : ", event time reached " + eventTimeReached)
            + "; "
            + TypeMix.describe(catalog, counter.value(), TYPES_SHOWN));
  }
}
