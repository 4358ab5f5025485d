package dev.streamgen.runtime.sink.kinesis;

/**
 * A Kinesis write that did not deliver every record. Carries the writer's counts at the moment it
 * gave up, so callers (and the task failure Spark reports) say what was sent and what was not.
 */
public final class KinesisWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final KinesisWriteMetrics metrics;

  KinesisWriteException(String message, KinesisWriteMetrics metrics) {
    super(message);
    this.metrics = metrics;
  }

  public KinesisWriteMetrics metrics() {
    return metrics;
  }
}
