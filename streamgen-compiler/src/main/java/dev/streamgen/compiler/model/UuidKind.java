package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.encode.Uuids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.lang.model.element.Modifier;

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
    Map<String, Object> type = new LinkedHashMap<>();
    type.put("type", "string");
    type.put("logicalType", "uuid");
    return type;
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
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("format", "uuid");
    return schema;
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
  public void addKernelMembers(TypeSpec.Builder kernel, FieldCode f) {
    kernel.addField(Kinds.salt(f));
    kernel.addMethod(half(f, "msb", 0));
    kernel.addMethod(half(f, "lsb", 1));
  }

  private static MethodSpec half(FieldCode f, String half, int saltOffset) {
    return MethodSpec.methodBuilder(f.member(half))
        .addModifiers(Modifier.STATIC)
        .returns(long.class)
        .addParameter(long.class, "seed")
        .addParameter(long.class, "row")
        .addStatement("return $T.$N($L)", Uuids.class, half, f.hash(saltOffset))
        .build();
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
    return switch (format) {
      case JSON -> CodeBlock.of("$T.writeUuid(out, $L, $L);\n", JsonWriter.class, msb, lsb);
      case AVRO -> CodeBlock.of("$T.writeUuid(out, $L, $L);\n", AvroWriter.class, msb, lsb);
      case BINARY -> CodeBlock.of("$T.writeUuid(out, $L, $L);\n", BinaryWriter.class, msb, lsb);
      case PROTOBUF ->
          CodeBlock.of(
              "$T.writeUuid(out, $L, $L, $L);\n",
              ProtobufWriter.class,
              f.protoTag(protoWireType()),
              msb,
              lsb);
    };
  }

  @Override
  public CodeBlock text(FieldCode f) {
    return CodeBlock.of("$T.toString($L, $L)", Uuids.class, f.call("msb"), f.call("lsb"));
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of(
        "$T.uuid($T.hash(row, $T.stream(seed, $T.$N)), $T.hash(row, $T.stream(seed, $T.$N + 1)))",
        Kinds.RNG_COLUMNS,
        Kinds.RNG_COLUMNS,
        Rng.class,
        f.kernel(),
        f.saltName(),
        Kinds.RNG_COLUMNS,
        Rng.class,
        f.kernel(),
        f.saltName());
  }
}
