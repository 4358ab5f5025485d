package dev.streamgen.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;

/**
 * Records the text of every query plan a session executes, as Spark renders it for explain() and
 * the UI's SQL tab (redaction applied), so tests can check what a user could see.
 */
public final class PlanCapture implements QueryExecutionListener, AutoCloseable {
  private final SparkSession spark;
  private final List<String> plans = new ArrayList<>();

  private PlanCapture(SparkSession spark) {
    this.spark = spark;
  }

  public static PlanCapture start(SparkSession spark) {
    PlanCapture c = new PlanCapture(spark);
    // A listener also receives the events still queued when it registers: drain earlier queries'.
    ListenerBus.drain(spark);
    spark.listenerManager().register(c);
    return c;
  }

  @Override
  public synchronized void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    plans.add(qe.toString());
  }

  @Override
  public synchronized void onFailure(String funcName, QueryExecution qe, Exception exception) {
    plans.add(qe.toString());
  }

  /** All plans so far (listener events are delivered asynchronously: waits for the bus to drain). */
  public String text() {
    ListenerBus.drain(spark);
    synchronized (this) {
      return String.join("\n", plans);
    }
  }

  public int count() {
    ListenerBus.drain(spark);
    synchronized (this) {
      return plans.size();
    }
  }

  @Override
  public void close() {
    spark.listenerManager().unregister(this);
  }
}
