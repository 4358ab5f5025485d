package dev.streamgen.runtime.sink.kinesis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.collection.Iterator;

/**
 * Captures the Kinesis custom metrics Spark recorded on the write node of the next successful
 * batch write: what a user sees in the SQL UI, read the way Spark reports it.
 */
final class WriteMetricsListener implements QueryExecutionListener, AutoCloseable {
  private final SparkSession spark;
  private Map<String, Long> captured;

  private WriteMetricsListener(SparkSession spark) {
    this.spark = spark;
  }

  static WriteMetricsListener register(SparkSession spark) {
    WriteMetricsListener l = new WriteMetricsListener(spark);
    spark.listenerManager().register(l);
    return l;
  }

  @Override
  public synchronized void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    Map<String, Long> found = find(qe.executedPlan());
    if (found != null) {
      captured = found;
      notifyAll();
    }
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {}

  /** The metrics of the write; waits for Spark's listener bus to deliver them. */
  synchronized Map<String, Long> await() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (captured == null) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new AssertionError("no Kinesis write metrics reported within 30 s");
      }
      wait(left);
    }
    return captured;
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
