package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.FloatField;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: float, range: [min, max]}: a uniform double in [min, max) (just min when min = max).
 * Drawn and encoded by {@link FloatField}. The seed calls it float; it is a 64-bit double everywhere:
 * Avro double, Protobuf double, JSON number. An optional {@code distribution} ({@link
 * DistributionSpec}) spreads the values other than uniformly; null means uniform.
 */
public record FloatKind(double min, double max, DistributionSpec distribution) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("float", List.of("range", DistributionSpec.KEY), FloatKind::parse);

  public FloatKind(double min, double max) {
    this(min, max, null);
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    double[] range = scope.finiteRange(definition, "float");
    if (range == null) {
      return null;
    }
    Optional<DistributionSpec> distribution = DistributionSpec.parse(definition, scope, range[0], range[1], false);
    return distribution == null ? null : new FloatKind(range[0], range[1], distribution.orElse(null));
  }

  @Override
  public String typeName() {
    return "float";
  }

  @Override
  public String describe() {
    return "float [" + FieldScope.format(min) + ", " + FieldScope.format(max) + "]"
        + (distribution == null ? "" : distribution.describe());
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
    return DistributionSpec.manifestParameters(List.of(min, max), distribution);
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
    CodeBlock low = CodeBlock.of("$L", Kinds.literal(min));
    CodeBlock high = CodeBlock.of("$L", Kinds.literal(max));
    return distribution == null
        ? Kinds.newSalted(f, FloatField.class, low, high)
        : Kinds.newSalted(f, FloatField.class, low, high, distribution.newInstance());
  }

  @Override
  public int literalCount() {
    return 2 + (distribution == null ? 0 : distribution.literalCount());
  }

  @Override
  public CodeBlock column(FieldCode f) {
    if (distribution == null) {
      return Kinds.uniformDouble(f, min, max);
    }
    return distribution.clippedColumn(f, min, max);
  }
}
