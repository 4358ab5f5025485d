package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import dev.streamgen.runtime.api.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expressions and schemas several kinds emit the same way. Each kind still spells out its own
 * choices (generator class, constants, schema values) in its class; only the shape lives here.
 */
final class Kinds {
  /*
   * Spark types by name: the compiler never loads Spark (it is not on the compiler's classpath), it
   * only names these in generated code.
   */
  static final ClassName RNG_COLUMNS = ClassName.get("dev.streamgen.runtime.columns", "RngColumns");
  static final ClassName SPARK_FUNCTIONS = ClassName.get("org.apache.spark.sql", "functions");
  static final ClassName SPARK_COLUMN = ClassName.get("org.apache.spark.sql", "Column");

  /**
   * Longest text a kind takes as one parameter (a sequence prefix, a template): generated code holds
   * it as a constant, so it stays far below the class file's 64 KB per constant.
   */
  static final int MAX_TEXT_CHARS = 1000;

  private Kinds() {}

  /** A Java double literal that reads back as exactly this double (Double.toString round-trips). */
  static String literal(double v) {
    return Double.toString(v);
  }

  /** {@code new <Generator>("name", index, <salt>, args...)}: a salted generator. */
  static CodeBlock newSalted(FieldCode f, Class<?> generator, CodeBlock... args) {
    return salted(f, CodeBlock.of("new $T", generator), args);
  }

  /** {@code <constructor or factory>("name", index, <salt>, args...)}: a salted generator. */
  static CodeBlock salted(FieldCode f, CodeBlock callee, CodeBlock... args) {
    return withArguments(
        CodeBlock.builder().add("$L($L, $L, $L", callee, JavaLiterals.string(f.name()), f.index(), f.saltLiteral()),
        args);
  }

  /** {@code new <Generator>("name", index, args...)}: a generator drawing nothing of its own. */
  static CodeBlock newUnsalted(FieldCode f, Class<?> generator, CodeBlock... args) {
    return withArguments(
        CodeBlock.builder().add("new $T($L, $L", generator, JavaLiterals.string(f.name()), f.index()), args);
  }

  /** Closes a constructor call after appending {@code , arg} for each argument. */
  private static CodeBlock withArguments(CodeBlock.Builder call, CodeBlock[] args) {
    for (CodeBlock a : args) {
      call.add(", $L", a);
    }
    return call.add(")").build();
  }

  /** {@code "text"} as a Java literal. */
  static CodeBlock string(String text) {
    return CodeBlock.of("$L", JavaLiterals.string(text));
  }

  /** {@code 123L}. */
  static CodeBlock longLiteral(long v) {
    return CodeBlock.of("$LL", v);
  }

