package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.BooleanField;
import java.util.List;
import java.util.Map;

/**
 * {@code type: boolean, true_ratio: r}: true with probability r (default 0.5), drawn and encoded by
 * {@link BooleanField}: {@code unit(hash) < r}. Avro boolean, Protobuf bool, JSON true/false.
 */
public record BooleanKind(double trueRatio) implements FieldKind {
  public static final double DEFAULT_TRUE_RATIO = 0.5;

  public static final KindDefinition DEFINITION =
      new KindDefinition("boolean", List.of("true_ratio"), BooleanKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    Node node = definition.get("true_ratio").orElse(null);
    if (node == null) {
      return new BooleanKind(DEFAULT_TRUE_RATIO);
    }
    if (node instanceof ScalarNode s && s.isNumber()) {
      double ratio = s.number().doubleValue();
      // Also false for NaN.
      if (ratio >= 0 && ratio <= 1) {
        return new BooleanKind(ratio);
      }
    }
    scope.error(node, "true_ratio must be a number from 0 to 1 (the share of true values), got " + FieldScope.shape(node));
    return null;
  }

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public String describe() {
    return "boolean true_ratio " + FieldScope.format(trueRatio);
  }

  @Override
  public Object avroType(String namedType) {
    return "boolean";
  }

  @Override
  public String protoType(String identifier) {
    return "bool";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return Map.of("type", "boolean");
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("true_ratio", trueRatio);
  }

  @Override
  public TypeName javaType() {
    return TypeName.BOOLEAN;
  }

  @Override
  public Class<BooleanField> generatorClass() {
    return BooleanField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, BooleanField.class, CodeBlock.of("$L", Kinds.literal(trueRatio)));
  }

  @Override
  public int literalCount() {
    return 1;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of("$T.unit($L).lt($L)", Kinds.RNG_COLUMNS, f.hashColumn(0), Kinds.literal(trueRatio));
  }
}
