package dev.streamgen.runtime.testing;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;

/**
 * Spark delivers listener events asynchronously, and a listener registered now also receives the
 * events still queued from earlier queries. Tests that read what listeners saw drain the bus first
 * (so an earlier test's query is not taken for theirs) and again before reading.
 */
public final class ListenerBus {
  private ListenerBus() {}

  /** Waits until every event posted so far was delivered to every listener. */
  public static void drain(SparkSession spark) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    }
  }
}
