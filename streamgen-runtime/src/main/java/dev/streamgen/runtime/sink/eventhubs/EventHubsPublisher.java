package dev.streamgen.runtime.sink.eventhubs;

import com.azure.core.amqp.AmqpMessageConstant;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventDataBatch;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubProducerAsyncClient;
import com.azure.messaging.eventhubs.models.CreateBatchOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One task's producer. An event with a partition key goes to the partition Event Hubs itself would
 * choose for that key ({@link PartitionKeyHash} over the hub's partition ids, read once per task),
 * and keeps its key as the {@code x-opt-partition-key} annotation consumers read: so events of many
 * distinct keys share full batches, one open {@link EventDataBatch} per partition (what the SDK's
 * buffered producer does). Events without a key share one batch sent to the hub, which spreads them.
 * Each batch is sized by the SDK to the hub's max message size (or max_batch_bytes) and sent when
 * full, when too many are open, or on {@link #flush()}.
 *
 * <p>Sends are pipelined: up to {@link #MAX_IN_FLIGHT_BATCHES} batches (and
 * {@link #MAX_IN_FLIGHT_BYTES}) await the hub's acknowledgement at once. At most one batch per
 * partition is in flight, and a key always maps to the same partition, which keeps each key's events
 * in order across SDK retries. An event counts as sent only once acknowledged; the first failure
 * stops the task, with counts.
 */
final class EventHubsPublisher implements AutoCloseable {
  /** Bytes held in open batches before the oldest is sent: bounds a task's memory. */
  static final long MAX_BUFFERED_BYTES = 16L * 1024 * 1024;
  /** Batches awaiting acknowledgement at once. */
  static final int MAX_IN_FLIGHT_BATCHES = 64;
  /** Resends of a batch refused on a just-disposed link (see sentOnDisposedLink). */
  private static final int DISPOSED_LINK_RETRIES = 3;
  /** Bytes awaiting acknowledgement at once (in KiB permits, so 1 MB batches fit in an int). */
  static final int MAX_IN_FLIGHT_BYTES = 16 * 1024 * 1024;
  /** The annotation that carries an event's partition key to consumers. */
  private static final String PARTITION_KEY_ANNOTATION =
      AmqpMessageConstant.PARTITION_KEY_ANNOTATION_NAME.getValue();

  private final EventHubsOptions options;
  private final EventHubProducerAsyncClient client;
  private final Duration createTimeout;
  /**
   * By partition id, insertion-ordered, so the first entry is the oldest open batch. The null id is
   * the batch of events without a key, sent to the hub.
   */
  private final LinkedHashMap<String, EventDataBatch> open = new LinkedHashMap<>();
  /** The last send per partition, so the next batch of that partition waits for it. */
  private final Map<String, CompletableFuture<Void>> lastSendByPartition = new HashMap<>();
  private final Semaphore batchPermits = new Semaphore(MAX_IN_FLIGHT_BATCHES);
  private final Semaphore kibPermits = new Semaphore(MAX_IN_FLIGHT_BYTES / 1024);
  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong batchesSent = new AtomicLong();
  private final AtomicLong eventsFailed = new AtomicLong();
  private final AtomicLong eventsInFlight = new AtomicLong();
  private final AtomicReference<Failure> firstFailure = new AtomicReference<>();
  private long bufferedBytes;
  private long bufferedEvents;
  /** The hub's partition ids in the service's order, read on the first event with a key. */
  private String[] partitionIds;
  private boolean closed;

  /** The first send that failed, with the partition it was for. */
  private static final class Failure {
    final String partitionId;
    final Throwable cause;

    Failure(String partitionId, Throwable cause) {
      this.partitionId = partitionId;
      this.cause = cause;
    }
  }

  EventHubsPublisher(EventHubsOptions options) {
    this.options = options;
    this.client = newClient(options);
    AmqpRetryOptions r = options.retryOptions();
    // What the SDK's own retries can take, plus a margin: a bound, never the expected wait.
    long tries = r.getMaxRetries() + 1L;
    this.createTimeout =
        r.getTryTimeout().multipliedBy(tries)
            .plus(r.getMaxDelay().multipliedBy(r.getMaxRetries()))
            .plusSeconds(30);
  }

  static EventHubProducerAsyncClient newClient(EventHubsOptions options) {
    EventHubClientBuilder builder =
        new EventHubClientBuilder()
            .retryOptions(options.retryOptions())
            .transportType(options.transport());
    if (options.usesConnectionString()) {
      if (options.entityPathInConnectionString()) {
        builder.connectionString(options.connectionString());
      } else {
        builder.connectionString(options.connectionString(), options.eventHubName());
      }
    } else {
      builder.credential(
          options.fullyQualifiedNamespace(), options.eventHubName(), AzureIdentity.defaultCredential());
    }
    return builder.buildAsyncProducerClient();
  }

  /**
   * Adds one event under {@code partitionKey}: to its partition's batch, annotated with the key; a
   * null key adds it to the batch the hub spreads over partitions.
   */
  void add(String partitionKey, EventData event, String eventTypeId) {
    failIfASendFailed();
    String partitionId = null;
    if (partitionKey != null) {
      partitionId = partitionOf(partitionKey);
      event.getRawAmqpMessage().getMessageAnnotations().put(PARTITION_KEY_ANNOTATION, partitionKey);
    }
    EventDataBatch batch = open.get(partitionId);
    if (batch == null) {
      batch = openBatch(partitionId);
    }
    int before = batch.getSizeInBytes();
    if (!batch.tryAdd(event)) {
      open.remove(partitionId);
      send(partitionId, batch);
      batch = openBatch(partitionId);
      before = batch.getSizeInBytes();
      if (!batch.tryAdd(event)) {
        throw EventHubsErrors.eventTooLarge(eventTypeId, event.getBody().length, batch.getMaxSizeInBytes());
      }
    }
    bufferedBytes += batch.getSizeInBytes() - before;
    bufferedEvents++;
    while (open.size() > options.maxOpenBatches() || bufferedBytes > MAX_BUFFERED_BYTES) {
      sendOldest();
    }
  }

  /** Sends every open batch and returns once the hub acknowledged all of them; throws otherwise. */
  void flush() {
    while (!open.isEmpty()) {
      failIfASendFailed();
      sendOldest();
    }
    awaitInFlight();
    failIfASendFailed();
  }

  long eventsSent() {
    return eventsSent.get();
  }

  long bytesSent() {
    return bytesSent.get();
  }

  long batchesSent() {
    return batchesSent.get();
  }

  private void sendOldest() {
    Iterator<Map.Entry<String, EventDataBatch>> it = open.entrySet().iterator();
    Map.Entry<String, EventDataBatch> oldest = it.next();
    it.remove();
    send(oldest.getKey(), oldest.getValue());
  }

  /** The partition the service would choose for {@code partitionKey}. */
  private String partitionOf(String partitionKey) {
    if (partitionIds == null) {
      partitionIds = readPartitionIds();
    }
    return partitionIds[PartitionKeyHash.partitionIndex(partitionKey, partitionIds.length)];
  }

  private String[] readPartitionIds() {
    try {
      List<String> ids = client.getPartitionIds().collectList().block(createTimeout);
      return ids.toArray(new String[0]);
    } catch (RuntimeException e) {
      // Like creating a batch, this may be the first contact with the endpoint.
      awaitInFlight();
      throw EventHubsErrors.sendFailed(target(null), eventsSent.get(), eventsFailed.get() + 1,
          bufferedEvents + eventsInFlight.get(), options, e);
    }
  }

  /** A new batch for the partition, counted in the buffer from its empty size on. */
  private EventDataBatch openBatch(String partitionId) {
    EventDataBatch batch = createBatch(partitionId);
    open.put(partitionId, batch);
    bufferedBytes += batch.getSizeInBytes();
    return batch;
  }

  private EventDataBatch createBatch(String partitionId) {
    CreateBatchOptions batchOptions = new CreateBatchOptions().setPartitionId(partitionId);
    if (options.maxBatchBytes() > 0) {
      batchOptions.setMaximumSizeInBytes(options.maxBatchBytes());
    }
    try {
      return client.createBatch(batchOptions).block(createTimeout);
    } catch (IllegalArgumentException e) {
      if (options.maxBatchBytes() > 0) {
        throw EventHubsErrors.batchCapTooLarge(options.maxBatchBytes(), e);
      }
      throw e;
    } catch (RuntimeException e) {
      // Creating a batch opens the connection and the send link: the first place an unreachable
      // or refusing endpoint shows up. The event in hand is the one that failed.
      awaitInFlight();
      throw EventHubsErrors.sendFailed(target(partitionId), eventsSent.get(), eventsFailed.get() + 1,
          bufferedEvents + eventsInFlight.get(), options, e);
    }
  }

  private void send(String partitionId, EventDataBatch batch) {
    int count = batch.getCount();
    int size = batch.getSizeInBytes();
    bufferedBytes -= size;
    if (count == 0) {
      return;
    }
    bufferedEvents -= count;
    CompletableFuture<Void> previous = lastSendByPartition.get(partitionId);
    if (previous != null) {
      previous.exceptionally(e -> null).join(); // one batch per partition in flight: keeps key order
    }
    int kib = Math.max(1, Math.min(size / 1024, MAX_IN_FLIGHT_BYTES / 1024));
    batchPermits.acquireUninterruptibly();
    kibPermits.acquireUninterruptibly(kib);
    eventsInFlight.addAndGet(count);
    CompletableFuture<Void> done =
        Mono.defer(() -> client.send(batch))
            .retryWhen(Retry.max(DISPOSED_LINK_RETRIES).filter(EventHubsPublisher::sentOnDisposedLink))
            .toFuture()
            .whenComplete((ignored, error) -> {
          eventsInFlight.addAndGet(-count);
          if (error == null) {
            eventsSent.addAndGet(count);
            bytesSent.addAndGet(size);
            batchesSent.incrementAndGet();
          } else {
            eventsFailed.addAndGet(count);
            firstFailure.compareAndSet(null, new Failure(partitionId, error));
          }
          kibPermits.release(kib);
          batchPermits.release();
        });
    lastSendByPartition.put(partitionId, done);
    if (lastSendByPartition.size() > 4 * MAX_IN_FLIGHT_BATCHES) {
      lastSendByPartition.values().removeIf(CompletableFuture::isDone);
    }
  }

  /**
   * A send that raced the SDK disposing its link after a dropped connection: the SDK refuses it
   * before anything is published ("Cannot publish data batch when disposed") and does not retry it
   * itself, as the error is not an AMQP one. Sending the same batch again opens a new link; nothing
   * was delivered, so this adds no duplicate.
   */
  private static boolean sentOnDisposedLink(Throwable e) {
    return e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("when disposed");
  }

  /** Waits until no batch awaits an acknowledgement (each send ends by the SDK's retry policy). */
  private void awaitInFlight() {
    batchPermits.acquireUninterruptibly(MAX_IN_FLIGHT_BATCHES);
    batchPermits.release(MAX_IN_FLIGHT_BATCHES);
  }

  /** After a failed send: let the other sends finish, so the counts are exact, then fail the task. */
  private void failIfASendFailed() {
    if (firstFailure.get() == null) {
      return;
    }
    awaitInFlight();
    Failure f = firstFailure.get();
    throw EventHubsErrors.sendFailed(target(f.partitionId), eventsSent.get(), eventsFailed.get(),
        bufferedEvents, options, f.cause);
  }

  private String target(String partitionId) {
    return "event hub '" + options.eventHubName() + "' on " + options.fullyQualifiedNamespace()
        + (partitionId == null ? "" : " (partition " + partitionId + ")");
  }

  /** Drops unsent batches and closes the AMQP connection; safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    open.clear();
    client.close();
  }
}
