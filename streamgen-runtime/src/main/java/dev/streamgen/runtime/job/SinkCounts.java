package dev.streamgen.runtime.job;

import java.util.ArrayList;
import java.util.Comparator;
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
import org.apache.spark.sql.execution.streaming.IncrementalExecution;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.streaming.StreamingQuery;
import scala.Tuple2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger LOG = LoggerFactory.getLogger(SinkCounts.class);

  private final SparkContext context;
  private final SparkSession session;
  /** Accumulator id → the metric's last value seen, by id so that no metric counts twice. */
  private final Map<Long, Counted> metrics = new HashMap<>();

  private SinkCounts(SparkSession session) {
    this.session = session;
    this.context = session.sparkContext();
  }

  /**
   * Starts listening to the SQL executions of {@code session} and of its streaming queries. Drains
   * the listener bus first, so events of writes before this run (of a long-lived session) are not
   * counted.
   */
  static SinkCounts listen(SparkSession session) {
    SinkCounts counts = new SinkCounts(session);
    counts.drain();
    session.sparkContext().addSparkListener(counts);
    return counts;
  }

  /** The counts of the session's batch writes so far, by metric name (e.g. recordsSent). */
  Map<String, Long> ofBatchWrites() {
    return sums(session);
  }

  /**
   * The counts of {@code query}'s micro-batches so far. Each runs in a clone of the session, so
   * they are told apart by the query's run id.
   */
  Map<String, Long> of(StreamingQuery query) {
    return sums(query.runId());
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionEnd) {
      QueryExecution qe = ((SparkListenerSQLExecutionEnd) event).qe();
      if (qe instanceof IncrementalExecution) {
        collect(((IncrementalExecution) qe).runId(), qe.executedPlan());
      } else if (qe != null && qe.sparkSession() == session) {
        collect(session, qe.executedPlan());
      }
    }
  }

  @Override
  public void close() {
    context.removeSparkListener(this);
  }

  /**
   * Sums by name over the executions of {@code scope}, once Spark's listener bus delivered the
   * events of the executions that ended; in the order the sink declares its metrics (Spark
   * registers them in that order, so their ids ascend); empty for a sink without custom metrics.
   */
  private Map<String, Long> sums(Object scope) {
    drain();
    List<Counted> mine = new ArrayList<>();
    synchronized (this) {
      for (Counted c : metrics.values()) {
        if (c.scope.equals(scope)) {
          mine.add(c);
        }
      }
    }
    mine.sort(Comparator.comparingLong(c -> c.id));
    Map<String, Long> sums = new LinkedHashMap<>();
    for (Counted c : mine) {
      sums.merge(c.name, c.value, Long::sum);
    }
    return sums;
  }

  private synchronized void collect(Object scope, SparkPlan plan) {
    if (plan instanceof V2TableWriteExec) {
      Iterator<Tuple2<String, SQLMetric>> it = plan.metrics().iterator();
      while (it.hasNext()) {
        Tuple2<String, SQLMetric> e = it.next();
        // Only the sink's own metrics: Spark's built-in ones on the node are not the sink's counts.
        if (e._2().metricType().startsWith("v2Custom_")) {
          metrics.put(e._2().id(), new Counted(scope, e._1(), e._2().id(), e._2().value()));
        }
      }
    }
    Iterator<SparkPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      collect(scope, children.next());
    }
    // A command's physical plan (CommandResultExec) is an inner child, not a child.
    Iterator<QueryPlan<?>> inner = plan.innerChildren().iterator();
    while (inner.hasNext()) {
      QueryPlan<?> p = inner.next();
      if (p instanceof SparkPlan) {
        collect(scope, (SparkPlan) p);
      }
    }
  }

  /**
   * Waits (Spark's 10 s at most) until every event posted so far was delivered. A bus that does not
   * drain must not fail a run that wrote its rows: the counts then hold what has arrived.
   */
  private void drain() {
    try {
      context.listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      LOG.warn("Spark's listener bus did not drain; the summary's sink counts may be short", e);
    }
  }

  /** One metric of one write node: the session or query run it belongs to, name, id, value. */
  private static final class Counted {
    final Object scope;
    final String name;
    final long id;
    final long value;

    Counted(Object scope, String name, long id, long value) {
      this.scope = scope;
      this.name = name;
      this.id = id;
      this.value = value;
    }
  }
}
