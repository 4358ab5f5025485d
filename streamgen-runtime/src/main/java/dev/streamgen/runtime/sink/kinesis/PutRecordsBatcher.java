package dev.streamgen.runtime.sink.kinesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Packs records into PutRecords calls and sends them until Kinesis acknowledged each one.
 *
 * <p>A call holds at most 500 records and {@code max_request_bytes} (data + partition keys). Up to
 * {@code max_in_flight_requests} calls run at once on the batcher's own threads, so the Spark task
 * keeps producing while earlier calls wait for Kinesis. Records a call rejects with a retryable code
 * (throttling, internal failure) are sent again after {@link Backoff exponential backoff with full
 * jitter}, until {@code retry_timeout_seconds} after their first try; then, or on an error retrying
 * cannot fix, the batcher fails and every later call ({@link #add}, {@link #flush}) throws a {@link
 * KinesisWriteException} with the counts. Nothing is dropped silently: after {@link #flush}
 * returns, every record handed to {@link #add} was acknowledged.
 *
 * <p>Not thread-safe: one Spark task thread calls {@link #add} and {@link #flush}.
 */
final class PutRecordsBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PutRecordsBatcher.class);

  /** Per-record codes worth retrying (PutRecordsResultEntry.ErrorCode). */
  private static final Set<String> RETRYABLE_CODES =
      new HashSet<>(
          Arrays.asList(
              "ProvisionedThroughputExceededException", "InternalFailure", "KMSThrottlingException"));

  private static final Set<String> THROTTLING_CODES =
      new HashSet<>(Arrays.asList("ProvisionedThroughputExceededException", "KMSThrottlingException"));

  private static final AtomicInteger BATCHER_IDS = new AtomicInteger();

  /** The shortest time a call gets, even right at the deadline (one last try). */
  private static final long MIN_CALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final KinesisClient client;
  private final String streamName;
  private final int maxRequestBytes;
  private final int maxRecordBytes;
  private final long retryTimeoutNanos;
  private final int retryTimeoutSeconds;
  private final int maxInFlight;
  private final Backoff backoff;
  private final ExecutorService senders;
  private final Semaphore inFlight;

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  /** Why the batcher gave up; the first reason wins. */
  private final AtomicReference<String> failure = new AtomicReference<>();

  // The batch being filled; touched by the task thread only.
  private List<PutRecordsRequestEntry> entries = new ArrayList<>();
  private List<String> eventTypes = new ArrayList<>();
  private long batchBytes;
  private long handed;
  private boolean closed;

  PutRecordsBatcher(KinesisClient client, KinesisSinkOptions options, Backoff backoff) {
    this.client = client;
    this.streamName = options.streamName();
    this.maxRequestBytes = options.maxRequestBytes();
    this.maxRecordBytes = options.maxRecordBytes();
    this.retryTimeoutSeconds = options.retryTimeoutSeconds();
    this.retryTimeoutNanos = TimeUnit.SECONDS.toNanos(options.retryTimeoutSeconds());
    this.maxInFlight = options.maxInFlightRequests();
    this.backoff = backoff;
    this.inFlight = new Semaphore(maxInFlight);
    this.senders = Executors.newFixedThreadPool(maxInFlight, threads(streamName));
  }

  /**
   * Queues one record; sends a call when the batch is full. Blocks while {@code
   * max_in_flight_requests} calls are outstanding. {@code explicitHashKey} (null: Kinesis hashes
   * the partition key) places a record whose key carries the ground truth ({@link GroundTruthKey}).
   *
   * @throws KinesisWriteException if this record is invalid or an earlier call failed for good
   */
  void add(String eventType, String partitionKey, String explicitHashKey, byte[] data) {
    throwIfFailed();
    handed++;
    if (partitionKey == null || partitionKey.isEmpty()) {
      throw invalidRecord(
          m -> KinesisErrors.badPartitionKey(streamName, eventType, "an empty partition_key", handed, m));
    }
    int keyChars = partitionKey.codePointCount(0, partitionKey.length());
    if (keyChars > 256) {
      throw invalidRecord(
          m ->
              KinesisErrors.badPartitionKey(
                  streamName, eventType, "a partition_key of " + keyChars + " characters"
                      + (explicitHashKey == null ? "" : " with its ground truth suffix (|row_index[|dup])"), handed, m));
    }
    if (data == null) {
      throw invalidRecord(m -> KinesisErrors.nullPayload(streamName, eventType, handed, m));
    }
    int keyBytes = utf8Length(partitionKey);
    long recordBytes = (long) data.length + keyBytes;
    if (recordBytes > maxRecordBytes) {
      throw invalidRecord(
          m ->
              KinesisErrors.recordTooLarge(
                  streamName, eventType, data.length, keyBytes, maxRecordBytes, handed, m));
    }
    if (entries.size() == KinesisSinkOptions.MAX_RECORDS_PER_REQUEST
        || batchBytes + recordBytes > maxRequestBytes) {
      submit();
    }
    entries.add(
        PutRecordsRequestEntry.builder()
            .partitionKey(partitionKey)
            .explicitHashKey(explicitHashKey)
            .data(SdkBytes.fromByteArrayUnsafe(data))
            .build());
    eventTypes.add(eventType);
    batchBytes += recordBytes;
  }

  /**
   * Sends what is queued and waits until every call finished.
   *
   * @throws KinesisWriteException unless every record handed over so far was acknowledged
   */
  void flush() {
    throwIfFailed();
    submit();
    awaitCalls();
    throwIfFailed();
  }

  /** The counters now; safe to call from any thread. */
  KinesisWriteMetrics metrics() {
    return new KinesisWriteMetrics(
        sent.get(), retried.get(), failed.get(), throttled.get(), bytesSent.get(), calls.get());
  }

  /** Stops at once: calls still retrying give up (their records count as failed). */
  void abort() {
    failure.compareAndSet(null, "the write was aborted");
    dropQueued();
    senders.shutdownNow();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    senders.shutdownNow();
    try {
      // A call blocked in HTTP ignores interrupts; do not hold the task for long because of it.
      if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("kinesis stream '{}': a PutRecords call was still running when the writer closed;"
            + " its records may still arrive", streamName);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void submit() {
    if (entries.isEmpty()) {
      return;
    }
    final List<PutRecordsRequestEntry> batch = entries;
    final List<String> types = eventTypes;
    entries = new ArrayList<>();
    eventTypes = new ArrayList<>();
    batchBytes = 0;
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.addAndGet(batch.size());
      failure.compareAndSet(null, "the Spark task was interrupted");
      throw notDelivered();
    }
    try {
      senders.execute(
          () -> {
            try {
              send(batch, types);
            } catch (Throwable t) {
              // Anything unforeseen still ends in the counts and the task's failure.
              LOG.error("kinesis stream '{}': sending failed", streamName, t);
              failure.compareAndSet(null, "sending failed unexpectedly: " + t);
            } finally {
              inFlight.release();
            }
          });
    } catch (RuntimeException e) {
      inFlight.release();
      failed.addAndGet(batch.size());
      failure.compareAndSet(null, "the sender threads were stopped (" + e + ")");
      throw notDelivered();
    }
  }

  /** Sends one batch until each record is acknowledged, the deadline passes, or a hard error. */
  private void send(List<PutRecordsRequestEntry> batch, List<String> types) {
    long deadline = System.nanoTime() + retryTimeoutNanos;
    List<PutRecordsRequestEntry> pending = batch;
    List<String> pendingTypes = types;
    String lastError = "none";
    for (int attempt = 0; ; attempt++) {
      if (failure.get() != null) {
        // Another call already failed the task: stop spending time on this one.
        failed.addAndGet(pending.size());
        return;
      }
      if (attempt > 0) {
        retried.addAndGet(pending.size());
      }
      List<PutRecordsRequestEntry> retry = new ArrayList<>();
      List<String> retryTypes = new ArrayList<>();
      calls.incrementAndGet();
      PutRecordsResponse response;
      try {
        // The call, with the SDK's own retries, must not outlive the deadline either.
        Duration callTimeout =
            Duration.ofNanos(Math.max(MIN_CALL_TIMEOUT_NANOS, deadline - System.nanoTime()));
        response =
            client.putRecords(
                PutRecordsRequest.builder()
                    .streamName(streamName)
                    .records(pending)
                    .overrideConfiguration(o -> o.apiCallTimeout(callTimeout))
                    .build());
      } catch (ProvisionedThroughputExceededException | KmsThrottlingException e) {
        throttled.addAndGet(pending.size());
        response = null;
        lastError = errorText(e);
      } catch (LimitExceededException e) {
        response = null;
        lastError = errorText(e);
      } catch (KinesisException e) {
        if (e.statusCode() < 500 && !e.isThrottlingException()) {
          failed.addAndGet(pending.size());
          failure.compareAndSet(null, KinesisErrors.callFailedReason(errorText(e)));
          return;
        }
        response = null;
        lastError = errorText(e);
      } catch (SdkClientException e) {
        // Network trouble: the call may or may not have landed; sending again is at-least-once.
        response = null;
        lastError = e.getClass().getSimpleName() + " (" + KinesisErrors.networkProblem(e) + ")";
      }
      if (response == null) {
        retry = pending;
        retryTypes = pendingTypes;
      } else {
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < results.size(); i++) {
          PutRecordsResultEntry r = results.get(i);
          PutRecordsRequestEntry entry = pending.get(i);
          if (r.errorCode() == null) {
            sent.incrementAndGet();
            bytesSent.addAndGet(entry.data().asByteArrayUnsafe().length + utf8Length(entry.partitionKey()));
            continue;
          }
          String error = r.errorCode() + ": " + r.errorMessage();
          if (THROTTLING_CODES.contains(r.errorCode())) {
            throttled.incrementAndGet();
          }
          if (RETRYABLE_CODES.contains(r.errorCode())) {
            retry.add(entry);
            retryTypes.add(pendingTypes.get(i));
            lastError = error;
          } else {
            failed.incrementAndGet();
            failure.compareAndSet(null, KinesisErrors.rejectedReason(pendingTypes.get(i), error));
          }
        }
      }
      if (retry.isEmpty()) {
        return;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0 || failure.get() != null) {
        failed.addAndGet(retry.size());
        failure.compareAndSet(null, KinesisErrors.deadlineReason(retryTimeoutSeconds, lastError));
        return;
      }
      long waitMillis =
          Math.min(
              backoff.delayMillis(attempt, ThreadLocalRandom.current()),
              TimeUnit.NANOSECONDS.toMillis(deadline - now));
      if (waitMillis > 0) {
        try {
          Thread.sleep(waitMillis);
        } catch (InterruptedException e) {
          failed.addAndGet(retry.size());
          failure.compareAndSet(null, "the write was aborted");
          return;
        }
      }
      pending = retry;
      pendingTypes = retryTypes;
    }
  }

  private void throwIfFailed() {
    if (failure.get() != null) {
      dropQueued();
      awaitCalls();
      throw notDelivered();
    }
  }

  /** Fails the batcher because of the record being added (already counted in {@code handed}). */
  private KinesisWriteException invalidRecord(
      Function<KinesisWriteMetrics, KinesisWriteException> error) {
    failed.incrementAndGet();
    failure.compareAndSet(null, "a record was invalid");
    dropQueued();
    awaitCalls();
    return error.apply(metrics());
  }

  /** Counts what is queued but unsent as failed; task thread only. */
  private void dropQueued() {
    failed.addAndGet(entries.size());
    entries = new ArrayList<>();
    eventTypes = new ArrayList<>();
    batchBytes = 0;
  }

  private KinesisWriteException notDelivered() {
    return KinesisErrors.notDelivered(streamName, failure.get(), handed, metrics());
  }

  /** Waits until no call is running: all permits back. */
  private void awaitCalls() {
    try {
      inFlight.acquire(maxInFlight);
      inFlight.release(maxInFlight);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw KinesisErrors.notDelivered(
          streamName, "the Spark task was interrupted while calls were running", handed,
          metrics());
    }
  }

  private static String errorText(KinesisException e) {
    String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
    String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : null;
    return (code != null ? code : e.getClass().getSimpleName())
        + ": " + (message != null ? message : e.getMessage());
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static ThreadFactory threads(String streamName) {
    final int id = BATCHER_IDS.incrementAndGet();
    final AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "kinesis-" + streamName + "-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
