package dev.streamgen.runtime.job;

import dev.streamgen.runtime.settings.RateShape;
import dev.streamgen.runtime.source.TypeCountAccumulator;
import java.util.Map;

/**
 * The lines that end a run: rows and rate, the type mix, where the rows went, and what the sink
 * itself reported (what it provisioned, its own counts), which an embedded run's logging hides.
 */
final class RunSummary {
  private static final int TYPES_SHOWN = 10;

  private final JobPlan plan;
  private final RunOutput output;

  RunSummary(JobPlan plan, RunOutput output) {
    this.plan = plan;
    this.output = output;
  }

  /**
   * A batch run's summary; with a configured start ({@code streaming_config.event_time.start}), also
   * the event times its rows cover: rows [0, {@code rows}) of the rate shape from that instant.
   */
  void batch(TypeCountAccumulator counter, long rows, double seconds, SinkReport sink) {
    common(counter, seconds, sink);
    Long start = plan.settings().eventTimeStartMicros();
    if (start != null && rows > 0) {
      RateShape rate = plan.settings().rate();
      output.report(
          "event time: "
              + Numbers.instant(rate.micros(start, 0))
              + " to "
              + Numbers.instant(rate.micros(start, rows - 1))
              + " (simulated, rate '"
              + rate
              + "')");
    }
  }

  /**
   * The summary of a streaming run counts the rows the readers generated, then says exactly which
   * rows were committed (from the offsets of completed batches) and their event times. When a stop
   * interrupted a micro-batch, whether its rows reached the output depends on how far the sink got,
   * so the summary says where the last confirmed batch ended instead of guessing.
   */
  void stream(TypeCountAccumulator counter, Committed committed, double seconds, SinkReport sink) {
    common(counter, seconds, sink);
    output.report(committed.describe());
    // Offsets count row indexes, dropped rows included.
    long unconfirmed = counter.total() + counter.dropped() - committed.rows();
    if (unconfirmed > 0 && committed.bound() == null) {
      output.report(
          "the stop interrupted a micro-batch: "
              + Numbers.count(committed.rows())
              + " rows are confirmed written; the last "
              + Numbers.count(unconfirmed)
              + " may not be (a restart from the checkpoint completes that batch)");
    }
  }

  private void common(TypeCountAccumulator counter, double seconds, SinkReport sink) {
    long rows = counter.total();
    output.report(
        "done: "
            + Numbers.count(rows)
            + " rows in "
            + Numbers.seconds(seconds)
            + " ("
            + Numbers.rate(rows / Math.max(seconds, 1e-9))
            + " rows/s)");
    output.report("per type: " + TypeMix.describe(plan.catalog(), counter.value(), TYPES_SHOWN));
    output.report("output: " + plan.destination());
    if (counter.dropped() > 0 || counter.duplicates() > 0) {
      output.report(
          "faults: "
              + Numbers.count(counter.dropped())
              + " rows dropped on purpose (not written), "
              + Numbers.count(counter.duplicates())
              + " duplicates written on purpose (counted in the rows above)");
    }
    if (sink.provisioned() != null) {
      output.report("provisioned: " + sink.provisioned());
    }
    if (!sink.counts().isEmpty()) {
      output.report("sink counts: " + describe(sink.counts()));
    }
  }

  /** "recordsSent 1,000, recordsRetried 0, ...": the names the SQL UI and docs/sinks.md use. */
  static String describe(Map<String, Long> counts) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(e.getKey()).append(' ').append(Numbers.count(e.getValue()));
    }
    return b.toString();
  }

  /** The rows a streaming run committed: [from, to) of the timeline whose row 0 is at {@code origin}. */
  static final class Committed {
    private final long from;
    private final long to;
    private final long origin;
    private final RateShape rate;
    private final String bound;

    Committed(long from, long to, long origin, RateShape rate, String bound) {
      this.from = from;
      this.to = to;
      this.origin = origin;
      this.rate = rate;
      this.bound = bound;
    }

    long rows() {
      return to - from;
    }

    /** The settings the stream ended at, or null when it was stopped otherwise. */
    String bound() {
      return bound;
    }

    /** "committed: rows 0 to 59,999 (60,000 rows), event time ... to ...; the stream ended at ...". */
    String describe() {
      String what =
          to <= from
              ? "committed: no rows"
              : "committed: rows "
                  + Numbers.count(from)
                  + " to "
                  + Numbers.count(to - 1)
                  + " ("
                  + Numbers.count(to - from)
                  + " rows), event time "
                  + Numbers.instant(rate.micros(origin, from))
                  + " to "
                  + Numbers.instant(rate.micros(origin, to - 1));
      return what + (bound == null ? "" : "; the stream ended at its bound (" + bound + ")");
    }
  }

  /** What the sink reported about a run: what provisioning did (or null), its own counts. */
  static final class SinkReport {
    private final String provisioned;
    private final Map<String, Long> counts;

    SinkReport(String provisioned, Map<String, Long> counts) {
      this.provisioned = provisioned;
      this.counts = counts;
    }

    String provisioned() {
      return provisioned;
    }

    Map<String, Long> counts() {
      return counts;
    }
  }
}
