package dev.streamgen.compiler.codegen;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;

/**
 * Spark and Spark-facing runtime types, by name: the compiler never loads Spark (it is not on the
 * compiler's class path; the generated code compiles against it in the user's build).
 */
final class SparkNames {
  static final ClassName COLUMN = ClassName.get("org.apache.spark.sql", "Column");
  static final ArrayTypeName COLUMNS = ArrayTypeName.of(COLUMN);
  static final ClassName COLUMN_CATALOG = ClassName.get("dev.streamgen.runtime.columns", "ColumnCatalog");

  private SparkNames() {}
}
