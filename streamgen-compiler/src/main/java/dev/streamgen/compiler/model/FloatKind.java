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
    double[] range = scope.finiteRange(definition, "float");
    return range == null ? null : new FloatKind(range[0], range[1]);
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
  public Object avroType() {
    return "double";
  }

  @Override
  public String protoType() {
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
    return Kinds.uniformDouble(f, min, max);
  }
}
