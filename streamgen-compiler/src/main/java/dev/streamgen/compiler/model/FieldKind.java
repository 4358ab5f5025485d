package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.FieldGenerator;
import java.util.List;
import java.util.Map;

/**
 * One field type with its parameters (e.g. {@code int} over [1, 1000000]), owning everything the
 * compiler does with it: the schema mappings, the Java type, the run-time generator it compiles to
 * and the Spark column that reproduces its values. Parsing is in the kind's {@link KindDefinition}.
 *
 * <p>A kind's run-time behaviour (drawing a value, encoding it in each format) lives in its {@link
 * FieldGenerator} subclass in the runtime; the compiler only fixes that generator's constants. So
 * adding a kind is this class, its generator, and one line in {@link FieldKinds}.
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

  /**
   * The Avro type: a primitive name or a JSON object (as maps and lists). A kind that defines a
   * named type (an enum) names it {@code namedType}, which the schema makes unique within the
   * record; the other kinds ignore it.
   */
  Object avroType(String namedType);

  /**
   * The Protobuf type of the field {@code identifier}: a scalar type, e.g. {@code int32}, or the name
   * of a type {@link #protoNestedTypes} declares.
   */
  String protoType(String identifier);

  /**
   * Lines declaring the types the field {@code identifier} needs inside its event's message (an
   * enum), unindented; empty for scalar kinds.
   */
  default List<String> protoNestedTypes(String identifier) {
    return List.of();
  }

  /**
   * The names {@link #protoNestedTypes} declares in the message's scope (types and enum values,
   * which protoc scopes beside the fields): they must not collide with other fields' names.
   */
  default List<String> protoScopeNames(String identifier) {
    return List.of();
  }

  /** Whether the Protobuf field is {@code repeated} (which has no presence: no {@code optional}). */
  default boolean protoRepeated() {
    return false;
  }

  /**
   * The Protobuf wire type of a value, or {@link dev.streamgen.runtime.kinds.NullableField#NO_PRESENCE}
   * for a repeated field: what a nullable field writes for a present default value.
   */
  default int protoWireType(String identifier) {
    return Nulls.wireType(protoType(identifier));
  }

  /** The fields a struct holds, an array's item or a map's value; empty for the other kinds (a map's keys have no generator). */
  default List<Field> children() {
    return List.of();
  }

  /** The JSON Schema of the value (as maps and lists). */
  Map<String, Object> jsonSchema();

  /** The parameters the manifest lists beside the type name (as maps and lists); may be empty. */
  Map<String, Object> manifestParameters();

  // ---- code ----

  /** Type of the public field in the event class: what the generator's {@code value} returns. */
  TypeName javaType();

  /** {@link #javaType()} of the kind's field {@code field}: a struct's is a class named after the field's path. */
  default TypeName javaType(Field field) {
    return javaType();
  }

  /**
   * The run-time class drawing and encoding this kind. It has {@code value(seed, row,
   * eventTimeMicros)} returning {@link #javaType()} and {@code writeJson(out, value)} etc. for one
   * value, which the event classes call.
   */
  Class<? extends FieldGenerator> generatorClass();

  /** The generator's method giving a row's value as {@link #javaType()}: {@code value} but for a unique int. */
  default String valueMethod() {
    return "value";
  }

  /** Expression: a new generator of this field, e.g. {@code new IntField("user_id", 0, 0x…L, 1L, 1000000L)}. */
  CodeBlock newGenerator(FieldCode f);

  /**
   * How many literals {@link #newGenerator} writes besides the name and salt (a string field: its
   * values and cuts). Bounds the constant pool of the class that holds it.
   */
  int literalCount();

  /** Expression: a Spark Column computing the value per row from {@code row} and {@code eventTimeMicros}. */
  CodeBlock column(FieldCode f);

  // ---- references to other fields ----

  /**
   * Whether the values depend on other fields of the same event ({@code expr}, {@code weights_by}):
   * such a field is bound to them by {@link #resolve} once its event type's fields are all parsed,
   * and other such fields may not refer to it.
   */
  default boolean refersToFields() {
    return false;
  }

  /**
   * The field {@code self} of this kind with its references bound to {@code fields} (its event
   * type's, itself included); null after reporting problems at {@code definition}'s keys. Kinds
   * referring to nothing return {@code self}.
   */
  default Field resolve(Field self, List<Field> fields, MapNode definition, FieldScope scope) {
    return self;
  }
}
