package dev.streamgen.testkit.eventhubs;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One event as the endpoint received it: where it was sent, its key, properties and body bytes. */
public final class RecordedEvent {
  private final long deliveryId;
  private final String entityPath;
  private final String partitionId;
  private final String partitionKey;
  private final String contentType;
  private final Map<String, Object> applicationProperties;
  private final byte[] body;

  RecordedEvent(
      long deliveryId,
      String entityPath,
      String partitionId,
      String partitionKey,
      String contentType,
      Map<String, Object> applicationProperties,
      byte[] body) {
    this.deliveryId = deliveryId;
    this.entityPath = entityPath;
    this.partitionId = partitionId;
    this.partitionKey = partitionKey;
    this.contentType = contentType;
    this.applicationProperties =
        Collections.unmodifiableMap(new LinkedHashMap<>(applicationProperties));
    this.body = body.clone();
  }

  /** Which AMQP delivery (one send: a single event or a whole batch) carried this event. */
  public long deliveryId() {
    return deliveryId;
  }

  /** The link target the producer sent to: the hub name, or {@code hub/Partitions/N}. */
  public String entityPath() {
    return entityPath;
  }

  /** The partition addressed directly ({@code hub/Partitions/N}), or null when sent to the hub. */
  public String partitionId() {
    return partitionId;
  }

  /** The {@code x-opt-partition-key} message annotation, or null. */
  public String partitionKey() {
    return partitionKey;
  }

  public String contentType() {
    return contentType;
  }

  public Map<String, Object> applicationProperties() {
    return applicationProperties;
  }

  public Object property(String name) {
    return applicationProperties.get(name);
  }

  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "RecordedEvent{" + entityPath + ", key=" + partitionKey + ", props=" + applicationProperties
        + ", body=" + Arrays.toString(Arrays.copyOf(body, Math.min(body.length, 16))) + "}";
  }
}
