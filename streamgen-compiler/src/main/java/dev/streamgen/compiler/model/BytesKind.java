package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.kinds.BytesField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code type: bytes, length: [min, max]}: random bytes of a uniform length in [min, max] (at most
 * {@value BytesField#MAX_LENGTH}), drawn and encoded by {@link BytesField}: the length from the
 * field's hash, the bytes from the hashes on salt + 1, + 2, ..., 8 bytes each, most significant
 * first. Java byte[]; Avro bytes; Protobuf bytes; JSON a base64 string; Spark BinaryType.
 */
public record BytesKind(int min, int max) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("bytes", List.of("length"), BytesKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    int[] length = scope.lengthRange(definition, "length", "bytes", BytesField.MAX_LENGTH);
    return length == null ? null : new BytesKind(length[0], length[1]);
  }


  @Override
  public String typeName() {
    return "bytes";
  }

  @Override
  public String describe() {
    return "bytes length [" + min + ", " + max + "]";
  }

  @Override
  public Object avroType(String namedType) {
    return "bytes";
  }

  @Override
  public String protoType(String identifier) {
    return "bytes";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("contentEncoding", "base64");
    return schema;
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("length", List.of(min, max));
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(byte[].class);
  }

  @Override
  public Class<BytesField> generatorClass() {
    return BytesField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, BytesField.class, CodeBlock.of("$LL", min), CodeBlock.of("$LL", max));
  }

  @Override
  public int literalCount() {
    return 2;
  }

  /**
   * The bytes of hash i are its 16 hex digits (Spark's hex of a long is its unsigned value, without
   * leading zeros, hence the lpad), so unhex of their concatenation is the hashes big-endian, as
   * {@link BytesField} takes them; the drawn length cuts it. The hash columns are built in a loop,
   * not spelled out: up to 128 per field would soon take a type's column method past the JVM's 64 KB.
   */
  @Override
  public CodeBlock column(FieldCode f) {
    if (max == 0) {
      return CodeBlock.of("$T.lit(new byte[0])", Kinds.SPARK_FUNCTIONS);
    }
    CodeBlock hexOfHash =
        CodeBlock.of(
            "i -> $T.lpad($T.hex($T.hash(row, $T.stream(seed, $L + 1 + i))), 16, $S)",
            Kinds.SPARK_FUNCTIONS,
            Kinds.SPARK_FUNCTIONS,
            Kinds.RNG_COLUMNS,
            Rng.class,
            f.saltLiteral(),
            "0");
    return CodeBlock.of(
        "$T.unhex($T.concat($T.range(0, $L).mapToObj($L).toArray($T[]::new))).substr($T.lit(1), $T.between($L, $LL, $LL).cast($S))",
        Kinds.SPARK_FUNCTIONS,
        Kinds.SPARK_FUNCTIONS,
        IntStream.class,
        (max + 7) / 8,
        hexOfHash,
        Kinds.SPARK_COLUMN,
        Kinds.SPARK_FUNCTIONS,
        Kinds.RNG_COLUMNS,
        f.hashColumn(0),
        min,
        max,
        "int");
  }
}
