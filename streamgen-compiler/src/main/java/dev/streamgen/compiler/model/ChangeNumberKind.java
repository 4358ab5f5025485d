package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.kinds.ChangeNumberField;
import java.util.Map;

/**
 * The {@code version} (the change's round + 1, increasing per key) or {@code ts_ms} (the event time in
 * milliseconds) of a change stream's envelope: a long in every schema. Drawn by {@link ChangeNumberField}.
 */
public record ChangeNumberKind(ChangeStream stream, boolean version) implements FieldKind {
  @Override
  public String typeName() {
    return "long";
  }

  @Override
  public String describe() {
    return version ? "change version (per key, increasing)" : "event time in milliseconds";
  }

  @Override
  public Object avroType(String namedType) {
    return "long";
  }

  @Override
  public String protoType(String identifier) {
    return "int64";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonType("integer");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("change", version ? "version" : "ts_ms");
  }

  @Override
  public TypeName javaType() {
    return TypeName.LONG;
  }

  @Override
  public Class<ChangeNumberField> generatorClass() {
    return ChangeNumberField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newUnsalted(f, ChangeNumberField.class, CodeBlock.of("$L", version), CodeBlock.of("$LL", stream.count()));
  }

  @Override
  public int literalCount() {
    return 2;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return version
        ? CodeBlock.of("$T.changeVersion(row, $LL)", Kinds.RNG_COLUMNS, stream.count())
        : CodeBlock.of("$T.millis(eventTimeMicros)", Kinds.RNG_COLUMNS);
  }
}
