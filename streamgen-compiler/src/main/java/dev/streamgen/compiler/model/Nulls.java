package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.kinds.NullableField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nullable: true} with an optional {@code null_ratio} (default {@value #DEFAULT_RATIO}), on a
 * field of any kind: the value is null with that probability, drawn from a stream of its own. Owns
 * what nullability changes: the schemas (Avro union with null first, proto3 {@code optional}, JSON
 * Schema allowing null) and the generated code, which wraps the kind's generator in a {@link
 * NullableField} and its Spark column in a {@code when}.
 */
public record Nulls(double ratio) {
  public static final double DEFAULT_RATIO = 0.1;
  /** The keys every kind takes for nullability. */
  public static final List<String> KEYS = List.of("nullable", "null_ratio");

  /**
   * The field's nullability: empty when not nullable, null after reporting a problem ({@code
   * null_ratio} without {@code nullable: true}, a ratio outside [0, 1]).
   */
  @SuppressWarnings("OptionalAssignedToNull") // null is "reported", as every parser here returns
  public static Optional<Nulls> parse(MapNode definition, FieldScope scope) {
    Node nullable = definition.get("nullable").orElse(null);
    Node ratio = definition.get("null_ratio").orElse(null);
    boolean on = false;
    if (nullable != null) {
      if (!(nullable instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN)) {
        scope.error(nullable, "nullable must be true or false, got " + FieldScope.shape(nullable));
        return null;
      }
      on = Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
    }
    if (!on) {
      if (ratio != null) {
        scope.error(ratio, "null_ratio applies to nullable fields; add nullable: true");
        return null;
      }
      return Optional.empty();
    }
    Double r = scope.ratio(definition, "null_ratio", DEFAULT_RATIO);
    return r == null ? null : Optional.of(new Nulls(r));
  }

  /** As the field's description shows it: {@code , nullable (10% null)}. */
  public String describe() {
    return ", nullable (" + FieldScope.format(ratio * 100) + "% null)";
  }

  /** The salt of the null draw's stream: distinct from the field's own (FNV-1a of name and a suffix). */
  static long salt(Field field) {
    return Identifiers.fnv1a64(field.path() + "\u0000null");
  }

  // ---- schemas ----

  /** Avro: the union {@code ["null", T]}, so the field's default may be null. */
  public Object avroType(Object valueType) {
    return List.of("null", valueType);
  }

  /** JSON Schema: the value's schema or null. */
  public Map<String, Object> jsonSchema(Map<String, Object> valueSchema) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("anyOf", List.of(valueSchema, Map.of("type", "null")));
    return schema;
  }

  /** Protobuf: a proto3 {@code optional} field, which has presence. */
  public String protoLabel() {
    return "optional ";
  }

  // ---- code ----

  /** {@code new NullableField(<generator>, <salt>, <ratio>, <wire type>)}. */
  CodeBlock generator(FieldCode f, FieldKind kind, CodeBlock valueGenerator) {
    return CodeBlock.of(
        "new $T($L, 0x$LL, $L, $L)",
        NullableField.class,
        valueGenerator,
        Long.toHexString(salt(f.field())),
        Kinds.literal(ratio),
        kind.protoWireType(f.identifier()));
  }

  /** {@code when(unit(hash(row, stream(seed, <salt>))) < ratio, null).otherwise(<column>)}. */
  CodeBlock column(FieldCode f, CodeBlock valueColumn) {
    return CodeBlock.of(
        "$T.when($T.unit($T.hash(row, $T.stream(seed, 0x$LL))).lt($L), $T.lit(null)).otherwise($L)",
        Kinds.SPARK_FUNCTIONS,
        Kinds.RNG_COLUMNS,
        Kinds.RNG_COLUMNS,
        ClassName.get(Rng.class),
        Long.toHexString(salt(f.field())),
        Kinds.literal(ratio),
        Kinds.SPARK_FUNCTIONS,
        valueColumn);
  }

  /** The wire type of a proto3 field type; a name that is not a scalar type is an enum (a varint). */
  static int wireType(String protoType) {
    return switch (protoType) {
      case "double", "fixed64", "sfixed64" -> ProtobufWriter.WIRE_FIXED64;
      case "float", "fixed32", "sfixed32" -> ProtobufWriter.WIRE_FIXED32;
      case "string", "bytes" -> ProtobufWriter.WIRE_LENGTH_DELIMITED;
      default -> ProtobufWriter.WIRE_VARINT;
    };
  }
}
