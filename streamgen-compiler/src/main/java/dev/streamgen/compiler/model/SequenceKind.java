package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.SequenceField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: sequence, prefix, start, step}: the text {@code prefix + (start + row × step)}, drawn
 * by {@link SequenceField}. The row number is global, so the ids are unique across partitions; the
 * number is exact (no 64-bit wrap-around), so no setting can make two rows collide and none needs an
 * overflow rule. Encoded as a {@code string} everywhere.
 */
public record SequenceKind(String prefix, long start, long step) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("sequence", List.of("prefix", "start", "step"), SequenceKind::parse);

  /*
   * Spark's exact type for the number: a 64-bit row times a 64-bit step is below 2^126 in magnitude,
   * plus a 64-bit start still below 10^38, so decimal(38, 0) arithmetic never overflows.
   */
  private static final String LONG_AS_DECIMAL = "decimal(20,0)";

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    String prefix = scope.text(definition, "prefix", "");
    Long start = scope.wholeNumber(definition, "start", 0);
    Long step = scope.wholeNumber(definition, "step", 1);
    if (step != null && step == 0) {
      scope.error(definition.get("step").orElseThrow(), "step must not be 0 (every row would get the same id)");
      return null;
    }
    return prefix == null || start == null || step == null ? null : new SequenceKind(prefix, start, step);
  }

  @Override
  public String typeName() {
    return "sequence";
  }

  @Override
  public String describe() {
    return "sequence prefix '" + prefix + "' start " + start + " step " + step;
  }

  @Override
  public Object avroType(String namedType) {
    return "string";
  }

  @Override
  public String protoType(String identifier) {
    return "string";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Kinds.jsonType("string");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("prefix", prefix);
    parameters.put("start", start);
    parameters.put("step", step);
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(String.class);
  }

  @Override
  public Class<SequenceField> generatorClass() {
    return SequenceField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newUnsalted(
        f, SequenceField.class, Kinds.string(prefix), Kinds.longLiteral(start), Kinds.longLiteral(step));
  }

  @Override
  public int literalCount() {
    return 3;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of(
        "$T.concat($T.lit($L), row.cast($S).multiply($T.lit($L).cast($S)).plus($T.lit($L).cast($S)).cast($S))",
        Kinds.SPARK_FUNCTIONS,
        Kinds.SPARK_FUNCTIONS,
        Kinds.string(prefix),
        LONG_AS_DECIMAL,
        Kinds.SPARK_FUNCTIONS,
        Kinds.longLiteral(step),
        LONG_AS_DECIMAL,
        Kinds.SPARK_FUNCTIONS,
        Kinds.longLiteral(start),
        LONG_AS_DECIMAL,
        "string");
  }
}
