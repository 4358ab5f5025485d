package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.api.Format;
import java.util.List;
import java.util.Map;

/**
 * One field type with its parameters (e.g. {@code int} over [1, 1000000]), owning everything the
 * compiler does with it: the schema mappings, the Java type and the generated code that computes,
 * serializes and (in Spark) reproduces its values. Parsing is in the kind's {@link KindDefinition}.
 * Adding a kind is one class plus one line in {@link FieldKinds}.
 *
 * <p>Implementations are immutable values: equal kinds are the same type with the same parameters
 * (which is how a type may repeat a common field).
 *
 * <p>The code of a kind is emitted twice (see {@link FieldCode}): as statics of each type's kernel,
 * and as instance code of a shape class that every type with the same {@link #shapeKey() shape keys}
 * in the same order shares, with the per-type {@link #constants} in final fields. Ten thousand types
 * of one shape then run one compiled method instead of ten thousand (each of which the JIT would
 * warm up and the code cache hold separately).
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

  /**
   * What of this kind shapes its generated code, as opposed to the constants it reads: two fields
   * whose keys are equal must have the same {@link #constants} (types and prefixes, in order) and
   * emit the same code for the same {@link FieldCode#inShape} spelling. E.g. {@code int} and {@code
   * int/sint32} (a negative minimum writes Protobuf sint32, another method).
   */
  String shapeKey();

  /**
   * The per-type constants the other methods refer to through {@link FieldCode#ref} (salt, bounds,
   * tables), in an order that depends on {@link #shapeKey} only.
   */
  List<FieldConstant> constants(FieldCode f);

  /**
   * The member methods of the row the other methods call through {@link FieldCode#call} (value,
   * index, UUID halves), static in a kernel and instance methods in a shape ({@link Kinds#rowMethod}).
   */
  List<MethodSpec> methods(FieldCode f);

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
