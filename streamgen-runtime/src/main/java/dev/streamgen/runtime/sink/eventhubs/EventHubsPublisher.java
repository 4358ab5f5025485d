package dev.streamgen.runtime.sink.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventDataBatch;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubProducerClient;
import com.azure.messaging.eventhubs.models.CreateBatchOptions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task's producer: an open {@link EventDataBatch} per partition key (Event Hubs routes a batch
 * by one key), each sized by the SDK to the hub's max message size (or max_batch_bytes), sent when
 * full, when too many are open, or on {@link #flush()}. Sends are synchronous: a batch counts as sent
 * only once the hub acknowledged it, after the SDK's retries. The first failure stops the task.
 */
final class EventHubsPublisher implements AutoCloseable {
  /** Bytes held in open batches before the oldest is sent: bounds a task's memory. */
  static final long MAX_BUFFERED_BYTES = 16L * 1024 * 1024;

  private final EventHubsOptions options;
  private final EventHubProducerClient client;
  /** Insertion-ordered, so the first entry is the oldest open batch. A null key is "no key". */
  private final LinkedHashMap<String, EventDataBatch> open = new LinkedHashMap<>();
  private long bufferedBytes;
  private long bufferedEvents;
  private long eventsSent;
  private long bytesSent;
  private long batchesSent;
  private boolean closed;

  EventHubsPublisher(EventHubsOptions options) {
    this.options = options;
    this.client = newClient(options);
  }

  static EventHubProducerClient newClient(EventHubsOptions options) {
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
    return builder.buildProducerClient();
  }

  /** Adds one event under {@code partitionKey} (null: the hub spreads it over partitions). */
  void add(String partitionKey, EventData event, String eventTypeId) {
    EventDataBatch batch = open.get(partitionKey);
    if (batch == null) {
      batch = openBatch(partitionKey);
    }
    int before = batch.getSizeInBytes();
    if (!batch.tryAdd(event)) {
      open.remove(partitionKey);
      send(partitionKey, batch);
      batch = openBatch(partitionKey);
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

  /** Sends every open batch; returns only when all are acknowledged. */
  void flush() {
    while (!open.isEmpty()) {
      sendOldest();
    }
  }

  long eventsSent() {
    return eventsSent;
  }

  long bytesSent() {
    return bytesSent;
  }

  long batchesSent() {
    return batchesSent;
  }

  private void sendOldest() {
    Iterator<Map.Entry<String, EventDataBatch>> it = open.entrySet().iterator();
    Map.Entry<String, EventDataBatch> oldest = it.next();
    it.remove();
    send(oldest.getKey(), oldest.getValue());
  }

  /** A new batch for the key, counted in the buffer from its empty size on. */
  private EventDataBatch openBatch(String partitionKey) {
    EventDataBatch batch = createBatch(partitionKey);
    open.put(partitionKey, batch);
    bufferedBytes += batch.getSizeInBytes();
    return batch;
  }

  private EventDataBatch createBatch(String partitionKey) {
    CreateBatchOptions batchOptions = new CreateBatchOptions().setPartitionKey(partitionKey);
    if (options.maxBatchBytes() > 0) {
      batchOptions.setMaximumSizeInBytes(options.maxBatchBytes());
    }
    try {
      return client.createBatch(batchOptions);
    } catch (IllegalArgumentException e) {
      if (options.maxBatchBytes() > 0) {
        throw EventHubsErrors.batchCapTooLarge(options.maxBatchBytes(), e);
      }
      throw e;
    } catch (RuntimeException e) {
      // Creating a batch opens the connection and the send link: the first place an unreachable
      // or refusing endpoint shows up. The event in hand is the one that failed.
      throw EventHubsErrors.sendFailed(
          target(partitionKey), eventsSent, 1, bufferedEvents, options.maxRetries(), e);
    }
  }

  private void send(String partitionKey, EventDataBatch batch) {
    int count = batch.getCount();
    int size = batch.getSizeInBytes();
    bufferedBytes -= size;
    if (count == 0) {
      return;
    }
    bufferedEvents -= count;
    try {
      client.send(batch);
    } catch (RuntimeException e) {
      throw EventHubsErrors.sendFailed(
          target(partitionKey), eventsSent, count, bufferedEvents, options.maxRetries(), e);
    }
    eventsSent += count;
    bytesSent += size;
    batchesSent++;
  }

  private String target(String partitionKey) {
    return "event hub '" + options.eventHubName() + "' on " + options.fullyQualifiedNamespace()
        + (partitionKey == null ? "" : " (partition key '" + partitionKey + "')");
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
