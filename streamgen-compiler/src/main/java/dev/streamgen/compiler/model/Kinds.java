package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.AvroWriter;
import dev.streamgen.runtime.encode.BinaryWriter;
import dev.streamgen.runtime.encode.JsonWriter;
import dev.streamgen.runtime.encode.ProtobufWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Members, statements and schemas several kinds emit the same way. Each kind still spells out its
 * own choices (writer method names, schema values) in its class; only the shape lives here.
 */
final class Kinds {
  /*
   * Spark types by name: the compiler never loads Spark (it is not on the compiler's classpath), it
   * only names these in generated code.
   */
  static final ClassName RNG_COLUMNS = ClassName.get("dev.streamgen.runtime.api", "RngColumns");
  static final ClassName SPARK_FUNCTIONS = ClassName.get("org.apache.spark.sql", "functions");

  private Kinds() {}

  /** The salt constant {@code SALT_x = 0x...L}: FNV-1a 64 of the field name. */
  static FieldConstant salt(FieldCode f) {
    return new FieldConstant(TypeName.LONG, "SALT", CodeBlock.of("0x$LL", Long.toHexString(f.salt())));
  }

  /** A Java double literal that reads back as exactly this double (Double.toString round-trips). */
  static String literal(double v) {
    return Double.toString(v);
  }

  /**
   * {@code static <returns> <prefix>_x(long seed, long row) { <statement>; }} in a kernel, {@code
   * private <returns> <prefix>N(long seed, long row)} in a shape: a method of the row, called through
   * {@link FieldCode#call}.
   */
  static MethodSpec rowMethod(
      FieldCode f, String prefix, Class<?> returns, String statement, Object... args) {
    return MethodSpec.methodBuilder(f.member(prefix))
        .addModifiers(f.inShape() ? Modifier.PRIVATE : Modifier.STATIC)
        .returns(returns)
        .addParameter(long.class, "seed")
        .addParameter(long.class, "row")
        .addStatement(statement, args)
        .build();
  }

  /**
   * {@code <Writer>.<method>(out, args...);} with the writer of {@code format}; Protobuf writers
   * take the field's tag (number and {@code wireType}) before the values.
   */
  static CodeBlock writeCall(
      Format format, String method, FieldCode f, int wireType, CodeBlock... args) {
    Class<?> writer =
        switch (format) {
          case JSON -> JsonWriter.class;
          case AVRO -> AvroWriter.class;
          case BINARY -> BinaryWriter.class;
          case PROTOBUF -> ProtobufWriter.class;
        };
    CodeBlock.Builder call = CodeBlock.builder().add("$T.$N(out, ", writer, method);
    if (format == Format.PROTOBUF) {
      call.add("$L, ", f.protoTag(wireType));
    }
    return call.add(CodeBlock.join(Arrays.asList(args), ", ")).add(");\n").build();
  }

  /**
   * Spark column: {@code RngColumns.hash(row, Rng.stream(seed, Kernel.SALT_x [+ offset]))}, the
   * column twin of {@link FieldCode#hash}.
   */
  static CodeBlock hashColumn(FieldCode f, int saltOffset) {
    return saltOffset == 0
        ? CodeBlock.of(
            "$T.hash(row, $T.stream(seed, $T.$N))", RNG_COLUMNS, Rng.class, f.kernel(), f.saltName())
        : CodeBlock.of(
            "$T.hash(row, $T.stream(seed, $T.$N + $L))",
            RNG_COLUMNS,
            Rng.class,
            f.kernel(),
            f.saltName(),
            saltOffset);
  }

  /** JSON Schema {@code {"type": type, "minimum": min, "maximum": max}}. */
  static Map<String, Object> jsonRange(String type, Object min, Object max) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", type);
    schema.put("minimum", min);
    schema.put("maximum", max);
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
