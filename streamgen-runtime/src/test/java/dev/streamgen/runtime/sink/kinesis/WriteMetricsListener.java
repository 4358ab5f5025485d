package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.testing.ListenerBus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.collection.Iterator;

/**
 * Captures the Kinesis custom metrics Spark recorded on the write node of the next successful
 * batch write: what a user sees in the SQL UI, read the way Spark reports it.
 *
 * <p>Listener events are delivered asynchronously, and a listener receives every event still queued
 * when it registers: an earlier test's write could be captured in place of this one. So
 * registering drains the bus first, and {@link #await} drains it again and expects exactly one write.
 */
final class WriteMetricsListener implements QueryExecutionListener, AutoCloseable {
  private final SparkSession spark;
  private final List<Map<String, Long>> captured = new ArrayList<>();

  private WriteMetricsListener(SparkSession spark) {
    this.spark = spark;
  }

  static WriteMetricsListener register(SparkSession spark) {
    WriteMetricsListener l = new WriteMetricsListener(spark);
    ListenerBus.drain(spark);
    spark.listenerManager().register(l);
    return l;
  }

  @Override
  public synchronized void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    Map<String, Long> found = find(qe.executedPlan());
    if (found != null) {
      captured.add(found);
    }
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {}

  /** The metrics of the one write since {@link #register}, once Spark's listener bus delivered them. */
  Map<String, Long> await() {
    ListenerBus.drain(spark);
    synchronized (this) {
      if (captured.size() != 1) {
        throw new AssertionError("expected the metrics of one Kinesis write, got " + captured);
      }
      return captured.get(0);
    }
  }

  @Override
  public void close() {
    spark.listenerManager().unregister(this);
  }

  private static Map<String, Long> find(SparkPlan plan) {
    scala.Option<SQLMetric> sent = plan.metrics().get(KinesisCustomMetrics.RECORDS_SENT);
    if (sent.isDefined()) {
      Map<String, Long> m = new HashMap<>();
      Iterator<scala.Tuple2<String, SQLMetric>> it = plan.metrics().iterator();
      while (it.hasNext()) {
        scala.Tuple2<String, SQLMetric> e = it.next();
        m.put(e._1(), e._2().value());
      }
      return m;
    }
    Iterator<SparkPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      Map<String, Long> m = find(children.next());
      if (m != null) {
        return m;
      }
    }
    return null;
  }
}