  /** JSON Schema {@code {"type": type}}. */
  static Map<String, Object> jsonType(String type) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", type);
    return schema;
  }

  /**
   * The running sums of {@code n} choices' weights normalized by their total, without the last
   * (which takes the rest): what {@link dev.streamgen.runtime.api.Rng#pick} searches. No weights:
   * equal shares.
   */
  static double[] cuts(List<Double> weights, int n) {
    double[] cuts = new double[n - 1];
    if (weights.isEmpty()) {
      for (int i = 0; i < n - 1; i++) {
        cuts[i] = (double) (i + 1) / n;
      }
      return cuts;
    }
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double running = 0;
    for (int i = 0; i < n - 1; i++) {
      running += weights.get(i);
      cuts[i] = running / total;
    }
    return cuts;
  }

  /** Spark column: {@code float}'s uniform double in [min, max) (and {@code double}'s before rounding). */
  static CodeBlock uniformDouble(FieldCode f, double min, double max) {
    return CodeBlock.of("$T.between($L, $L, $L)", RNG_COLUMNS, f.hashColumn(0), literal(min), literal(max));
  }

  /**
   * Spark column: the INT index {@code Rng.pick(hash, cuts)} returns for {@code n} equally likely
   * choices, cuts {@code (i + 1) / n} (as {@link #cuts} computes them without weights), in constant
   * size whatever n (where {@link #RNG_COLUMNS}' pick needs a {@code when} per choice). The index
   * is {@code floor(u * n)} up to the rounding of u * n and of the cuts, which moves it by at most
   * one: the estimate j is corrected against the very cuts {@code j / n} and {@code (j + 1) / n}.
   */
  static CodeBlock equalPickIndex(CodeBlock hash, int n) {
    CodeBlock u = CodeBlock.of("$T.unit($L)", RNG_COLUMNS, hash);
    CodeBlock size = CodeBlock.of("$T.lit($L)", SPARK_FUNCTIONS, literal(n));
    CodeBlock j = CodeBlock.of("$T.least($L.multiply($L).cast($S), $T.lit($LL))", SPARK_FUNCTIONS, u, size, "long", SPARK_FUNCTIONS, n - 1);
    return CodeBlock.of(
        "$T.when($L.gt(0L).and($L.lt($L.cast($S).divide($L))), $L.minus(1L))"
            + ".when($L.lt($LL).and($L.geq($L.plus(1L).cast($S).divide($L))), $L.plus(1L))"
            + ".otherwise($L).cast($S)",
        SPARK_FUNCTIONS, j, u, j, "double", size, j,
        j, n - 1, u, j, "double", size, j,
        j, "int");
  }

  /**
   * Spark column: {@code v} rounded to {@code precision} decimals as {@link
   * dev.streamgen.runtime.kinds.DoubleField} rounds: {@code (long) floor(v * scale + 0.5) / scale},
   * Spark's floor of a double being a long too.
   */
  static CodeBlock rounded(CodeBlock v, int precision) {
    String scale = literal(dev.streamgen.runtime.kinds.DoubleField.scale(precision));
    return CodeBlock.of("$T.floor($L.multiply($L).plus(0.5)).divide($L)", SPARK_FUNCTIONS, v, scale, scale);
  }

  /** {@code new double[] {a, b}} with exact literals. */
  static CodeBlock doubles(double[] values) {
    CodeBlock.Builder b = CodeBlock.builder().add("new double[] {");
    for (int i = 0; i < values.length; i++) {
      b.add(i == 0 ? "$L" : ", $L", literal(values[i]));
    }
    return b.add("}").build();
  }

  /** {@code new long[] {1L, 2L}}. */
  static CodeBlock longs(List<Long> values) {
    CodeBlock.Builder b = CodeBlock.builder().add("new long[] {");
    for (int i = 0; i < values.size(); i++) {
      b.add(i == 0 ? "$LL" : ", $LL", values.get(i));
    }
    return b.add("}").build();
  }

  /**
   * Spark column: the indexes {@code 0 .. n - 1} of an array's items or a map's entries, n uniform
   * in [min, max] on the field's salt: {@code slice(sequence(0, max), 1, n)}.
   */
  static CodeBlock elementIndexes(FieldCode f, int min, int max) {
    return CodeBlock.of(
        "$T.slice($T.sequence($T.lit(0), $T.lit($L)), $T.lit(1), $T.between($L, $LL, $LL).cast($S))",
        SPARK_FUNCTIONS, SPARK_FUNCTIONS, SPARK_FUNCTIONS, SPARK_FUNCTIONS, max,
        SPARK_FUNCTIONS, RNG_COLUMNS, f.hashColumn(0), min, max, "int");
  }

  /**
   * Spark column, in a lambda over element index {@code i}: {@code body} at the element's own row,
   * {@code xxhash64(row, stream(seed, salt + 1) ^ i)}. The body's column code names its row {@code
   * row}, so it is the body of a method of an anonymous class taking the element's row as {@code
   * row} (a lambda could not rebind the name).
   */
  static CodeBlock atElementRow(FieldCode f, CodeBlock body) {
    return CodeBlock.of(
        "new Object() { $T at($T row) { return $L; } }.at($T.xxhash64(row, $T.lit($T.stream(seed, $L + 1)).bitwiseXOR(i.cast($S))))",
        SPARK_COLUMN, SPARK_COLUMN, body, SPARK_FUNCTIONS, SPARK_FUNCTIONS, ClassName.get(Rng.class), f.saltLiteral(), "long");
  }

  /** {@code new String[] {"a", "b"}}. */
  static CodeBlock strings(Iterable<String> values) {
    CodeBlock.Builder b = CodeBlock.builder().add("new String[] {");
    boolean first = true;
    for (String v : values) {
      b.add(first ? "$L" : ", $L", JavaLiterals.string(v));
      first = false;
    }
    return b.add("}").build();
  }

  /** JSON Schema {@code {"type": type, "minimum": min, "maximum": max}}. */
  static Map<String, Object> jsonRange(String type, Object min, Object max) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", type);
    schema.put("minimum", min);
    schema.put("maximum", max);
    return schema;
  }

  /** JSON Schema {@code {"type": "string", "enum": values}}. */
  static Map<String, Object> jsonEnum(List<String> values) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("enum", values);
    return schema;
  }

  /** JSON Schema {@code {"type": "string", "format": format}}. */
  static Map<String, Object> jsonFormattedString(String format) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("format", format);
    return schema;
  }

  /** Avro {@code {"type": type, "logicalType": logicalType}}. */
  static Map<String, Object> avroLogical(String type, String logicalType) {
    Map<String, Object> avro = new LinkedHashMap<>();
    avro.put("type", type);
    avro.put("logicalType", logicalType);
    return avro;
  }
}
