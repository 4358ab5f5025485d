package dev.streamgen.runtime.registry;

/** One event type's schema as the registry receives it: the subject, the schema type and text. */
final class SchemaSubject {
  private final String eventTypeId;
  private final String subject;
  /** The Confluent API's {@code schemaType}: AVRO, PROTOBUF or JSON. */
  private final String schemaType;
  private final String schema;

  SchemaSubject(String eventTypeId, String subject, String schemaType, String schema) {
    this.eventTypeId = eventTypeId;
    this.subject = subject;
    this.schemaType = schemaType;
    this.schema = schema;
  }

  String eventTypeId() {
    return eventTypeId;
  }

  String subject() {
    return subject;
  }

  String schemaType() {
    return schemaType;
  }

  String schema() {
    return schema;
  }
}
