package dev.streamgen.runtime.sink.eventhubs;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What each task reports to Spark (SQL UI, and {@code StreamingQueryProgress.sink.metrics}):
 * acknowledged events, batches and bytes. Spark instantiates the metric classes by name on the
 * driver, so they are public with no-arg constructors.
 */
public final class EventHubsMetrics {
  public static final String EVENTS_SENT = "eventsSent";
  public static final String BATCHES_SENT = "batchesSent";
  public static final String BYTES_SENT = "bytesSent";

  private EventHubsMetrics() {}

  static CustomMetric[] supported() {
    return new CustomMetric[] {new EventsSent(), new BatchesSent(), new BytesSent()};
  }

  static CustomTaskMetric[] values(long events, long batches, long bytes) {
    return new CustomTaskMetric[] {
      new TaskValue(EVENTS_SENT, events), new TaskValue(BATCHES_SENT, batches), new TaskValue(BYTES_SENT, bytes)
    };
  }

  /** Events the hub acknowledged. */
  public static final class EventsSent extends CustomSumMetric {
    @Override
    public String name() {
      return EVENTS_SENT;
    }

    @Override
    public String description() {
      return "events acknowledged by Event Hubs";
    }
  }

  /** Publications (EventDataBatch sends) the hub acknowledged. */
  public static final class BatchesSent extends CustomSumMetric {
    @Override
    public String name() {
      return BATCHES_SENT;
    }

    @Override
    public String description() {
      return "batches acknowledged by Event Hubs";
    }
  }

  /** AMQP-encoded size of the acknowledged batches (what counts against the hub's limits). */
  public static final class BytesSent extends CustomSumMetric {
    @Override
    public String name() {
      return BYTES_SENT;
    }

    @Override
    public String description() {
      return "bytes acknowledged by Event Hubs";
    }
  }

  private static final class TaskValue implements CustomTaskMetric {
    private final String name;
    private final long value;

    TaskValue(String name, long value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long value() {
      return value;
    }
  }
}
