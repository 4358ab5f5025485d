package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.validate.DidYouMean;
import dev.streamgen.runtime.kinds.Distribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code distribution:} of a numeric field: how its values spread over its range when not uniformly.
 * Parsed and checked here; drawn by the runtime's {@link Distribution}, whose formulas {@link
 * #column} repeats as Spark SQL (same operations in the same order, so the same bits).
 *
 * <p>Spellings: {@code uniform} (the default), {@code normal} (mean and stddev default to the
 * range's middle and a sixth of its width), {@code zipf} (exponent 1), or a mapping with {@code
 * type} and parameters: {@code {type: normal, mean: 50, stddev: 10}}, {@code {type: lognormal, mu: 3,
 * sigma: 0.5}}, {@code {type: exponential, mean: 20}}, {@code {type: zipf, exponent: 1.2}}, {@code
 * {type: buckets, buckets: [{range: [0, 10], weight: 0.9}, {range: [10, 1000], weight: 0.1}]}}.
 *
 * @param type the distribution's YAML name
 * @param parameters its parameters by name, in the order the runtime takes them
 * @param buckets the buckets' low, high and weight (buckets only)
 */
public record DistributionSpec(String type, Map<String, Double> parameters, List<Bucket> buckets) {
  public static final String KEY = "distribution";
  private static final List<String> TYPES = List.of("uniform", "normal", "lognormal", "exponential", "zipf", "buckets");

  /** One bucket: values uniform in [low, high) (whole numbers: [low, high]), picked with {@code weight}. */
  public record Bucket(double low, double high, double weight) {}

  public DistributionSpec {
    // In the order given (Map.copyOf's order changes from run to run; generated code must not).
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    buckets = List.copyOf(buckets);
  }

  /**
   * The field's distribution over [min, max]: empty for uniform (absent or {@code uniform}), null
   * after reporting a problem. {@code integral}: a whole-number field (zipf applies; buckets hold
   * whole numbers).
   */
  @SuppressWarnings("OptionalAssignedToNull") // null is "reported", as every parser here returns
  static Optional<DistributionSpec> parse(MapNode definition, FieldScope scope, double min, double max, boolean integral) {
    return parse(definition, scope, min, max, integral, null);
  }

