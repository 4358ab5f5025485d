package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.encode.Decimals;
import dev.streamgen.runtime.kinds.DecimalField;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: decimal, precision: p, scale: s, range: [min, max]}: a fixed-scale decimal, uniform
 * over the multiples of 10^-s in [min, max], drawn and encoded by {@link DecimalField} as its
 * unscaled long ({@code min} and {@code max} here are unscaled too). Precision is at most 18 so that
 * long holds every value. Java {@link BigDecimal}; Avro bytes with logical type decimal; Protobuf
 * string (plain text: Protobuf has no decimal type, and text keeps the value exact); JSON a number
 * with exactly s decimals; Spark DecimalType(p, s).
 */
public record DecimalKind(int precision, int scale, long min, long max) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("decimal", List.of("precision", "scale", "range"), DecimalKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    Integer precision = scope.wholeNumber(definition, "precision", 1, Decimals.MAX_PRECISION, null, "decimal");
    Integer scale = precision == null ? null : scope.wholeNumber(definition, "scale", 0, precision, 0, "decimal");
    FieldScope.Range range = scope.range(definition, "decimal");
    if (precision == null || scale == null || range == null) {
      return null;
    }
    Long min = unscaled(range.min(), range, precision, scale, scope);
    Long max = unscaled(range.max(), range, precision, scale, scope);
    if (min == null || max == null) {
      return null;
    }
    if (min > max) {
      scope.error(range.node(), "range " + range.text() + " is empty (min > max)");
      return null;
    }
    return new DecimalKind(precision, scale, min, max);
  }

  /** One end of the range times 10^scale, or null after reporting why it is not a decimal(p, s). */
  private static Long unscaled(ScalarNode end, FieldScope.Range range, int precision, int scale, FieldScope scope) {
    BigDecimal value;
    try {
      // The text as written: YAML would resolve 12.30 to a double, which is not exact.
      value = FieldScope.isWhole(end) ? new BigDecimal(end.number().toString()) : new BigDecimal(end.text());
    } catch (NumberFormatException e) {
      scope.error(end, "range " + range.text() + " must hold finite decimal numbers, got '" + end.text() + "'");
      return null;
    }
    if (value.stripTrailingZeros().scale() > scale) {
      scope.error(end, "range end " + end.text() + " has more than " + scale + " decimals (scale " + scale + ")");
      return null;
    }
    BigDecimal scaled = value.setScale(scale);
    if (scaled.precision() > precision) {
      scope.error(
          end,
          "range end "
              + end.text()
              + " does not fit decimal("
              + precision
              + ", "
              + scale
              + "): at most "
              + (precision - scale)
              + " digits before the point");
      return null;
    }
    return scaled.unscaledValue().longValueExact();
  }

  private String text(long unscaled) {
    return BigDecimal.valueOf(unscaled, scale).toPlainString();
  }

  @Override
  public String typeName() {
    return "decimal";
  }

  @Override
  public String describe() {
    return "decimal(" + precision + ", " + scale + ") [" + text(min) + ", " + text(max) + "]";
  }

  @Override
  public Object avroType(String namedType) {
    Map<String, Object> avro = Kinds.avroLogical("bytes", "decimal");
    avro.put("precision", precision);
    avro.put("scale", scale);
    return avro;
  }

  @Override
  public String protoType(String identifier) {
    return "string";
  }

  /**
   * No {@code multipleOf}: validators that divide in binary floating point reject exact multiples
   * (0.07 is not a multiple of 0.01 in doubles). Scale 0 is an integer.
   */
  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonRange(scale == 0 ? "integer" : "number", BigDecimal.valueOf(min, scale), BigDecimal.valueOf(max, scale));
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("precision", precision);
    parameters.put("scale", scale);
    parameters.put("range", List.of(BigDecimal.valueOf(min, scale), BigDecimal.valueOf(max, scale)));
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(BigDecimal.class);
  }

  @Override
  public Class<DecimalField> generatorClass() {
    return DecimalField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, DecimalField.class, CodeBlock.of("$LL", min), CodeBlock.of("$LL", max), CodeBlock.of("$L", scale));
  }

  @Override
  public int literalCount() {
    return 3;
  }

  /**
   * The unscaled long as decimal(p, 0), times 10^-s (exact: decimal(p + s + 1, s) at most 37
   * digits), cast to decimal(p, s): the same digits, no double in between.
   */
  @Override
  public CodeBlock column(FieldCode f) {
    CodeBlock unscaled =
        CodeBlock.of("$T.between($L, $LL, $LL).cast($S)", Kinds.RNG_COLUMNS, f.hashColumn(0), min, max, "decimal(" + precision + ",0)");
    if (scale == 0) {
      return unscaled;
    }
    return CodeBlock.of(
        "$L.multiply($T.lit($T.valueOf(1L, $L))).cast($S)",
        unscaled,
        Kinds.SPARK_FUNCTIONS,
        BigDecimal.class,
        scale,
        "decimal(" + precision + "," + scale + ")");
  }
}
