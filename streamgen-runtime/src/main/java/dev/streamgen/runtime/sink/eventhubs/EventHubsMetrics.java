package dev.streamgen.runtime.sink.eventhubs;

import dev.streamgen.runtime.sink.SumMetric;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What the writer reports to Spark.
 *
 * <p>SQL metrics (the SQL tab): {@link EventsWritten} and {@link PayloadBytesWritten}. Spark reads a
 * task's values for the last time just before it calls commit, and most sends happen in commit
 * (the final flush), so an "acknowledged" count would always read short there. What the task was
 * given is exact at that point, and because a task commits only after every one of its events was
 * acknowledged (and Spark drops the metrics of failed tasks), the job's total is what the hub
 * acknowledged.
 *
 * <p>Streaming progress ({@code StreamingQueryProgress.sink.metrics}, from the tasks' commit
 * messages): {@link #EVENTS_SENT}, {@link #BATCHES_SENT}, {@link #BYTES_SENT} of the last
 * micro-batch, all acknowledged. Spark instantiates the metric classes by name on the driver, so
 * they are public with no-arg constructors.
 */
public final class EventHubsMetrics {
  public static final String EVENTS_WRITTEN = "eventsWritten";
  public static final String PAYLOAD_BYTES_WRITTEN = "payloadBytesWritten";
  public static final String EVENTS_SENT = "eventsSent";
  public static final String BATCHES_SENT = "batchesSent";
  public static final String BYTES_SENT = "bytesSent";

  private EventHubsMetrics() {}

  static CustomMetric[] supported() {
    return new CustomMetric[] {new EventsWritten(), new PayloadBytesWritten()};
  }

  static CustomTaskMetric[] values(long events, long payloadBytes) {
    return new CustomTaskMetric[] {
      SumMetric.taskValue(EVENTS_WRITTEN, events),
      SumMetric.taskValue(PAYLOAD_BYTES_WRITTEN, payloadBytes)
    };
  }

  /** Events handed to the writer (each committed task had all of them acknowledged). */
  public static final class EventsWritten extends SumMetric {
    public EventsWritten() {
      super(EVENTS_WRITTEN, "events written to Event Hubs");
    }
  }

  /** Payload bytes of those events (without AMQP framing and properties). */
  public static final class PayloadBytesWritten extends SumMetric {
    public PayloadBytesWritten() {
      super(PAYLOAD_BYTES_WRITTEN, "payload bytes written to Event Hubs");
    }
  }
}
