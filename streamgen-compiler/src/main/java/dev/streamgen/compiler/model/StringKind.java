package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.runtime.kinds.StringField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: string, values: [...], weights: [...]}: one of the values, picked with the given
 * weights (equal when none are given), drawn and encoded by {@link StringField}: {@code
 * values[Rng.pick(hash, cuts)]} where {@code cuts} are the running sums of the normalized weights,
 * computed here.
 *
 * <p>With {@code weights_by} ({@link WeightsBySpec}) the weights depend on another field's value.
 *
 * @param weights the declared weights, empty when none were given
 * @param weightsBy the weights by another field's value; null when none
 */
public record StringKind(List<String> values, List<Double> weights, WeightsBySpec weightsBy) implements FieldKind {
  /** A bound that keeps the code constructing one field's generator far below the JVM's 64 KB method limit. */
  public static final int MAX_VALUES = 1000;

  public static final KindDefinition DEFINITION =
      new KindDefinition("string", List.of("values", "weights", WeightsBySpec.KEY), StringKind::parse);

  public StringKind {
    values = List.copyOf(values);
    weights = List.copyOf(weights);
  }

  public StringKind(List<String> values, List<Double> weights) {
    this(values, weights, null);
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    return parseChoices(definition, scope, "string");
  }

  /**
   * {@code values} and optional {@code weights} of a kind picking one of its values ({@code string},
   * {@code enum}): checked, or null after reporting the problems.
   */
  static StringKind parseChoices(MapNode definition, FieldScope scope, String typeName) {
    Node node = scope.require(definition, "values", "type " + typeName + " needs values: [a, b, ...]");
    if (node == null) {
      return null;
    }
    if (!(node instanceof ListNode list) || list.items().isEmpty()) {
      scope.error(node, "values must be a non-empty list of strings, got " + FieldScope.shape(node));
      return null;
    }
    if (list.items().size() > MAX_VALUES) {
      scope.error(
          node,
          "values has " + list.items().size() + " entries; at most " + MAX_VALUES + " are supported");
      return null;
    }
    List<String> values = new ArrayList<>();
    Map<String, ScalarNode> seen = new HashMap<>();
    boolean ok = true;
    for (Node item : list.items()) {
      if (!(item instanceof ScalarNode s) || s.isNull()) {
        scope.error(item, "values must hold strings, got " + FieldScope.shape(item));
        ok = false;
        continue;
      }
      ScalarNode first = seen.putIfAbsent(s.text(), s);
      if (first != null) {
        scope.error(
            s,
            "value '" + s.text() + "' is listed twice (first at line " + first.location().line() + ")");
        ok = false;
      }
      values.add(s.text());
    }
    List<Double> weights = new ArrayList<>();
    Node weightsNode = definition.get("weights").orElse(null);
    if (weightsNode != null) {
      List<ScalarNode> given = scope.numbers(weightsNode, "weights");
      if (given == null) {
        return null;
      }
      if (given.size() != list.items().size()) {
        scope.error(
            weightsNode,
            list.items().size()
                + " values but "
                + given.size()
                + " weights; give one weight per value");
        return null;
      }
      double[] checked = scope.weights(given, weightsNode, "weights");
      if (checked == null) {
        return null;
      }
      for (double w : checked) {
        weights.add(w);
      }
    }
    if (!ok) {
      return null;
    }
    Optional<WeightsBySpec> weightsBy = WeightsBySpec.parse(definition, scope, values.size());
    return weightsBy == null ? null : new StringKind(values, weights, weightsBy.orElse(null));
  }

  @Override
  public boolean refersToFields() {
    return weightsBy != null;
  }

  @Override
  public Field resolve(Field self, List<Field> fields, MapNode definition, FieldScope scope) {
    if (!refersToFields()) {
      return self;
    }
    StringKind resolved = resolveWeights(self, fields, definition, scope);
    return resolved == null ? null : self.toBuilder(resolved).build();
  }

  /** This kind with its {@code weights_by} bound (an enum's choices too); null after reporting problems. */
  StringKind resolveWeights(Field self, List<Field> fields, MapNode definition, FieldScope scope) {
    WeightsBySpec resolved = weightsBy.resolve(self, fields, definition, scope);
    return resolved == null ? null : new StringKind(values, weights, resolved);
  }

  /**
   * The running sums of the normalized weights, without the last (which the last value takes):
   * {@code values.size() - 1} non-decreasing numbers.
   */
  public double[] cuts() {
    return Kinds.cuts(weights, values.size());
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String describe() {
    return describe("string");
  }

  /** {@link #describe()} under another type name (an enum's symbols are described the same way). */
  String describe(String typeName) {
    StringBuilder b = new StringBuilder(typeName).append(' ').append(values);
    if (!weights.isEmpty()) {
      b.append(" weights ").append(weights.stream().map(FieldScope::format).toList());
    }
    if (weightsBy != null) {
      b.append(weightsBy.describe());
    }
    return b.toString();
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
    return Kinds.jsonEnum(values);
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("values", values);
    if (!weights.isEmpty()) {
      parameters.put("weights", weights);
    }
    if (weightsBy != null) {
      parameters.put(WeightsBySpec.KEY, weightsBy.manifest());
    }
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return TypeName.get(String.class);
  }

  @Override
  public Class<StringField> generatorClass() {
    return StringField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(f, StringField.class, choiceArguments());
  }

  /** The generator's arguments after name, index and salt: values, cuts and the weights_by. */
  CodeBlock[] choiceArguments() {
    return weightsBy == null
        ? new CodeBlock[] {Kinds.strings(values), Kinds.doubles(cuts())}
        : new CodeBlock[] {Kinds.strings(values), Kinds.doubles(cuts()), weightsBy.newInstance(values.size())};
  }

  @Override
  public int literalCount() {
    return 2 * values.size() - 1 + (weightsBy == null ? 0 : weightsBy.literalCount(values.size()));
  }

  @Override
  public CodeBlock column(FieldCode f) {
    if (weightsBy != null) {
      return weightsBy.column(f);
    }
    return CodeBlock.of(
        "$T.pick($L, $L.cuts(), $L.values())", Kinds.RNG_COLUMNS, f.hashColumn(0), f.generator(), f.generator());
  }
}
