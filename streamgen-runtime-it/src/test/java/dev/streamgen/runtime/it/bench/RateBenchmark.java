package dev.streamgen.runtime.it.bench;

import dev.streamgen.it.quickstart.EventsCatalog;
import dev.streamgen.runtime.source.StreamgenOffset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * {@code -Dbench.only=rate} (issue 17): how close a stream of the README's quickstart catalog comes to
 * its target rate, from its first row on, beside Spark's built-in rate source at the same targets in
 * the same JVM; both end in {@code noop}. Rows are what Spark's progress reports committed (our
 * offsets' row index; the rate source's summed {@code numInputRows}), placed at each batch's end
 * (trigger start + triggerExecution), so a stream that falls behind shows it.
 */
final class RateBenchmark {
  private static final long[] TARGETS = {10_000, 100_000, 1_000_000};
  private static final int WINDOW_SECONDS = 10;
  private static final int FIRST_MINUTE = 60;
  /** Longer than any cold start: a run that has not committed its last window by then is reported as is. */
  private static final long GRACE_SECONDS = 120;

  private final SparkSession spark;
  private final long seconds;
  private final Map<UUID, Committed> byQuery = new ConcurrentHashMap<>();
  /** The source being measured: one query runs at a time, and its events may come before start() returns. */
  private volatile Source current;

  RateBenchmark(SparkSession spark, long seconds) {
    if (seconds < WINDOW_SECONDS) {
      throw new IllegalArgumentException("bench.seconds=" + seconds + " is shorter than one " + WINDOW_SECONDS + " s window");
    }
    this.spark = spark;
    this.seconds = seconds;
  }

  /** Runs every target on both sources and returns the report's lines (Markdown). */
  List<String> run() throws IOException {
    StreamingQueryListener listener = new Listener();
    spark.streams().addListener(listener);
    List<Run> runs = new ArrayList<>();
    try {
      for (long target : TARGETS) {
        for (Source source : Source.values()) {
          runs.add(measure(source, target));
        }
      }
    } finally {
      spark.streams().removeListener(listener);
    }
    return report(runs);
  }

