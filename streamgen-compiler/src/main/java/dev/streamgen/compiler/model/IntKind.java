package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * {@code type: int, range: [min, max]}: a uniform 32-bit integer in [min, max], both included.
 * Value: {@code (int) Rng.between(hash, min, max)}. Avro int; Protobuf int32, or sint32 when min is
 * negative (shorter for negative numbers); JSON number.
 */
public record IntKind(long min, long max) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("int", List.of("range"), IntKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    FieldScope.Range range = scope.range(definition, "int");
    if (range == null) {
      return null;
    }
    if (!(range.min().number() instanceof Long || range.min().number() instanceof BigInteger)
        || !(range.max().number() instanceof Long || range.max().number() instanceof BigInteger)) {
      scope.error(range.node(), "range " + range.text() + " must hold whole numbers for type int");
      return null;
    }
    BigInteger min = new BigInteger(range.min().number().toString());
    BigInteger max = new BigInteger(range.max().number().toString());
    if (!fitsInt(min) || !fitsInt(max)) {
      ScalarNode at = fitsInt(min) ? range.max() : range.min();
      scope.error(
          at,
          "range "
              + range.text()
              + " does not fit a 32-bit int [-2147483648, 2147483647]; use a narrower range");
      return null;
    }
    if (min.compareTo(max) > 0) {
      scope.error(range.node(), "range " + range.text() + " is empty (min > max)");
      return null;
    }
    return new IntKind(min.longValue(), max.longValue());
  }

  private static boolean fitsInt(BigInteger v) {
    return v.bitLength() < 32;
  }

  @Override
  public String typeName() {
    return "int";
  }

  @Override
  public String describe() {
    return "int [" + min + ", " + max + "]";
  }

  @Override
  public Object avroType() {
    return "int";
  }

  @Override
  public String protoType() {
    return min < 0 ? "sint32" : "int32";
  }

  @Override
  public int protoWireType() {
    return ProtobufWriter.WIRE_VARINT;
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonRange("integer", min, max);
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("range", List.of(min, max));
  }

  @Override
  public TypeName javaType() {
    return TypeName.INT;
  }

  /** A negative minimum writes Protobuf sint32 instead of int32: other code, so another shape. */
  @Override
  public String shapeKey() {
    return min < 0 ? "int/sint32" : "int";
  }

  @Override
  public List<FieldConstant> constants(FieldCode f) {
    return List.of(
        Kinds.salt(f),
        new FieldConstant(TypeName.LONG, "MIN", CodeBlock.of("$LL", min)),
        new FieldConstant(TypeName.LONG, "MAX", CodeBlock.of("$LL", max)));
  }

  @Override
  public List<MethodSpec> methods(FieldCode f) {
    return List.of(
        Kinds.rowMethod(
            f,
            "value",
            int.class,
            "return (int) $T.between($L, $L, $L)",
            Rng.class,
            f.hash(0),
            f.ref("MIN"),
            f.ref("MAX")));
  }

  @Override
  public CodeBlock value(FieldCode f) {
    return f.call("value");
  }

  @Override
  public CodeBlock writeValue(Format format, FieldCode f, CodeBlock value) {
    String method =
        format == Format.PROTOBUF ? (min < 0 ? "writeSint32" : "writeInt32") : "writeInt";
    return Kinds.writeCall(format, method, f, protoWireType(), value);
  }

  @Override
  public CodeBlock text(FieldCode f) {
    return CodeBlock.of("$T.toString($L)", Integer.class, value(f));
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of(
        "$T.between($L, $LL, $LL).cast($S)", Kinds.RNG_COLUMNS, Kinds.hashColumn(f, 0), min, max, "int");
  }

}
