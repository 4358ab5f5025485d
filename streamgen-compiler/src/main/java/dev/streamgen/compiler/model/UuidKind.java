package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.kinds.UuidField;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code type: uuid}: a random (version 4) UUID from two hashes of the row, on the field's salt and
 * salt + 1 ({@link UuidField}). Java {@link UUID}; Avro string with logical type uuid; Protobuf string; JSON string;
 * binary 16 bytes.
 */
public record UuidKind() implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("uuid", List.of(), (definition, scope) -> new UuidKind());

  @Override
  public String typeName() {
    return "uuid";
  }

  @Override
  public String describe() {
    return "uuid";
  }

  @Override
  public Object avroType(String namedType) {
    return Kinds.avroLogical("string", "uuid");
  }

  @Override
  public String protoType(String identifier) {
    return "string";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonFormattedString("uuid");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of();
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(UUID.class);
  }

  @Override
  public Class<UuidField> generatorClass() {
    return UuidField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, UuidField.class);
  }

  @Override
  public int literalCount() {
    return 0;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of("$T.uuid($L, $L)", Kinds.RNG_COLUMNS, f.hashColumn(0), f.hashColumn(1));
  }
}
