package dev.streamgen.runtime.sink;

import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * A sink writer's counter as a Spark SQL metric, summed over tasks, plus the per-task value Spark
 * polls from the data writer.
 *
 * <p>Spark instantiates metric classes by name on the driver, so each sink still declares one public
 * static subclass per metric with a no-argument constructor that passes the fixed name and
 * description here; only the repeated name/description/task-value plumbing lives in this class.
 */
public abstract class SumMetric extends CustomSumMetric {
  private final String name;
  private final String description;

  protected SumMetric(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  /** A task's current value of the metric called {@code name}. */
  public static CustomTaskMetric taskValue(String name, long value) {
    return new TaskValue(name, value);
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
