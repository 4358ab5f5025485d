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
    Optional<DistributionSpec> distribution = DistributionSpec.parse(definition, scope, min, max, false);
    return distribution == null ? null : new FloatKind(min, max, distribution.orElse(null));
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
    return distribution == null
        ? Map.of("range", List.of(min, max))
        : Map.of("range", List.of(min, max), DistributionSpec.KEY, distribution.manifest());
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
      return CodeBlock.of(
          "$T.between($L, $L, $L)", Kinds.RNG_COLUMNS, f.hashColumn(0), Kinds.literal(min), Kinds.literal(max));
    }
    // FloatField.fit: clipped to [min, max].
    return CodeBlock.of(
        "$T.greatest($T.lit($L), $T.least($T.lit($L), $L))",
        Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, Kinds.literal(min), Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS,
        Kinds.literal(max), distribution.column(f, min));
  }
}
