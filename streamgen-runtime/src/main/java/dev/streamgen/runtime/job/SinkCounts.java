package dev.streamgen.runtime.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.V2TableWriteExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * The sink's own counts for the run's summary (Kinesis: records sent, retried, failed, throttled;
 * Event Hubs: events and bytes written): the custom metrics of DataSource V2 sinks, read from the
 * write node of every SQL execution of the run, batch or micro-batch, and summed by name.
 *
 * <p>The sinks log the same counts at INFO, which an embedded run's logging hides. Spark's SQL
 * metrics are what the SQL UI shows, so the summary and the UI agree. A metric is counted once
 * however many executions show it (a command's plan appears in its outer and inner execution).
 * Sinks without custom metrics (Kafka, Delta, files) report nothing here.
 */
final class SinkCounts extends SparkListener implements AutoCloseable {
  private final SparkContext context;
  private final SparkSession session;
  /** Accumulator id → (metric name, value); the last value seen of each wins. */
  private final Map<Long, Tuple2<String, Long>> metrics = new HashMap<>();
  /** Metric names in the order the write node declares them. */
  private final List<String> names = new ArrayList<>();

  private SinkCounts(SparkSession session) {
    this.session = session;
    this.context = session.sparkContext();
  }

  /**
   * Starts listening to {@code session}'s SQL executions. Drains the listener bus first, so events
   * of writes before this run (of a long-lived session) are not counted.
   */
  static SinkCounts listen(SparkSession session) {
    SinkCounts counts = new SinkCounts(session);
    counts.drain();
    session.sparkContext().addSparkListener(counts);
    return counts;
  }

  /**
   * The counts so far, by metric name (e.g. recordsSent), once Spark's listener bus delivered the
   * events of the executions that ended; empty for a sink without custom metrics.
   */
  Map<String, Long> totals() {
    drain();
    Map<String, Long> sums = new LinkedHashMap<>();
    synchronized (this) {
      for (String name : names) {
        sums.put(name, 0L);
      }
      for (Tuple2<String, Long> m : metrics.values()) {
        sums.put(m._1(), sums.get(m._1()) + m._2());
      }
    }
    return sums;
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionEnd) {
      QueryExecution qe = ((SparkListenerSQLExecutionEnd) event).qe();
      if (qe != null && qe.sparkSession() == session) {
        collect(qe.executedPlan());
      }
    }
  }

  @Override
  public void close() {
    context.removeSparkListener(this);
  }

  private synchronized void collect(SparkPlan plan) {
    if (plan instanceof V2TableWriteExec) {
      Iterator<Tuple2<String, SQLMetric>> it = plan.metrics().iterator();
      while (it.hasNext()) {
        Tuple2<String, SQLMetric> e = it.next();
        // Only the sink's own metrics: Spark's built-in ones on the node are not the sink's counts.
        if (e._2().metricType().startsWith("v2Custom_")) {
          if (!names.contains(e._1())) {
            names.add(e._1());
          }
          metrics.put(e._2().id(), new Tuple2<>(e._1(), e._2().value()));
        }
      }
    }
    Iterator<SparkPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      collect(children.next());
    }
    Iterator<QueryPlan<?>> inner = plan.innerChildren().iterator();
    while (inner.hasNext()) {
      QueryPlan<?> p = inner.next();
      if (p instanceof SparkPlan) {
        collect((SparkPlan) p);
      }
    }
  }

  private void drain() {
    try {
      context.listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not deliver the sink's counts", e);
    }
  }
}
