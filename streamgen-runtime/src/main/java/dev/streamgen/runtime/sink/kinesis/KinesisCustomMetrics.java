package dev.streamgen.runtime.sink.kinesis;

import dev.streamgen.runtime.sink.SumMetric;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.execution.metric.CustomMetrics;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.util.AccumulatorV2;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.Iterator;

/**
 * The writer's counters as Spark SQL metrics (shown on the write node in the SQL UI, summed over
 * tasks). Spark instantiates the metric classes by name on the driver, so each is a public static
 * class with a no-argument constructor.
 */
public final class KinesisCustomMetrics {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(KinesisCustomMetrics.class);

  public static final String RECORDS_SENT = "recordsSent";
  public static final String RECORDS_RETRIED = "recordsRetried";
  public static final String RECORDS_FAILED = "recordsFailed";
  public static final String RECORDS_THROTTLED = "recordsThrottled";
  public static final String BYTES_SENT = "bytesSent";
  public static final String PUT_RECORDS_CALLS = "putRecordsCalls";

  private KinesisCustomMetrics() {}

  static CustomMetric[] supported() {
    return new CustomMetric[] {
      new RecordsSent(), new RecordsRetried(), new RecordsFailed(), new RecordsThrottled(),
      new BytesSent(), new PutRecordsCalls()
    };
  }

  static CustomTaskMetric[] taskValues(KinesisWriteMetrics m) {
    return new CustomTaskMetric[] {
      SumMetric.taskValue(RECORDS_SENT, m.recordsSent()),
      SumMetric.taskValue(RECORDS_RETRIED, m.recordsRetried()),
      SumMetric.taskValue(RECORDS_FAILED, m.recordsFailed()),
      SumMetric.taskValue(RECORDS_THROTTLED, m.recordsThrottled()),
      SumMetric.taskValue(BYTES_SENT, m.bytesSent()),
      SumMetric.taskValue(PUT_RECORDS_CALLS, m.putRecordsCalls())
    };
  }

  /**
   * Sets the task's final values on the write node's SQL metrics, after the commit's flush.
   *
   * <p>Spark 3.5 polls {@code currentMetricsValues} for the last time <em>before</em> it calls
   * {@code commit}, so without this the UI would miss whatever the commit's flush sent. The task's
   * copies of the write node's metrics are its registered accumulators; this finds ours by their
   * type name and sets them. Internal Spark API: if it changes, the values stay those of Spark's
   * last poll, and the exact counts remain in the commit message and the logs.
   */
  static void publishFinal(KinesisWriteMetrics m) {
    TaskContext context = TaskContext.get();
    if (context == null) {
      return;
    }
    try {
      Map<String, Long> values = new HashMap<>();
      for (CustomMetric metric : supported()) {
        values.put(metric.getClass().getName(), valueOf(metric.name(), m));
      }
      Iterator<AccumulatorV2<?, ?>> it = context.taskMetrics().accumulators().iterator();
      while (it.hasNext()) {
        AccumulatorV2<?, ?> acc = it.next();
        if (acc instanceof SQLMetric) {
          SQLMetric metric = (SQLMetric) acc;
          Option<String> className =
              CustomMetrics.parseV2CustomMetricType(metric.metricType());
          if (className.isDefined() && values.containsKey(className.get())) {
            metric.set(values.get(className.get()));
          }
        }
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("cannot set the final Kinesis task metrics; Spark shows its last poll", e);
    }
  }

  private static long valueOf(String name, KinesisWriteMetrics m) {
    for (CustomTaskMetric t : taskValues(m)) {
      if (t.name().equals(name)) {
        return t.value();
      }
    }
    throw new IllegalArgumentException(name);
  }

  public static final class RecordsSent extends SumMetric {
    public RecordsSent() {
      super(RECORDS_SENT, "kinesis records sent (acknowledged)");
    }
  }

  public static final class RecordsRetried extends SumMetric {
    public RecordsRetried() {
      super(RECORDS_RETRIED, "kinesis records re-sent after a rejection");
    }
  }

  public static final class RecordsFailed extends SumMetric {
    public RecordsFailed() {
      super(RECORDS_FAILED, "kinesis records failed after retries");
    }
  }

  public static final class RecordsThrottled extends SumMetric {
    public RecordsThrottled() {
      super(RECORDS_THROTTLED, "kinesis record throttling answers");
    }
  }

  public static final class BytesSent extends SumMetric {
    public BytesSent() {
      super(BYTES_SENT, "kinesis bytes sent (data + partition key)");
    }
  }

  public static final class PutRecordsCalls extends SumMetric {
    public PutRecordsCalls() {
      super(PUT_RECORDS_CALLS, "kinesis PutRecords calls");
    }
  }
}
