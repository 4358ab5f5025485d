package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Timestamps;
import java.util.List;
import java.util.Map;

/**
 * {@code type: timestamp}: the event's own time (the row's {@code eventTimeMicros}, set by the
 * runtime), in microseconds since the epoch. Java long; Avro long with logical type
 * timestamp-micros; Protobuf int64 (microseconds); JSON ISO-8601 UTC text with six fraction digits.
 */
public record TimestampKind() implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("timestamp", List.of(), (definition, scope) -> new TimestampKind());

  @Override
  public String typeName() {
    return "timestamp";
  }

  @Override
  public String describe() {
    return "timestamp";
  }

  @Override
  public Object avroType() {
    return Kinds.avroLogical("long", "timestamp-micros");
  }

  @Override
  public String protoType() {
    return "int64";
  }

  @Override
  public int protoWireType() {
    return ProtobufWriter.WIRE_VARINT;
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonFormattedString("date-time");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of();
  }

  @Override
  public TypeName javaType() {
    return TypeName.LONG;
  }

  @Override
  public String shapeKey() {
    return "timestamp";
  }

  /** None: the value is the row's event time. */
  @Override
  public List<FieldConstant> constants(FieldCode f) {
    return List.of();
  }

  @Override
  public List<MethodSpec> methods(FieldCode f) {
    return List.of();
  }

  @Override
  public CodeBlock value(FieldCode f) {
    return CodeBlock.of("eventTimeMicros");
  }

  @Override
  public CodeBlock writeValue(Format format, FieldCode f, CodeBlock value) {
    String method =
        switch (format) {
          case JSON -> "writeTimestamp";
          case AVRO, BINARY -> "writeLong";
          case PROTOBUF -> "writeInt64";
        };
    return Kinds.writeCall(format, method, f, protoWireType(), value);
  }

  @Override
  public CodeBlock text(FieldCode f) {
    return CodeBlock.of("$T.toIso(eventTimeMicros)", Timestamps.class);
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of("$T.timestamp_micros(eventTimeMicros)", Kinds.SPARK_FUNCTIONS);
  }

}
