package dev.streamgen.compiler.model;

import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
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

  /** How deep fields may nest (an event's field is level 1): far below what the formats and javac take. */
  public static final int MAX_DEPTH = 8;

  private final Problems problems;
  private final String element;
  private final Nesting nesting;

  public FieldScope(Problems problems, String element) {
    this(problems, element, null);
  }

  /** A field's scope that can parse the fields nested in it (a struct's, an array's items). */
  public FieldScope(Problems problems, String element, Nesting nesting) {
    this.problems = problems;
    this.element = element;
    this.nesting = nesting;
  }

  /**
   * Parses one field definition with every rule an event's field follows (SpecValidator's), so a
   * nested field takes every key a field takes: null after reporting its problems.
   */
  public interface FieldParser {
    /**
     * @param definition the definition's entry (its key locates the field)
     * @param name the field's name: the entry's, or an array's own for its items
     * @param element the field as messages name it
     */
    Field parse(MapNode.Entry definition, String name, String element, Nesting nesting);

    /** Checks that sibling fields' identifiers stay distinct and usable in code; false after reporting. */
    boolean identifiers(String element, List<Field> fields);
  }

  /**
   * Where a field is nested: its name, path and code path ({@link Field#path}, {@link
   * Field#codePath}), its level (1 for an event's field), whether it is inside an array's items or a
   * map's entries (which have no row of their own), and
   * the parser of the fields nested in it.
   */
  public record Nesting(String name, String path, String codePath, int depth, boolean inArray, FieldParser parser) {
    /** An event's (or common) field. */
    public static Nesting top(String name, FieldParser parser) {
      return new Nesting(name, name, Identifiers.identifier(name), 1, false, parser);
    }
  }

  /** Where this field is nested; null where no nesting is possible. */
  public Nesting nesting() {
    return nesting;
  }

  /**
   * A struct's {@code fields}: a non-empty mapping of field definitions, each parsed as an event's
   * field is, with distinct identifiers; null after reporting problems.
   */
  public List<Field> nestedFields(Node node, String typeName) {
    if (!(node instanceof MapNode map)) {
      error(node, "fields of a " + typeName + " must be a mapping of field names to definitions, got " + shape(node));
      return null;
    }
    if (map.entries().isEmpty()) {
      error(node, "fields of a " + typeName + " must hold at least one field");
      return null;
    }
    if (!deepEnough(node)) {
      return null;
    }
    List<Field> fields = new ArrayList<>();
    boolean ok = true;
    for (MapNode.Entry e : map.entries()) {
      Nesting child = new Nesting(
          e.name(),
          nesting.path() + "." + e.name(),
          nesting.codePath() + "$" + Identifiers.identifier(e.name()),
          nesting.depth() + 1,
          nesting.inArray(),
          nesting.parser());
      Field f = nesting.parser().parse(e, e.name(), nestedElement("." + e.name()), child);
      if (f == null) {
        ok = false;
      } else {
        fields.add(f);
      }
    }
    return ok && nesting.parser().identifiers(element, fields) ? fields : null;
  }

  /**
   * An array's {@code items}: one field definition, parsed as an event's field is, named like the
   * array (its JSON, Avro and Protobuf names are the array's); null after reporting problems.
   */
  public Field nestedItem(MapNode.Entry items) {
    if (!deepEnough(items.value())) {
      return null;
    }
    Nesting child = new Nesting(
        nesting.name(), nesting.path() + "[]", nesting.codePath() + "$items", nesting.depth() + 1, true, nesting.parser());
    return nesting.parser().parse(items, nesting.name(), nestedElement("[]"), child);
  }

  /**
   * A map's {@code keys} or {@code values} ({@code part}): one field definition, parsed as an event's
   * field is, named like the map, at the path {@code <map>{<part>}} (its salt); inside the map's
   * entries as an array's items are inside the array. Null after reporting problems.
   */
  public Field nestedMapPart(MapNode.Entry definition, String part) {
    if (!deepEnough(definition.value())) {
      return null;
    }
    String suffix = "{" + part + "}";
    Nesting child = new Nesting(
        nesting.name(), nesting.path() + suffix, nesting.codePath() + "$" + part, nesting.depth() + 1, true, nesting.parser());
    return nesting.parser().parse(definition, nesting.name(), nestedElement(suffix), child);
  }

  private boolean deepEnough(Node at) {
    if (nesting.depth() >= MAX_DEPTH) {
      error(at, "fields nest more than " + MAX_DEPTH + " levels deep; at most " + MAX_DEPTH + " are supported");
      return false;
    }
    return true;
  }

  /** {@code event 'x' field 'address'} with a suffix on the field's path: {@code ... field 'address.city'}. */
  private String nestedElement(String suffix) {
    return element.endsWith("'") ? element.substring(0, element.length() - 1) + suffix + "'" : element + suffix;

  }

  /** The name of the field being defined, as written in the YAML (an array's items: the array's). */
  public String fieldName() {
    if (nesting == null) {
      throw new IllegalStateException(element + " is not a field");
    }
    return nesting.name();
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
   * A {@code key: [min, max]} count (a length, a size): whole numbers, 0 <= min <= max <= {@code
   * limit}; null after reporting why not.
   */
  public int[] lengthRange(MapNode definition, String key, String typeName, int limit) {
    Range range = range(definition, key, typeName);
    if (range == null) {
      return null;
    }
    if (!isWhole(range.min()) || !isWhole(range.max()) || !within(range.min(), 0, limit) || !within(range.max(), 0, limit)) {
      error(range.node(), key + " " + range.text() + " must hold whole numbers from 0 to " + limit);
      return null;
    }
    int min = range.min().number().intValue();
    int max = range.max().number().intValue();
    if (min > max) {
      error(range.node(), key + " " + range.text() + " is empty (min > max)");
      return null;
    }
    return new int[] {min, max};
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

  /**
   * The {@code range} of a whole-number kind of {@code bits} bits (32: int, 64: long): both ends
   * within the type, not empty; or null after reporting why not.
   */
  public WholeRange wholeRange(MapNode definition, String typeName, int bits) {
    WholeRange range = wholeRange(definition, typeName);
    if (range == null) {
      return null;
    }
    boolean minFits = range.min().bitLength() < bits;
    if (!minFits || range.max().bitLength() >= bits) {
      BigInteger lowest = BigInteger.ONE.shiftLeft(bits - 1).negate();
      error(
          minFits ? range.written().max() : range.written().min(),
          "range " + range.written().text() + " does not fit a " + bits + "-bit " + typeName + " [" + lowest + ", "
              + lowest.negate().subtract(BigInteger.ONE) + "]; use a narrower range");
      return null;
    }
    return nonEmpty(range) ? range : null;
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
