package dev.streamgen.runtime.sink.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import dev.streamgen.runtime.api.Format;
import java.util.Map;

/**
 * Turns one unified row's payload into an {@link EventData} carrying what consumers need to decode
 * it without opening the body: {@code event_type_id}, and for Avro the schema fingerprint.
 */
final class EventFactory {
  /** Application property naming the event's type (the YAML's event_type_id). */
  static final String EVENT_TYPE_ID = "event_type_id";
  /** Application property: the Avro single-object header's 8 fingerprint bytes as 16 hex digits. */
  static final String SCHEMA_FINGERPRINT = "schema_fingerprint";
  /** Application property (ground truth, {@code faults.ground_truth}): the row index, an AMQP long. */
  static final String ROW_INDEX = dev.streamgen.runtime.columns.UnifiedStream.ROW_INDEX;
  /** Application property (ground truth): true on a duplicate emitted on purpose, an AMQP boolean. */
  static final String IS_DUPLICATE = dev.streamgen.runtime.columns.UnifiedStream.IS_DUPLICATE;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Format format;
  private final String contentType;

  EventFactory(Format format) {
    this.format = format;
    this.contentType = contentType(format);
  }

  EventData create(String eventTypeId, byte[] payload) {
    EventData event = new EventData(payload);
    Map<String, Object> props = event.getProperties();
    props.put(EVENT_TYPE_ID, eventTypeId);
    if (format == Format.AVRO) {
      String fingerprint = avroFingerprintHex(payload);
      if (fingerprint == null) {
        throw EventHubsErrors.notAvro(eventTypeId);
      }
      props.put(SCHEMA_FINGERPRINT, fingerprint);
    }
    if (contentType != null) {
      event.setContentType(contentType);
    }
    return event;
  }

  /** Adds the ground truth of the event's row as application properties. */
  void groundTruth(EventData event, long rowIndex, boolean duplicate) {
    event.getProperties().put(ROW_INDEX, rowIndex);
    event.getProperties().put(IS_DUPLICATE, duplicate);
  }

  /**
   * The 8 bytes after the C3 01 marker of Avro single-object encoding, in the order they appear
   * (CRC-64-AVRO, little-endian), as lowercase hex; null when {@code payload} lacks the header.
   */
  static String avroFingerprintHex(byte[] payload) {
    if (payload.length < 10 || (payload[0] & 0xff) != 0xC3 || payload[1] != 0x01) {
      return null;
    }
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      int b = payload[2 + i] & 0xff;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xf];
    }
    return new String(out);
  }

  /** The AMQP content-type per format; null when the runtime did not say which format it is. */
  static String contentType(Format format) {
    if (format == null) {
      return null;
    }
    switch (format) {
      case JSON:
        return "application/json";
      case AVRO:
        return "avro/binary";
      case PROTOBUF:
        return "application/x-protobuf";
      case BINARY:
        return "application/octet-stream";
      default:
        throw new AssertionError(format);
    }
  }
}
