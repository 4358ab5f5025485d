package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import javax.lang.model.element.Modifier;

/** Members several kinds declare the same way. */
final class Kinds {
  /*
   * Spark types by name: the compiler never loads Spark (it is not on the compiler's classpath), it
   * only names these in generated code.
   */
  static final ClassName RNG_COLUMNS = ClassName.get("dev.streamgen.runtime.api", "RngColumns");
  static final ClassName SPARK_FUNCTIONS = ClassName.get("org.apache.spark.sql", "functions");

  private Kinds() {}

  /** {@code static final long SALT_x = 0x...L; // FNV-1a 64 of "x"}. */
  static FieldSpec salt(FieldCode f) {
    return FieldSpec.builder(long.class, f.saltName(), Modifier.STATIC, Modifier.FINAL)
        .initializer("0x$LL", Long.toHexString(f.salt()))
        .build();
  }

  /** A Java double literal that reads back as exactly this double (Double.toString round-trips). */
  static String literal(double v) {
    return Double.toString(v);
  }
}
