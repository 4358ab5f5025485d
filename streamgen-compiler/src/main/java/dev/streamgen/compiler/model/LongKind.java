package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.LongField;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: long, range: [min, max]}: a uniform 64-bit integer in [min, max], both included.
 * Drawn and encoded by {@link LongField}. Avro long; Protobuf int64, or sint64 when min is negative
 * (shorter for negative numbers); JSON number.
 *
 * <p>The range may hold at most 2^63 - 1 values: the draw is {@code min + floorMod(hash, max - min +
 * 1)}, and Spark's {@code pmod} takes that width as a long.
 */
public record LongKind(long min, long max, DistributionSpec distribution) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("long", List.of("range", DistributionSpec.KEY), LongKind::parse);

  private static final BigInteger MAX_WIDTH = BigInteger.valueOf(Long.MAX_VALUE);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    FieldScope.WholeRange range = scope.wholeRange(definition, "long", 64);
    if (range == null) {
      return null;
    }
    BigInteger width = range.max().subtract(range.min()).add(BigInteger.ONE);
    if (width.compareTo(MAX_WIDTH) > 0) {
      scope.error(
          range.written().node(),
          "range "
              + range.written().text()
              + " holds "
              + width
              + " values, but the draw counts them in a long (at most 9223372036854775807);"
              + " narrow it, e.g. to [0, 9223372036854775806] or [-4611686018427387903, 4611686018427387903]");
      return null;
    }
    Optional<DistributionSpec> distribution =
        DistributionSpec.parse(definition, scope, range.min().doubleValue(), range.max().doubleValue(), true);
    return distribution == null ? null : new LongKind(range.min().longValue(), range.max().longValue(), distribution.orElse(null));
  }

  @Override
  public String typeName() {
    return "long";
  }

  @Override
  public String describe() {
    return "long [" + min + ", " + max + "]" + (distribution == null ? "" : distribution.describe());
  }

  @Override
  public Object avroType(String namedType) {
    return "long";
  }

  @Override
  public String protoType(String identifier) {
    return min < 0 ? "sint64" : "int64";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonRange("integer", min, max);
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return DistributionSpec.manifestParameters(List.of(min, max), distribution);
  }

  @Override
  public TypeName javaType() {
    return TypeName.LONG;
  }

  @Override
  public Class<LongField> generatorClass() {
    return LongField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return distribution == null
        ? Kinds.newSalted(f, LongField.class, CodeBlock.of("$LL", min), CodeBlock.of("$LL", max))
        : Kinds.newSalted(f, LongField.class, CodeBlock.of("$LL", min), CodeBlock.of("$LL", max), distribution.newInstance());
  }

  @Override
  public int literalCount() {
    return 2 + (distribution == null ? 0 : distribution.literalCount());
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return distribution == null
        ? CodeBlock.of("$T.between($L, $LL, $LL)", Kinds.RNG_COLUMNS, f.hashColumn(0), min, max)
        : distribution.roundedColumn(f, min, max);
  }
}
