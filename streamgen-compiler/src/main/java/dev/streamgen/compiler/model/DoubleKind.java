package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.DoubleField;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: double, range: [min, max], precision: N}: {@code float}'s uniform double in [min,
 * max), rounded to N digits after the decimal point when {@code precision} is given (prices:
 * precision 2 gives 12.34). Drawn and encoded by {@link DoubleField}; the Spark column repeats its
 * rounding operation by operation. Avro double, Protobuf double, JSON number.
 *
 * <p>With a precision, every value of the range must stay below 10^(15 - N) in magnitude: a double
 * keeps 15 significant decimal digits, so each rounded value then prints as exactly its N decimals,
 * and the rounded number fits the long Spark's {@code floor} returns.
 *
 * @param precision digits after the decimal point, or {@link DoubleField#UNROUNDED}
 */
public record DoubleKind(double min, double max, int precision, DistributionSpec distribution) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("double", List.of("range", "precision", DistributionSpec.KEY), DoubleKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    double[] range = scope.finiteRange(definition, "double");
    Node node = definition.get("precision").orElse(null);
    Integer precision = node == null ? Integer.valueOf(DoubleField.UNROUNDED) : precision(node, scope);
    if (range == null || precision == null) {
      return null;
    }
    BigDecimal largest = new BigDecimal(Math.max(Math.abs(range[0]), Math.abs(range[1])));
    int digitsLeft = DoubleField.MAX_PRECISION - precision;
    if (node != null && largest.compareTo(BigDecimal.ONE.scaleByPowerOfTen(digitsLeft)) >= 0) {
      scope.error(
          node,
          "precision "
              + precision
              + " needs every value of the range below 1e"
              + digitsLeft
              + " in magnitude (a double keeps "
              + DoubleField.MAX_PRECISION
              + " significant digits); lower the precision or narrow the range");
      return null;
    }
    Optional<DistributionSpec> distribution = DistributionSpec.parse(definition, scope, range[0], range[1], false);
    return distribution == null ? null : new DoubleKind(range[0], range[1], precision, distribution.orElse(null));
  }

  /** The precision written, or null after reporting it is not one. */
  private static Integer precision(Node node, FieldScope scope) {
    if (node instanceof ScalarNode s && s.number() instanceof Long p && p >= 0 && p <= DoubleField.MAX_PRECISION) {
      return p.intValue();
    }
    scope.error(
        node,
        "precision must be a whole number from 0 to "
            + DoubleField.MAX_PRECISION
            + " (digits after the decimal point), got "
            + FieldScope.shape(node));
    return null;
  }

  private boolean rounded() {
    return precision != DoubleField.UNROUNDED;
  }

  @Override
  public String typeName() {
    return "double";
  }

  @Override
  public String describe() {
    String range = "double [" + FieldScope.format(min) + ", " + FieldScope.format(max) + "]";
    return (rounded() ? range + " precision " + precision : range) + (distribution == null ? "" : distribution.describe());
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
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("range", List.of(min, max));
    if (rounded()) {
      parameters.put("precision", precision);
    }
    if (distribution != null) {
      parameters.put(DistributionSpec.KEY, distribution.manifest());
    }
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.DOUBLE;
  }

  @Override
  public Class<DoubleField> generatorClass() {
    return DoubleField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    CodeBlock low = CodeBlock.of("$L", Kinds.literal(min));
    CodeBlock high = CodeBlock.of("$L", Kinds.literal(max));
    CodeBlock digits = rounded() ? CodeBlock.of("$L", precision) : CodeBlock.of("$T.UNROUNDED", DoubleField.class);
    return distribution == null
        ? Kinds.newSalted(f, DoubleField.class, low, high, digits)
        : Kinds.newSalted(f, DoubleField.class, low, high, digits, distribution.newInstance());
  }

  @Override
  public int literalCount() {
    return 3 + (distribution == null ? 0 : distribution.literalCount());
  }

  @Override
  public CodeBlock column(FieldCode f) {
    CodeBlock uniform = distribution == null ? Kinds.uniformDouble(f, min, max) : distribution.clippedColumn(f, min, max);
    return rounded() ? Kinds.rounded(uniform, precision) : uniform;
  }
}
