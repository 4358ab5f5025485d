package dev.streamgen.compiler.model;

import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a field definition is being parsed ({@code event 'user.purchase' field 'amount'}), so a kind's
 * parser reports problems with the element named, plus the parsing steps several kinds share.
 */
public final class FieldScope {
  /**
   * Weights must sum to 1 within this absolute tolerance (relative to 1): loose enough for decimal
   * fractions like 0.1 + 0.2 + 0.7, tight enough to catch a forgotten type.
   */
  public static final double WEIGHT_TOLERANCE = 1e-6;

  private final Problems problems;
  private final String element;
  private final String fieldName;

  public FieldScope(Problems problems, String element) {
    this(problems, element, null);
  }

  /** The scope of field {@code fieldName}'s definition (a kind whose values depend on the name reads it). */
  public FieldScope(Problems problems, String element, String fieldName) {
    this.problems = problems;
    this.element = element;
    this.fieldName = fieldName;
  }

  /** The name of the field being defined, as written in the YAML. */
  public String fieldName() {
    if (fieldName == null) {
      throw new IllegalStateException(element + " is not a field");
    }
    return fieldName;
  }

  /** The element as messages name it, e.g. {@code event 'user.purchase' field 'amount'}. */
  public String element() {
    return element;
  }

  public void error(Node at, String message) {
    problems.add(at, element + ": " + message);
  }

  /** The value of a required key, or null after reporting it missing at the definition. */
  public Node require(MapNode definition, String key, String hint) {
    Node value = definition.get(key).orElse(null);
    if (value == null) {
      error(definition, "missing key '" + key + "' (" + hint + ")");
    }
    return value;
  }

  /** A {@code [min, max]} list of two numbers, or null after reporting why not. */
  public Range range(MapNode definition, String typeName) {
    return range(definition, "range", typeName);
  }

  /** A {@code key: [min, max]} list of two numbers, or null after reporting why not. */
  public Range range(MapNode definition, String key, String typeName) {
    Node node = require(definition, key, "type " + typeName + " needs " + key + ": [min, max]");
    if (node == null) {
      return null;
    }
    if (!(node instanceof ListNode list)
        || list.items().size() != 2
        || !list.items().stream().allMatch(n -> n instanceof ScalarNode s && s.isNumber())) {
      error(node, key + " must be a list of two numbers [min, max], got " + shape(node));
      return null;
    }
    return new Range((ScalarNode) list.items().get(0), (ScalarNode) list.items().get(1), list);
  }

  /**
   * The probability under an optional key, a number in [0, 1]: {@code defaultValue} when the key is
   * absent, null after reporting a problem.
   */
  public Double ratio(MapNode definition, String key, double defaultValue) {
    Node node = definition.get(key).orElse(null);
    if (node == null) {
      return defaultValue;
    }
    if (!(node instanceof ScalarNode s && s.isNumber())) {
      error(node, key + " must be a number in [0, 1], got " + shape(node));
      return null;
    }
    double v = s.number().doubleValue();
    if (!(v >= 0 && v <= 1)) {
      error(node, key + " " + s.text() + " is not in [0, 1]");
      return null;
    }
    return v;
  }

  /**
   * An optional whole number within 64 bits: {@code defaultValue} when the key is absent, null after
   * reporting a problem.
   */
  public Long wholeNumber(MapNode definition, String key, long defaultValue) {
    Node node = definition.get(key).orElse(null);
    if (node == null) {
      return defaultValue;
    }
    if (!(node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.INT)) {
      error(node, key + " must be a whole number, got " + shape(node));
      return null;
    }
    if (!(s.number() instanceof Long value)) {
      error(node, key + " " + s.text() + " does not fit 64 bits [-9223372036854775808, 9223372036854775807]");
      return null;
    }
    return value;
  }

  /**
   * An optional quoted or plain string of at most {@link Kinds#MAX_TEXT_CHARS} characters: {@code
   * defaultValue} when absent, null after reporting a problem. Numbers and booleans are refused rather
   * than turned into text, since YAML may already have changed them ({@code 007} is 7).
   */
  public String text(MapNode definition, String key, String defaultValue) {
    Node node = definition.get(key).orElse(null);
    if (node == null) {
      return defaultValue;
    }
    if (!(node instanceof ScalarNode s && s.kind() == ScalarNode.Kind.STRING)) {
      error(node, key + " must be a string, got " + shape(node));
      return null;
    }
    if (s.text().length() > Kinds.MAX_TEXT_CHARS) {
      error(node, key + " has " + s.text().length() + " characters; at most " + Kinds.MAX_TEXT_CHARS + " are supported");
      return null;
    }
    return s.text();
  }

  /**
   * The {@code range} of an integer kind as two whole numbers, in any size (the kind checks its own
   * bounds, then {@link #nonEmpty}), or null after reporting why not.
   */
  public WholeRange wholeRange(MapNode definition, String typeName) {
    Range range = range(definition, typeName);
    if (range == null) {
      return null;
    }
    if (!isWhole(range.min()) || !isWhole(range.max())) {
      error(range.node(), "range " + range.text() + " must hold whole numbers for type " + typeName);
      return null;
    }
    return new WholeRange(
        range, new BigInteger(range.min().number().toString()), new BigInteger(range.max().number().toString()));
  }

