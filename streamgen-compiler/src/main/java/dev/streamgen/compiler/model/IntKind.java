package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.IntField;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * {@code type: int, range: [min, max]}: a uniform 32-bit integer in [min, max], both included.
 * Drawn and encoded by {@link IntField}. Avro int; Protobuf int32, or sint32 when min is negative
 * (shorter for negative numbers); JSON number.
 */
public record IntKind(long min, long max) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("int", List.of("range"), IntKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    FieldScope.Range range = scope.range(definition, "int");
    if (range == null) {
      return null;
    }
    if (!FieldScope.isWhole(range.min()) || !FieldScope.isWhole(range.max())) {
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
  public Object avroType(String namedType) {
    return "int";
  }

  @Override
  public String protoType(String identifier) {
    return min < 0 ? "sint32" : "int32";
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

  @Override
  public Class<IntField> generatorClass() {
    return IntField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, IntField.class, CodeBlock.of("$LL", min), CodeBlock.of("$LL", max));
  }

  @Override
  public int literalCount() {
    return 2;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of("$T.between($L, $LL, $LL).cast($S)", Kinds.RNG_COLUMNS, f.hashColumn(0), min, max, "int");
  }
}