  private Run measure(Source source, long target) throws IOException {
    RuntimeBenchmark.progress("rate: " + source.label + " at " + count(target) + " rows/s for " + seconds + " s");
    Path checkpoint = Files.createTempDirectory("streamgen-rate-bench");
    StreamingQuery query;
    current = source;
    try {
      query = source.start(spark, target, checkpoint);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the " + source.label + " query did not start", e);
    }
    Committed committed = byQuery.computeIfAbsent(query.id(), id -> new Committed(source, seconds));
    boolean complete;
    try {
      complete = committed.end.await(seconds + GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      stop(query);
      deleteTree(checkpoint);
    }
    Run run = new Run(source, target, committed, complete);
    RuntimeBenchmark.progress("rate: " + source.label + " at " + count(target) + ": " + run.firstMinuteLine());
    return run;
  }

  private List<String> report(List<Run> runs) {
    List<String> out = new ArrayList<>();
    out.add("#### Achieved rows/s per " + WINDOW_SECONDS + " s window from the first row (streamgen / Spark rate source)");
    out.add("");
    StringBuilder head = new StringBuilder("| window (s) |");
    StringBuilder rule = new StringBuilder("|---|");
    for (long target : TARGETS) {
      head.append(" target ").append(count(target)).append(" |");
      rule.append("---:|");
    }
    out.add(head.toString());
    out.add(rule.toString());
    for (long from = 0; from < seconds; from += WINDOW_SECONDS) {
      long to = Math.min(seconds, from + WINDOW_SECONDS);
      StringBuilder row = new StringBuilder("| " + from + "-" + to + " |");
      for (long target : TARGETS) {
        row.append(' ').append(count(find(runs, Source.STREAMGEN, target).rate(from, to)))
            .append(" / ").append(count(find(runs, Source.SPARK_RATE, target).rate(from, to))).append(" |");
      }
      out.add(row.toString());
    }
    out.add("");
    long minute = Math.min(FIRST_MINUTE, seconds);
    out.add("#### First " + (minute == FIRST_MINUTE ? "minute" : minute + " s") + " from the first row against the target");
    out.add("");
    out.add("| target rows/s | source | rows committed | achieved rows/s | error vs target | batches | longest batch (s) |");
    out.add("|---:|---|---:|---:|---:|---:|---:|");
    for (Run r : runs) {
      out.add("| " + count(r.target) + " | " + r.source.label + " | " + count(r.committed.rowsAt(minute)) + " | "
          + count(r.rate(0, minute)) + " | " + String.format(Locale.ROOT, "%+.2f%%", 100 * (r.rate(0, minute) / r.target - 1))
          + " | " + r.committed.batchesUntil(minute) + " | " + secs(r.committed.longestBatchMillisUntil(minute) / 1000.0) + " |"
          + (r.complete ? "" : " (had not committed " + seconds + " s after " + GRACE_SECONDS + " s of grace)"));
    }
    return out;
  }

  private static Run find(List<Run> runs, Source source, long target) {
    return runs.stream().filter(r -> r.source == source && r.target == target).findFirst().orElseThrow(IllegalStateException::new);
  }

  private static void stop(StreamingQuery query) {
    try {
      query.stop();
    } catch (TimeoutException e) {
      throw new IllegalStateException("query " + query.id() + " did not stop", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  private static String count(double n) {
    return String.format(Locale.ROOT, "%,.0f", n);
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }

  /** The two streams compared; each knows how to start itself and where its first row is. */
  private enum Source {
    STREAMGEN("streamgen") {
      @Override
      StreamingQuery start(SparkSession spark, long target, Path checkpoint) throws TimeoutException {
        return spark.readStream().format("streamgen")
            .option("catalog", EventsCatalog.class.getName())
            .option("rowsPerSecond", target)
            .option("format", "json")
            .option("partitionKeyField", "user_id")
            .option("partitions", 2)
            .option("seed", 42)
            .load()
            .writeStream().format("noop").option("checkpointLocation", checkpoint.toString()).start();
      }

      /** Row 0's time is in every offset (set when the first row is planned, after the warm-up batch). */
      @Override
      long originMillis(StreamingQueryProgress p, long queryStartMillis) {
        return StreamgenOffset.fromJson(p.sources()[0].endOffset()).startMicros() / 1000;
      }

      /** The offset's row index: rows [0, row) are committed. */
      @Override
      long rowsCommitted(StreamingQueryProgress p, long before) {
        return StreamgenOffset.fromJson(p.sources()[0].endOffset()).row();
      }
    },
    SPARK_RATE("Spark rate source") {
      @Override
      StreamingQuery start(SparkSession spark, long target, Path checkpoint) throws TimeoutException {
        return spark.readStream().format("rate")
            .option("rowsPerSecond", target)
            .option("numPartitions", 2)
            .load()
            .writeStream().format("noop").option("checkpointLocation", checkpoint.toString()).start();
      }

      /**
       * The query's start (QueryStartedEvent): the rate source stamps its row 0 when the query builds
       * its stream right after, so this is at most that gap early (it counts against the rate source).
       */
      @Override
      long originMillis(StreamingQueryProgress p, long queryStartMillis) {
        return queryStartMillis;
      }

      @Override
      long rowsCommitted(StreamingQueryProgress p, long before) {
        return before + p.sources()[0].numInputRows();
      }
    };

    final String label;

    Source(String label) {
      this.label = label;
    }

    abstract StreamingQuery start(SparkSession spark, long target, Path checkpoint) throws TimeoutException;

    abstract long originMillis(StreamingQueryProgress p, long queryStartMillis);

    abstract long rowsCommitted(StreamingQueryProgress p, long before);
  }

  /**
   * One query's committed rows over time: (batch end, rows committed so far) from its progress
   * events, read between two batch ends as a straight line (the rows of a batch become visible
   * together; a line avoids charging a whole batch to one side of a window edge).
   */
  private static final class Committed {
    final Source source;
    final long seconds;
    final CountDownLatch end = new CountDownLatch(1);
    private final List<long[]> points = new ArrayList<>(); // {batch end millis, rows committed, batch millis}
    private long queryStartMillis = -1;
    private long originMillis = -1;
    private long rows;

    Committed(Source source, long seconds) {
      this.source = source;
      this.seconds = seconds;
    }

    synchronized void started(long millis) {
      queryStartMillis = millis;
    }

    synchronized void progress(StreamingQueryProgress p) {
      long batchMillis = p.durationMs().get("triggerExecution");
      long endMillis = Instant.parse(p.timestamp()).toEpochMilli() + batchMillis;
      long committed = source.rowsCommitted(p, rows);
      if (committed == 0) {
        return; // the warm-up and no-data batches: before the first row
      }
      if (originMillis < 0) {
        originMillis = source.originMillis(p, queryStartMillis);
      }
      rows = committed;
      points.add(new long[] {endMillis, committed, batchMillis});
      if (endMillis - originMillis >= seconds * 1000) {
        end.countDown();
      }
    }

    /** Rows committed {@code t} seconds after the first row (interpolated between batch ends). */
    synchronized double rowsAt(double t) {
      double at = originMillis + t * 1000;
      double prevTime = originMillis;
      double prevRows = 0;
      for (long[] p : points) {
        if (p[0] >= at) {
          return p[0] == prevTime ? p[1] : prevRows + (p[1] - prevRows) * (at - prevTime) / (p[0] - prevTime);
        }
        prevTime = p[0];
        prevRows = p[1];
      }
      return prevRows; // nothing committed after the last batch end seen
    }

    synchronized int batchesUntil(double t) {
      return (int) points.stream().filter(p -> p[0] - originMillis <= t * 1000).count();
    }

    synchronized long longestBatchMillisUntil(double t) {
      return points.stream().filter(p -> p[0] - originMillis <= t * 1000).mapToLong(p -> p[2]).max().orElse(0);
    }
  }

  /** One source at one target. */
  private static final class Run {
    final Source source;
    final long target;
    final Committed committed;
    final boolean complete;

    Run(Source source, long target, Committed committed, boolean complete) {
      this.source = source;
      this.target = target;
      this.committed = committed;
      this.complete = complete;
    }

    double rate(long from, long to) {
      return (committed.rowsAt(to) - committed.rowsAt(from)) / (to - from);
    }

    String firstMinuteLine() {
      long minute = Math.min(FIRST_MINUTE, committed.seconds);
      return String.format(Locale.ROOT, "%,.0f rows/s over the first %d s (%+.2f%%)", rate(0, minute), minute,
          100 * (rate(0, minute) / target - 1));
    }
  }

  /** Routes each query's events to its {@link Committed} (the listener runs on Spark's bus thread). */
  private final class Listener extends StreamingQueryListener {
    @Override
    public void onQueryStarted(QueryStartedEvent event) {
      committed(event.id()).started(Instant.parse(event.timestamp()).toEpochMilli());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      committed(event.progress().id()).progress(event.progress());
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    private Committed committed(UUID id) {
      return byQuery.computeIfAbsent(id, k -> new Committed(current, seconds));
    }
  }
}