  /** Whether min <= max; if not, reports the range empty. */
  public boolean nonEmpty(WholeRange range) {
    if (range.min().compareTo(range.max()) > 0) {
      reportEmpty(range.written());
      return false;
    }
    return true;
  }

  private void reportEmpty(Range range) {
    error(range.node(), "range " + range.text() + " is empty (min > max)");
  }

  /**
   * The {@code range} of a floating-point kind as {min, max}: finite, not empty, with a finite
   * width; or null after reporting why not.
   */
  public double[] finiteRange(MapNode definition, String typeName) {
    Range range = range(definition, typeName);
    if (range == null) {
      return null;
    }
    double min = range.min().number().doubleValue();
    double max = range.max().number().doubleValue();
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      error(range.node(), "range " + range.text() + " must hold finite numbers");
      return null;
    }
    if (min > max) {
      reportEmpty(range);
      return null;
    }
    if (!Double.isFinite(max - min)) {
      error(range.node(), "range " + range.text() + " is too wide: max - min overflows a double");
      return null;
    }
    return new double[] {min, max};
  }

  /** Whether a number node holds a whole number (YAML resolved it to a Long or BigInteger). */
  public static boolean isWhole(ScalarNode number) {
    return number.number() instanceof Long || number.number() instanceof BigInteger;
  }

  /**
   * The whole number {@code key} holds, in [min, max]: the given node, or {@code fallback} when the
   * key is absent and fallback is not null; null after reporting a problem.
   */
  public Integer wholeNumber(MapNode definition, String key, int min, int max, Integer fallback, String typeName) {
    Node node =
        fallback == null
            ? require(definition, key, "type " + typeName + " needs " + key + ": a whole number from " + min + " to " + max)
            : definition.get(key).orElse(null);
    if (node == null) {
      return fallback;
    }
    if (!(node instanceof ScalarNode s && s.isNumber() && isWhole(s) && within(s, min, max))) {
      error(node, key + " must be a whole number from " + min + " to " + max + ", got " + shape(node));
      return null;
    }
    return s.number().intValue();
  }

  /** Whether a whole-number node holds a value in [min, max]. */
  public static boolean within(ScalarNode whole, long min, long max) {
    BigInteger v = new BigInteger(whole.number().toString());
    return v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0;
  }

  /** A list of numbers as given; null after reporting a problem. */
  public List<ScalarNode> numbers(Node node, String key) {
    if (!(node instanceof ListNode list)) {
      error(node, key + " must be a list of numbers, got " + shape(node));
      return null;
    }
    for (Node item : list.items()) {
      if (!(item instanceof ScalarNode s && s.isNumber())) {
        error(item, key + " must hold numbers, got " + shape(item));
        return null;
      }
    }
    return list.items().stream().map(n -> (ScalarNode) n).toList();
  }

  /**
   * Checks weights given as YAML numbers: each finite and not negative, summing to 1 within {@link
   * #WEIGHT_TOLERANCE}. Reports problems at {@code at}; returns the values or null.
   */
  public double[] weights(List<ScalarNode> weights, Node at, String what) {
    double[] values = new double[weights.size()];
    boolean ok = true;
    for (int i = 0; i < values.length; i++) {
      ScalarNode w = weights.get(i);
      double v = w.number().doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        error(w, "weight '" + w.text() + "' is not a finite number");
        ok = false;
      } else if (v < 0) {
        error(w, "weight " + w.text() + " is negative; weights are 0 or more");
        ok = false;
      }
      values[i] = v;
    }
    if (!ok) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    if (Math.abs(sum - 1.0) > WEIGHT_TOLERANCE) {
      error(
          at,
          what
              + " sum to "
              + format(sum)
              + ", not 1 (tolerance 1e-6): "
              + weights.stream().map(ScalarNode::text).collect(Collectors.joining(" + ")));
      return null;
    }
    return values;
  }

  /** A number for messages: at most 10 significant digits, no trailing zeros, no exponent. */
  public static String format(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return BigDecimal.valueOf(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
  }

  /** How a message shows a node that has the wrong shape: a scalar as written, else its kind. */
  public static String shape(Node node) {
    if (node instanceof ScalarNode s) {
      return s.isNull() ? "nothing" : s.kindName() + " '" + s.text() + "'";
    }
    if (node instanceof ListNode l) {
      return "a list of " + l.items().size();
    }
    return node.kindName();
  }

  /** A range of whole numbers: as written (for messages) and its values. */
  public record WholeRange(Range written, BigInteger min, BigInteger max) {}

  /** Two numbers as written, and the list node for messages. */
  public record Range(ScalarNode min, ScalarNode max, ListNode node) {
    /** As written: {@code [10, 1]}. */
    public String text() {
      return "[" + min.text() + ", " + max.text() + "]";
    }
  }
}
