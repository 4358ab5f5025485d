package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.kinds.TimestampField;
import java.util.List;
import java.util.Map;

/**
 * {@code type: timestamp}: the event's own time (the row's {@code eventTimeMicros}, set by the
 * runtime; {@link TimestampField}), in microseconds since the epoch. Java long; Avro long with logical type
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
  public Object avroType(String namedType) {
    return Kinds.avroLogical("long", "timestamp-micros");
  }

  @Override
  public String protoType(String identifier) {
    return "int64";
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
  public Class<TimestampField> generatorClass() {
    return TimestampField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newUnsalted(f, TimestampField.class);
  }

  @Override
  public int literalCount() {
    return 0;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of("$T.timestamp_micros(eventTimeMicros)", Kinds.SPARK_FUNCTIONS);
  }
}