  /**
   * As {@link #parse(MapNode, FieldScope, double, double, boolean)}, over a range the user did not
   * write: {@code rangeName} names it in messages ({@code the member indexes of pool 'users'});
   * null for the field's own range.
   */
  @SuppressWarnings("OptionalAssignedToNull")
  static Optional<DistributionSpec> parse(MapNode definition, FieldScope scope, double min, double max, boolean integral, String rangeName) {
    Node node = definition.get(KEY).orElse(null);
    if (node == null) {
      return Optional.empty();
    }
    MapNode map = null;
    Node typeNode = node;
    if (node instanceof MapNode m) {
      map = m;
      typeNode = scope.require(m, "type", "one of " + String.join(", ", TYPES));
      if (typeNode == null) {
        return null;
      }
    }
    if (!(typeNode instanceof ScalarNode t) || t.isNull() || !TYPES.contains(t.text())) {
      scope.error(
          typeNode,
          "distribution must be one of " + String.join(", ", TYPES) + " or a mapping with type and parameters, got "
              + FieldScope.shape(typeNode)
              + (typeNode instanceof ScalarNode s ? DidYouMean.suggest(s.text(), TYPES).map(x -> "; did you mean '" + x + "'?").orElse("") : ""));
      return null;
    }
    String type = t.text();
    List<String> keys = switch (type) {
      case "normal" -> List.of("type", "mean", "stddev");
      case "lognormal" -> List.of("type", "mu", "sigma");
      case "exponential" -> List.of("type", "mean");
      case "zipf" -> List.of("type", "exponent");
      case "buckets" -> List.of("type", "buckets");
      default -> List.of("type");
    };
    if (map != null) {
      for (MapNode.Entry e : map.entries()) {
        if (!keys.contains(e.name())) {
          scope.error(e.key(), "distribution " + type + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), keys));
          return null;
        }
      }
    }
    if (type.equals("zipf") && !integral) {
      scope.error(typeNode, "distribution zipf picks whole numbers; use it on an int field");
      return null;
    }
    MapNode params = map == null ? new MapNode(List.of(), node.location()) : map;
    Map<String, Double> values = new LinkedHashMap<>();
    boolean ok = switch (type) {
      case "uniform" -> true;
      case "normal" -> number(params, "mean", (min + max) / 2, false, scope, values)
          && number(params, "stddev", (max - min) / 6, true, scope, values);
      case "lognormal" -> number(params, "mu", null, false, scope, values) && number(params, "sigma", null, true, scope, values);
      case "exponential" -> number(params, "mean", null, true, scope, values);
      case "zipf" -> number(params, "exponent", 1.0, true, scope, values);
      default -> true;
    };
    if (!ok) {
      return null;
    }
    if (type.equals("uniform")) {
      return Optional.empty();
    }
    if (type.equals("normal") && !(values.get("stddev") > 0)) {
      scope.error(node, "distribution normal: " + (rangeName == null ? "the range is a single value" : rangeName + " [" + FieldScope.format(min)
          + ", " + FieldScope.format(max) + "] hold a single value") + "; a normal distribution needs a stddev > 0");
      return null;
    }
    if (type.equals("zipf")) {
      values.put("count", max - min + 1);
    }
    List<Bucket> buckets = List.of();
    if (type.equals("buckets")) {
      buckets = buckets(params, scope, min, max, integral, rangeName == null ? "the field's range" : rangeName);
      if (buckets == null) {
        return null;
      }
    }
    return Optional.of(new DistributionSpec(type, values, buckets));
  }

  /** A finite number under {@code key} (positive when asked), or its default; false after reporting. */
  private static boolean number(MapNode params, String key, Double defaultValue, boolean positive, FieldScope scope, Map<String, Double> into) {
    Node node = params.get(key).orElse(null);
    if (node == null) {
      if (defaultValue == null) {
        scope.error(params, "distribution needs " + key + " (a number)");
        return false;
      }
      into.put(key, defaultValue);
      return true;
    }
    if (!(node instanceof ScalarNode s && s.isNumber() && Double.isFinite(s.number().doubleValue()))) {
      scope.error(node, "distribution " + key + " must be a finite number, got " + FieldScope.shape(node));
      return false;
    }
    double v = s.number().doubleValue();
    if (positive && !(v > 0)) {
      scope.error(node, "distribution " + key + " " + s.text() + " must be greater than 0");
      return false;
    }
    into.put(key, v);
    return true;
  }

  private static List<Bucket> buckets(MapNode params, FieldScope scope, double min, double max, boolean integral, String rangeName) {
    Node node = scope.require(params, "buckets", "a list of {range: [low, high], weight: w}");
    if (node == null) {
      return null;
    }
    if (!(node instanceof ListNode list) || list.items().isEmpty()) {
      scope.error(node, "buckets must be a non-empty list of {range: [low, high], weight: w}, got " + FieldScope.shape(node));
      return null;
    }
    List<double[]> ranges = new ArrayList<>();
    List<ScalarNode> weights = new ArrayList<>();
    for (Node item : list.items()) {
      if (!(item instanceof MapNode bucket)) {
        scope.error(item, "a bucket must be a mapping {range: [low, high], weight: w}, got " + FieldScope.shape(item));
        return null;
      }
      for (MapNode.Entry e : bucket.entries()) {
        if (!List.of("range", "weight").contains(e.name())) {
          scope.error(e.key(), "bucket: unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), List.of("range", "weight")));
          return null;
        }
      }
      FieldScope.Range range = scope.range(bucket, "bucket");
      Node weight = scope.require(bucket, "weight", "the bucket's share of values");
      if (range == null || weight == null) {
        return null;
      }
      double low = range.min().number().doubleValue();
      double high = range.max().number().doubleValue();
      if (!(low <= high) || low < min || high > max) {
        scope.error(range.node(), "bucket range " + range.text() + " must be non-empty and inside " + rangeName + " ["
            + FieldScope.format(min) + ", " + FieldScope.format(max) + "]");
        return null;
      }
      if (integral && (low != Math.floor(low) || high != Math.floor(high))) {
        scope.error(range.node(), "bucket range " + range.text() + " must hold whole numbers on an int field");
        return null;
      }
      if (!(weight instanceof ScalarNode w && w.isNumber())) {
        scope.error(weight, "weight must be a number, got " + FieldScope.shape(weight));
        return null;
      }
      ranges.add(new double[] {low, high});
      weights.add(w);
    }
    double[] checked = scope.weights(weights, node, "bucket weights");
    if (checked == null) {
      return null;
    }
    List<Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < checked.length; i++) {
      // A whole-number bucket [low, high] is the half-open [low - 0.5, high + 0.5) rounded half up.
      double shift = integral ? 0.5 : 0;
      buckets.add(new Bucket(ranges.get(i)[0] - shift, ranges.get(i)[1] + shift, checked[i]));
    }
    return buckets;
  }

  /** For the field's description: {@code , normal(mean 50, stddev 10)}. */
  public String describe() {
    if (type.equals("buckets")) {
      List<String> parts = new ArrayList<>();
      for (Bucket b : buckets) {
        parts.add("[" + FieldScope.format(b.low) + ", " + FieldScope.format(b.high) + ") " + FieldScope.format(b.weight));
      }
      return ", buckets(" + String.join(", ", parts) + ")";
    }
    List<String> parts = new ArrayList<>();
    parameters.forEach((k, v) -> {
      if (!k.equals("count")) {
        parts.add(k + " " + FieldScope.format(v));
      }
    });
    return ", " + type + "(" + String.join(", ", parts) + ")";
  }

  /** A numeric kind's manifest parameters: its range, then its distribution when it has one. */
  static Map<String, Object> manifestParameters(Object range, DistributionSpec distribution) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("range", range);
    if (distribution != null) {
      parameters.put(KEY, distribution.manifest());
    }
    return parameters;
  }

  /** For the manifest: the type and its parameters. */
  public Map<String, Object> manifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    parameters.forEach((k, v) -> {
      if (!k.equals("count")) {
        m.put(k, v);
      }
    });
    if (!buckets.isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (Bucket b : buckets) {
        Map<String, Object> bucket = new LinkedHashMap<>();
        bucket.put("low", b.low);
        bucket.put("high", b.high);
        bucket.put("weight", b.weight);
        list.add(bucket);
      }
      m.put("buckets", list);
    }
    return m;
  }

  private double p(String name) {
    return parameters.get(name);
  }

  /** Expression: the runtime's {@link Distribution} of this spec. */
  public CodeBlock newInstance() {
    return switch (type) {
      case "normal" -> CodeBlock.of("$T.normal($L, $L)", Distribution.class, Kinds.literal(p("mean")), Kinds.literal(p("stddev")));
      case "lognormal" -> CodeBlock.of("$T.lognormal($L, $L)", Distribution.class, Kinds.literal(p("mu")), Kinds.literal(p("sigma")));
      case "exponential" -> CodeBlock.of("$T.exponential($L)", Distribution.class, Kinds.literal(p("mean")));
      case "zipf" -> CodeBlock.of("$T.zipf($L, $L)", Distribution.class, Kinds.literal(p("exponent")), Kinds.literal(p("count")));
      default -> CodeBlock.of(
          "$T.buckets($L, $L, $L)",
          Distribution.class,
          Kinds.doubles(cuts()),
          Kinds.doubles(buckets.stream().mapToDouble(Bucket::low).toArray()),
          Kinds.doubles(buckets.stream().mapToDouble(Bucket::high).toArray()));
    };
  }

  private double[] cuts() {
    return Kinds.cuts(buckets.stream().map(Bucket::weight).toList(), buckets.size());
  }

  /** Literals {@link #newInstance} writes. */
  public int literalCount() {
    return 2 + 3 * buckets.size();
  }

  /**
   * Spark column: the sample {@link Distribution#sample} draws for a field whose range starts at
   * {@code min}, on the field's hashes ({@code f.hashColumn}).
   */
  public CodeBlock column(FieldCode f, double min) {
    CodeBlock p = openUnit(f.hashColumn(0));
    return switch (type) {
      case "normal" -> CodeBlock.of("$L.plus($L.multiply($L))", lit(p("mean")), lit(p("stddev")), standardNormal(p));
      case "lognormal" -> CodeBlock.of(
          "$T.exp($L.plus($L.multiply($L)))", Kinds.SPARK_FUNCTIONS, lit(p("mu")), lit(p("sigma")), standardNormal(p));
      case "exponential" -> CodeBlock.of("$L.minus($L.multiply($T.log($L)))", lit(min), lit(p("mean")), Kinds.SPARK_FUNCTIONS, p);
      case "zipf" -> CodeBlock.of("$L.plus($L).minus(1)", lit(min), zipfRank(p));
      default -> bucketsColumn(f);
    };
  }

  /** Spark column of a whole-number field's value (a LONG): the sample rounded half up, clipped. */
  public CodeBlock roundedColumn(FieldCode f, long min, long max) {
    return CodeBlock.of(
        "$T.greatest($T.lit($LL), $T.least($T.lit($LL), $T.floor($L.plus(0.5))))",
        Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, min, Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, max,
        Kinds.SPARK_FUNCTIONS, column(f, min));
  }

  /** Spark column of a floating-point field's value: the sample clipped to [min, max]. */
  public CodeBlock clippedColumn(FieldCode f, double min, double max) {
    return CodeBlock.of(
        "$T.greatest($T.lit($L), $T.least($T.lit($L), $L))",
        Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, Kinds.literal(min), Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS,
        Kinds.literal(max), column(f, min));
  }

  private static CodeBlock lit(double v) {
    return CodeBlock.of("$T.lit($L)", Kinds.SPARK_FUNCTIONS, Kinds.literal(v));
  }

  /** {@code Rng.openUnit}: {@code (shiftrightunsigned(h, 12) * 2 + 1) * 2^-53}. */
  private static CodeBlock openUnit(CodeBlock hash) {
    return CodeBlock.of(
        "$T.shiftrightunsigned($L, 12).multiply(2).plus(1).multiply($T.lit(0x1.0p-53))", Kinds.SPARK_FUNCTIONS, hash, Kinds.SPARK_FUNCTIONS);
  }

  /** {@code Distribution.standardNormal(p)}: Acklam's three pieces as {@code when} branches. */
  private static CodeBlock standardNormal(CodeBlock p) {
    CodeBlock q = CodeBlock.of("$L.minus(0.5)", p);
    CodeBlock r = CodeBlock.of("$L.multiply($L)", q, q);
    CodeBlock center = CodeBlock.of("$L.multiply($L).divide($L)", poly(Distribution.A, r, false), q, poly(Distribution.B, r, true));
    CodeBlock low = tail(CodeBlock.of("$T.sqrt($T.log($L).multiply(-2.0))", Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, p));
    CodeBlock high = tail(CodeBlock.of(
        "$T.sqrt($T.log($T.lit(1.0).minus($L)).multiply(-2.0))", Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, p));
    return CodeBlock.of(
        "$T.when($L.lt($L), $L).when($L.leq($L), $L).otherwise($L.unary_$$minus())",
        Kinds.SPARK_FUNCTIONS,
        p,
        Kinds.literal(Distribution.TAIL),
        low,
        p,
        Kinds.literal(1 - Distribution.TAIL),
        center,
        high);
  }

  private static CodeBlock tail(CodeBlock q) {
    return CodeBlock.of("$L.divide($L)", poly(Distribution.C, q, false), poly(Distribution.D, q, true));
  }

  /** Horner's scheme {@code ((c0 * x + c1) * x + ...)}, with a final {@code * x + 1} when asked. */
  private static CodeBlock poly(double[] c, CodeBlock x, boolean plusOne) {
    CodeBlock acc = lit(c[0]);
    for (int i = 1; i < c.length; i++) {
      acc = CodeBlock.of("$L.multiply($L).plus($L)", acc, x, Kinds.literal(c[i]));
    }
    return plusOne ? CodeBlock.of("$L.multiply($L).plus(1.0)", acc, x) : acc;
  }

  /** {@code Distribution.zipfRank}: {@code least(floor(F⁻¹(p)), count)}. */
  private CodeBlock zipfRank(CodeBlock p) {
    double exponent = p("exponent");
    double count = p("count");
    CodeBlock scale = lit(Distribution.zipfScale(exponent, count));
    CodeBlock x = exponent == 1
        ? CodeBlock.of("$T.exp($L.multiply($L))", Kinds.SPARK_FUNCTIONS, p, scale)
        : CodeBlock.of("$T.pow($L.multiply($L).plus(1.0), $L)", Kinds.SPARK_FUNCTIONS, p, scale, lit(1 / (1 - exponent)));
    return CodeBlock.of("$T.least($T.floor($L).cast($S), $L)", Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, x, "double", lit(count));
  }

  private CodeBlock bucketsColumn(FieldCode f) {
    CodeBlock unit = CodeBlock.of("$T.unit($L)", Kinds.RNG_COLUMNS, f.hashColumn(0));
    double[] cuts = cuts();
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = 0; i < buckets.size(); i++) {
      Bucket bucket = buckets.get(i);
      CodeBlock value = CodeBlock.of("$T.between($L, $L, $L)", Kinds.RNG_COLUMNS, f.hashColumn(1), Kinds.literal(bucket.low), Kinds.literal(bucket.high));
      if (i == buckets.size() - 1) {
        b.add(i == 0 ? "$L" : ".otherwise($L)", value);
      } else {
        b.add(i == 0 ? "$T.when($L.lt($L), $L)" : ".when($L.lt($L), $L)", i == 0 ? new Object[] {Kinds.SPARK_FUNCTIONS, unit, Kinds.literal(cuts[i]), value}
            : new Object[] {unit, Kinds.literal(cuts[i]), value});
      }
    }
    return b.build();
  }
}
