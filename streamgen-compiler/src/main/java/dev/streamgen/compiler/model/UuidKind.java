package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Uuids;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code type: uuid}: a random (version 4) UUID from two hashes of the row, on the field's salt and
 * salt + 1. Java {@link UUID}; Avro string with logical type uuid; Protobuf string; JSON string;
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
  public Object avroType() {
    return Kinds.avroLogical("string", "uuid");
  }

  @Override
  public String protoType() {
    return "string";
  }

  @Override
  public int protoWireType() {
    return ProtobufWriter.WIRE_LENGTH_DELIMITED;
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
  public String shapeKey() {
    return "uuid";
  }

  @Override
  public List<FieldConstant> constants(FieldCode f) {
    return List.of(Kinds.salt(f));
  }

  @Override
  public List<MethodSpec> methods(FieldCode f) {
    return List.of(half(f, "msb", 0), half(f, "lsb", 1));
  }

  private static MethodSpec half(FieldCode f, String half, int saltOffset) {
    return Kinds.rowMethod(
        f, half, long.class, "return $T.$N($L)", Uuids.class, half, f.hash(saltOffset));
  }

  @Override
  public CodeBlock value(FieldCode f) {
    return CodeBlock.of("new $T($L, $L)", UUID.class, f.call("msb"), f.call("lsb"));
  }

  @Override
  public CodeBlock write(Format format, FieldCode f) {
    return writeHalves(format, f, f.call("msb"), f.call("lsb"));
  }

  @Override
  public CodeBlock writeValue(Format format, FieldCode f, CodeBlock value) {
    return writeHalves(
        format,
        f,
        CodeBlock.of("$L.getMostSignificantBits()", value),
        CodeBlock.of("$L.getLeastSignificantBits()", value));
  }

  private CodeBlock writeHalves(Format format, FieldCode f, CodeBlock msb, CodeBlock lsb) {
    return Kinds.writeCall(format, "writeUuid", f, protoWireType(), msb, lsb);
  }

  @Override
  public CodeBlock text(FieldCode f) {
    return CodeBlock.of("$T.toString($L, $L)", Uuids.class, f.call("msb"), f.call("lsb"));
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of(
        "$T.uuid($L, $L)", Kinds.RNG_COLUMNS, Kinds.hashColumn(f, 0), Kinds.hashColumn(f, 1));
  }
}
