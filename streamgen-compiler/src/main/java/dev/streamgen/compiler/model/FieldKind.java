package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.streamgen.runtime.api.Format;
import java.util.Map;

/**
 * One field type with its parameters (e.g. {@code int} over [1, 1000000]), owning everything the
 * compiler does with it: the schema mappings, the Java type and the generated code that computes,
 * serializes and (in Spark) reproduces its values. Parsing is in the kind's {@link KindDefinition}.
 * Adding a kind is one class plus one line in {@link FieldKinds}.
 *
 * <p>Implementations are immutable values: equal kinds are the same type with the same parameters
 * (which is how a type may repeat a common field).
 */
public interface FieldKind {

  /** The YAML spelling, e.g. {@code int}. */
  String typeName();

  /** The type and its parameters for messages and docs, e.g. {@code int [1, 1000000]}. */
  String describe();

  // ---- schemas ----

  /** The Avro type: a primitive name or a JSON object (as maps and lists). */
  Object avroType();

  /** The Protobuf scalar type, e.g. {@code int32}. */
  String protoType();

  /** The Protobuf wire type of {@link #protoType()}. */
  int protoWireType();

  /** The JSON Schema of the value (as maps and lists). */
  Map<String, Object> jsonSchema();

  /** The parameters the manifest lists beside the type name (as maps and lists); may be empty. */
  Map<String, Object> manifestParameters();

  // ---- Java ----

  /** Type of the public field in the event class. */
  TypeName javaType();

  /** Adds the kernel members the other methods refer to (salt, tables, value methods). */
  void addKernelMembers(TypeSpec.Builder kernel, FieldCode f);

  /** Expression: the typed value of row {@code row}. */
  CodeBlock value(FieldCode f);

  /** Statements appending a typed value (an expression of {@link #javaType()}) in {@code format}. */
  CodeBlock writeValue(Format format, FieldCode f, CodeBlock value);

  /** Statements appending the value of row {@code row}; kinds with cheaper paths override. */
  default CodeBlock write(Format format, FieldCode f) {
    return writeValue(format, f, value(f));
  }

  /** Expression: the value's text as JSON shows it, unquoted (partition keys). */
  CodeBlock text(FieldCode f);

  /** Expression: a Spark Column computing the value per row from {@code row} and {@code eventTimeMicros}. */
  CodeBlock column(FieldCode f);
}
