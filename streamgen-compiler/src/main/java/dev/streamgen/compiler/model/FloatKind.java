package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.FloatField;
import java.util.List;
import java.util.Map;

/**
 * {@code type: float, range: [min, max]}: a uniform double in [min, max) (just min when min = max).
 * Drawn and encoded by {@link FloatField}. The seed calls it float; it is a 64-bit double everywhere:
 * Avro double, Protobuf double, JSON number.
 */
public record FloatKind(double min, double max) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("float", List.of("range"), FloatKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    FieldScope.Range range = scope.range(definition, "float");
    if (range == null) {
      return null;
    }
    double min = range.min().number().doubleValue();
    double max = range.max().number().doubleValue();
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      scope.error(range.node(), "range " + range.text() + " must hold finite numbers");
      return null;
    }
    if (min > max) {
      scope.error(range.node(), "range " + range.text() + " is empty (min > max)");
      return null;
    }
    if (!Double.isFinite(max - min)) {
      scope.error(
          range.node(), "range " + range.text() + " is too wide: max - min overflows a double");
      return null;
    }
    return new FloatKind(min, max);
  }

  @Override
  public String typeName() {
    return "float";
  }

  @Override
  public String describe() {
    return "float [" + FieldScope.format(min) + ", " + FieldScope.format(max) + "]";
  }

  @Override
  public Object avroType(String namedType) {
    return "double";
  }

  @Override
  public String protoType(String identifier) {
    return "double";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonRange("number", min, max);
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("range", List.of(min, max));
  }

  @Override
  public TypeName javaType() {
    return TypeName.DOUBLE;
  }

  @Override
  public Class<FloatField> generatorClass() {
    return FloatField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(
        f, FloatField.class, CodeBlock.of("$L", Kinds.literal(min)), CodeBlock.of("$L", Kinds.literal(max)));
  }

  @Override
  public int literalCount() {
    return 2;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of(
        "$T.between($L, $L, $L)", Kinds.RNG_COLUMNS, f.hashColumn(0), Kinds.literal(min), Kinds.literal(max));
  }
}
