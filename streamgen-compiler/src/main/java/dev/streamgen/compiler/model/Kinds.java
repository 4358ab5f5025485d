package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
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

  private Kinds() {}

  /** A Java double literal that reads back as exactly this double (Double.toString round-trips). */
  static String literal(double v) {
    return Double.toString(v);
  }

  /** {@code new <Generator>("name", index, <salt>, args...)}: a salted generator. */
  static CodeBlock newSalted(FieldCode f, Class<?> generator, CodeBlock... args) {
    CodeBlock.Builder call =
        CodeBlock.builder()
            .add("new $T($L, $L, $L", generator, JavaLiterals.string(f.name()), f.index(), f.saltLiteral());
    for (CodeBlock a : args) {
      call.add(", $L", a);
    }
    return call.add(")").build();
  }

  /** {@code new <Generator>("name", index)}: a generator drawing nothing of its own. */
  static CodeBlock newUnsalted(FieldCode f, Class<?> generator) {
    return CodeBlock.of("new $T($L, $L)", generator, JavaLiterals.string(f.name()), f.index());
  }

  /** {@code new double[] {a, b}} with exact literals. */
  static CodeBlock doubles(double[] values) {
    CodeBlock.Builder b = CodeBlock.builder().add("new double[] {");
    for (int i = 0; i < values.length; i++) {
      b.add(i == 0 ? "$L" : ", $L", literal(values[i]));
    }
    return b.add("}").build();
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
