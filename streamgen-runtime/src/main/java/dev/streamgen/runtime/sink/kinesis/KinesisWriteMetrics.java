package dev.streamgen.runtime.sink.kinesis;

import java.io.Serializable;

/**
 * What one writer (or, summed, one write) did: an immutable snapshot.
 *
 * <ul>
 *   <li>{@code recordsSent}: records Kinesis acknowledged (each counted once, however many tries).
 *   <li>{@code recordsRetried}: re-sends of records a call rejected or a failed call carried.
 *   <li>{@code recordsFailed}: records given up on (not retryable, or still rejected at the deadline).
 *   <li>{@code recordsThrottled}: per-record throttling answers (ProvisionedThroughputExceeded, KMS
 *       throttling), one per rejection, so a record throttled twice counts twice.
 *   <li>{@code bytesSent}: data + partition key bytes of the acknowledged records.
 *   <li>{@code putRecordsCalls}: PutRecords calls made, retries included.
 * </ul>
 */
public final class KinesisWriteMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final KinesisWriteMetrics ZERO = new KinesisWriteMetrics(0, 0, 0, 0, 0, 0);

  private final long recordsSent;
  private final long recordsRetried;
  private final long recordsFailed;
  private final long recordsThrottled;
  private final long bytesSent;
  private final long putRecordsCalls;

  public KinesisWriteMetrics(
      long recordsSent,
      long recordsRetried,
      long recordsFailed,
      long recordsThrottled,
      long bytesSent,
      long putRecordsCalls) {
    this.recordsSent = recordsSent;
    this.recordsRetried = recordsRetried;
    this.recordsFailed = recordsFailed;
    this.recordsThrottled = recordsThrottled;
    this.bytesSent = bytesSent;
    this.putRecordsCalls = putRecordsCalls;
  }

  public long recordsSent() {
    return recordsSent;
  }

  public long recordsRetried() {
    return recordsRetried;
  }

  public long recordsFailed() {
    return recordsFailed;
  }

  public long recordsThrottled() {
    return recordsThrottled;
  }

  public long bytesSent() {
    return bytesSent;
  }

  public long putRecordsCalls() {
    return putRecordsCalls;
  }

  public KinesisWriteMetrics plus(KinesisWriteMetrics o) {
    return new KinesisWriteMetrics(
        recordsSent + o.recordsSent,
        recordsRetried + o.recordsRetried,
        recordsFailed + o.recordsFailed,
        recordsThrottled + o.recordsThrottled,
        bytesSent + o.bytesSent,
        putRecordsCalls + o.putRecordsCalls);
  }

  /** The counts as users read them in logs and error messages. */
  public String describe() {
    return "sent " + recordsSent
        + ", retried " + recordsRetried
        + ", failed " + recordsFailed
        + ", throttled " + recordsThrottled;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KinesisWriteMetrics)) {
      return false;
    }
    KinesisWriteMetrics m = (KinesisWriteMetrics) o;
    return recordsSent == m.recordsSent
        && recordsRetried == m.recordsRetried
        && recordsFailed == m.recordsFailed
        && recordsThrottled == m.recordsThrottled
        && bytesSent == m.bytesSent
        && putRecordsCalls == m.putRecordsCalls;
  }

  @Override
  public int hashCode() {
    long h = recordsSent;
    h = 31 * h + recordsRetried;
    h = 31 * h + recordsFailed;
    h = 31 * h + recordsThrottled;
    h = 31 * h + bytesSent;
    h = 31 * h + putRecordsCalls;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return describe() + ", bytes " + bytesSent + ", calls " + putRecordsCalls;
  }
}
