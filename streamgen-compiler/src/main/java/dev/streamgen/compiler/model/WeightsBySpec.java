package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.validate.DidYouMean;
import dev.streamgen.runtime.kinds.WeightsBy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code weights_by: {field: tier, weights: {gold: [...], basic: [...]}}} on a {@code string} or
 * {@code enum} field: the weights of its pick depend on the value the referenced field (a string or
 * enum field of the same event) takes in the row. A value of the referenced field without a row of
 * weights, or a null one, leaves the field its own {@code weights} (equal when it has none). Each
 * row holds one weight per value, summing to 1. The referenced field may not have {@code
 * weights_by} itself (no chains). Compiled to a {@link WeightsBy}.
 *
 * @param keys the referenced field's values that have weights, as listed
 * @param rows their weights, one list per key
 * @param referenced the referenced field once resolved ({@link #resolve}), else null
 * @param index its position in the event type
 */
public record WeightsBySpec(String field, List<String> keys, List<List<Double>> rows, Field referenced, int index) {
  public static final String KEY = "weights_by";
  private static final List<String> KEYS = List.of("field", "weights");

  public WeightsBySpec {
    keys = List.copyOf(keys);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /**
   * The spec under {@code weights_by}: empty when the key is absent, null after reporting problems.
   *
   * @param valueCount how many values the field picks from (one weight each)
   */
  @SuppressWarnings("OptionalAssignedToNull") // null is "reported", as every parser here returns
  static Optional<WeightsBySpec> parse(MapNode definition, FieldScope scope, int valueCount) {
    Node node = definition.get(KEY).orElse(null);
    if (node == null) {
      return Optional.empty();
    }
    if (!(node instanceof MapNode map)) {
      scope.error(node, KEY + " must be a mapping with field and weights, got " + FieldScope.shape(node));
      return null;
    }
    boolean ok = true;
    for (MapNode.Entry e : map.entries()) {
      if (!KEYS.contains(e.name())) {
        scope.error(e.key(), KEY + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), KEYS));
        ok = false;
      }
    }
    String field = scope.text(map, "field", null);
    Node fieldNode = scope.require(map, "field", "the string or enum field whose value selects the weights");
    Node weightsNode = scope.require(map, "weights", "a row of weights per value of the field");
    if (!ok || field == null || fieldNode == null || weightsNode == null) {
      return null;
    }
    if (!(weightsNode instanceof MapNode weights) || weights.entries().isEmpty()) {
      scope.error(weightsNode, KEY + ": weights must map values of field '" + field + "' to lists of weights, got " + FieldScope.shape(weightsNode));
      return null;
    }
    List<String> keys = new ArrayList<>();
    List<List<Double>> rows = new ArrayList<>();
    for (MapNode.Entry e : weights.entries()) {
      List<ScalarNode> given = scope.numbers(e.value(), "weights for '" + e.name() + "'");
      if (given == null) {
        ok = false;
        continue;
      }
      if (given.size() != valueCount) {
        scope.error(e.value(), valueCount + " values but " + given.size() + " weights for '" + e.name() + "'; give one weight per value");
        ok = false;
        continue;
      }
      double[] checked = scope.weights(given, e.value(), "weights for '" + e.name() + "'");
      if (checked == null) {
        ok = false;
        continue;
      }
      keys.add(e.name());
      List<Double> row = new ArrayList<>();
      for (double w : checked) {
        row.add(w);
      }
      rows.add(row);
    }
    return ok ? Optional.of(new WeightsBySpec(field, keys, rows, null, -1)) : null;
  }

  /**
   * Binds the spec to its referenced field among {@code fields} (its event type's); null after
   * reporting problems at {@code definition}'s {@code weights_by} keys.
   */
  WeightsBySpec resolve(Field self, List<Field> fields, MapNode definition, FieldScope scope) {
    MapNode map = (MapNode) definition.get(KEY).orElseThrow();
    Node at = map.get("field").orElseThrow();
    Field target = fields.stream().filter(f -> f.name().equals(field)).findFirst().orElse(null);
    if (target == null) {
      List<String> names = fields.stream().filter(f -> f != self).map(Field::name).toList();
      scope.error(at, KEY + ": unknown field '" + field + "'" + DidYouMean.suggest(field, names).map(s -> "; did you mean '" + s + "'?").orElse(""));
      return null;
    }
    if (target.name().equals(self.name())) {
      scope.error(at, KEY + ": a field cannot be weighted by itself");
      return null;
    }
    if (target.kind().refersToFields()) {
      scope.error(at, KEY + ": field '" + field + "' is computed from other fields (" + target.kind().typeName()
          + " with " + (target.kind() instanceof ExprKind ? "expr" : KEY) + "); refer to a drawn string or enum field");
      return null;
    }
    if (target.kind() instanceof RefKind) {
      scope.error(at, KEY + ": field '" + field + "' is " + target.kind().describe() + "; weights_by may only refer to a string or enum "
          + "field drawn in its event, not to a reference yet");
      return null;
    }
    StringKind choices = choices(target);
    if (choices == null) {
      scope.error(at, KEY + ": field '" + field + "' is " + target.kind().describe() + ", not a string or enum field");
      return null;
    }
    MapNode weights = (MapNode) map.get("weights").orElseThrow();
    boolean ok = true;
    for (MapNode.Entry e : weights.entries()) {
      if (!choices.values().contains(e.name())) {
        scope.error(
            e.key(),
            KEY + ": '" + e.name() + "' is not a value of field '" + field + "' (its values: " + String.join(", ", choices.values()) + ")");
        ok = false;
      }
    }
    return ok ? new WeightsBySpec(field, keys, rows, target, fields.indexOf(target)) : null;
  }

  /** The values and weights of a string or enum field; null for other kinds. */
  private static StringKind choices(Field f) {
    if (f.kind() instanceof StringKind s) {
      return s;
    }
    return f.kind() instanceof EnumKind e ? e.choices() : null;
  }

  private Field target() {
    if (referenced == null) {
      throw new IllegalStateException(KEY + " " + field + " was not resolved");
    }
    return referenced;
  }

  /** As a field's description ends: {@code  weights_by tier [gold, basic]}. */
  String describe() {
    return " " + KEY + " " + field + " " + keys;
  }

  Map<String, Object> manifest() {
    Map<String, Object> weights = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      weights.put(keys.get(i), rows.get(i));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("weights", weights);
    return m;
  }

  /** {@code new WeightsBy(...)} for a field of {@code valueCount} values. */
  CodeBlock newInstance(int valueCount) {
    Field target = target();
    StringKind choices = choices(target);
    CodeBlock.Builder rowOf = CodeBlock.builder().add("new int[] {");
    for (String value : choices.values()) {
      rowOf.add("$L, ", keys.indexOf(value));
    }
    rowOf.add("$T.OWN}", WeightsBy.class); // null
    CodeBlock.Builder cuts = CodeBlock.builder().add("new double[][] {");
    for (int i = 0; i < rows.size(); i++) {
      cuts.add(i == 0 ? "$L" : ", $L", Kinds.doubles(Kinds.cuts(rows.get(i), valueCount)));
    }
    return CodeBlock.of(
        "new $T($L, $L, $L, 0x$LL, $L, $L, $L)",
        WeightsBy.class,
        FieldCode.of(target, index).saltLiteral(),
        Kinds.strings(choices.values()),
        Kinds.doubles(choices.cuts()),
        Long.toHexString(Nulls.salt(target)),
        Kinds.literal(target.nulls().map(Nulls::ratio).orElse(0.0)),
        rowOf.build(),
        cuts.add("}").build());
  }

  /** Literals {@link #newInstance} writes. */
  int literalCount(int valueCount) {
    int m = choices(target()).values().size();
    return 2 * m - 1 + (m + 1) + rows.size() * (valueCount - 1) + 2;
  }

  /**
   * Spark column: the pick among the field's values with the row of cuts the referenced field's
   * value selects (its own pick, repeated), else the field's own cuts. {@code f}'s generator is a
   * {@code StringField} or {@code EnumField} (both have {@code values()}, {@code cuts()} and {@code
   * weightsBy()}).
   */
  CodeBlock column(FieldCode f) {
    Field target = target();
    FieldCode targetCode = FieldCode.of(target, index);
    CodeBlock weightsBy = CodeBlock.of("$L.weightsBy()", f.generator());
    CodeBlock value = CodeBlock.of(
        "$T.pick($L, $L.referencedCuts(), $L.referencedValues())", Kinds.RNG_COLUMNS, targetCode.hashColumn(0), weightsBy, weightsBy);
    if (target.nulls().isPresent()) {
      value = target.nulls().get().column(targetCode, value);
    }
    CodeBlock c = null;
    for (int i = 0; i < keys.size(); i++) {
      CodeBlock pick = CodeBlock.of("$T.pick($L, $L.cuts($L), $L.values())", Kinds.RNG_COLUMNS, f.hashColumn(0), weightsBy, i, f.generator());
      c = c == null
          ? CodeBlock.of("$T.when($L.equalTo($L), $L)", Kinds.SPARK_FUNCTIONS, value, Kinds.string(keys.get(i)), pick)
          : CodeBlock.of("$L.when($L.equalTo($L), $L)", c, value, Kinds.string(keys.get(i)), pick);
    }
    return CodeBlock.of("$L.otherwise($T.pick($L, $L.cuts(), $L.values()))", c, Kinds.RNG_COLUMNS, f.hashColumn(0), f.generator(), f.generator());
  }
}
