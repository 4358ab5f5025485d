package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.IntField;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: int, range: [min, max]}: a uniform 32-bit integer in [min, max], both included.
 * Drawn and encoded by {@link IntField}. Avro int; Protobuf int32, or sint32 when min is negative
 * (shorter for negative numbers); JSON number. An optional {@code distribution} ({@link
 * DistributionSpec}) spreads the values other than uniformly; null means uniform.
 */
public record IntKind(long min, long max, DistributionSpec distribution) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("int", List.of("range", DistributionSpec.KEY), IntKind::parse);

  public IntKind(long min, long max) {
    this(min, max, null);
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    FieldScope.WholeRange range = scope.wholeRange(definition, "int", 32);
    if (range == null) {
      return null;
    }
    Optional<DistributionSpec> distribution =
        DistributionSpec.parse(definition, scope, range.min().doubleValue(), range.max().doubleValue(), true);
    return distribution == null ? null : new IntKind(range.min().longValue(), range.max().longValue(), distribution.orElse(null));
  }

  @Override
  public String typeName() {
    return "int";
  }

  @Override
  public String describe() {
    return "int [" + min + ", " + max + "]" + (distribution == null ? "" : distribution.describe());
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
    return DistributionSpec.manifestParameters(List.of(min, max), distribution);
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
    return distribution == null
        ? Kinds.newSalted(f, IntField.class, CodeBlock.of("$LL", min), CodeBlock.of("$LL", max))
        : Kinds.newSalted(f, IntField.class, CodeBlock.of("$LL", min), CodeBlock.of("$LL", max), distribution.newInstance());
  }

  @Override
  public int literalCount() {
    return 2 + (distribution == null ? 0 : distribution.literalCount());
  }

  @Override
  public CodeBlock column(FieldCode f) {
    if (distribution == null) {
      return CodeBlock.of("$T.between($L, $LL, $LL).cast($S)", Kinds.RNG_COLUMNS, f.hashColumn(0), min, max, "int");
    }
    return CodeBlock.of("$L.cast($S)", distribution.roundedColumn(f, min, max), "int");
  }
}
