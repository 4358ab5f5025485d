package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.runtime.encode.ProtobufWriter;
import dev.streamgen.runtime.kinds.StructField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code type: struct, fields: {...}}: a group of fields, each defined (and parsed, by {@link
 * FieldScope#nestedFields}) exactly as an event's field, salted by its path ({@code address.city}).
 * Drawn and encoded by {@link StructField}. Java: a nested class of the event class, {@code
 * Struct$<path>}; Avro: a nested record named {@code <Class>_<field>} (its children's named types
 * take that name as their namespace, so every path has its own); Protobuf: a nested message named
 * like the field in PascalCase; JSON: an object; Spark: a struct column.
 *
 * @param fields the children in payload order
 */
public record StructKind(List<Field> fields) implements FieldKind {
  public static final KindDefinition DEFINITION =
      new KindDefinition("struct", List.of("fields"), StructKind::parse);

  public StructKind {
    fields = List.copyOf(fields);
  }

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    Node node = scope.require(definition, "fields", "type struct needs fields: a mapping of field names to definitions");
    if (node == null) {
      return null;
    }
    List<Field> fields = scope.nestedFields(node, "struct");
    return fields == null ? null : new StructKind(fields);
  }

  /** The typed class of a struct field: {@code Struct$address}, nested in its event class. */
  public static String className(Field field) {
    return "Struct$" + field.codePath();
  }

  @Override
  public String typeName() {
    return "struct";
  }

  @Override
  public String describe() {
    return "struct {" + fields.stream().map(Field::toString).collect(Collectors.joining(", ")) + "}";
  }

  @Override
  public Object avroType(String namedType) {
    Map<String, Object> avro = new LinkedHashMap<>();
    avro.put("type", "record");
    avro.put("name", namedType);
    List<Object> children = new ArrayList<>();
    for (Field f : fields) {
      children.add(f.avroField(namedType + "." + f.identifier()));
    }
    avro.put("fields", children);
    return avro;
  }

  @Override
  public String protoType(String identifier) {
    return Identifiers.pascalCase(identifier);
  }

  @Override
  public List<String> protoNestedTypes(String identifier) {
    List<String> lines = new ArrayList<>();
    lines.add("message " + protoType(identifier) + " {");
    for (int i = 0; i < fields.size(); i++) {
      fields.get(i).protoLines(i + 1).forEach(line -> lines.add("  " + line));
    }
    lines.add("}");
    return lines;
  }

  @Override
  public List<String> protoScopeNames(String identifier) {
    return List.of(protoType(identifier));
  }

  @Override
  public int protoWireType(String identifier) {
    return ProtobufWriter.WIRE_LENGTH_DELIMITED;
  }

  @Override
  public List<Field> children() {
    return fields;
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return jsonObject(fields);
  }

  /** JSON Schema of an object holding {@code fields}: each required, no others (an event's too). */
  public static Map<String, Object> jsonObject(List<Field> fields) {
    Map<String, Object> schema = Kinds.jsonType("object");
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Field f : fields) {
      properties.put(f.name(), f.jsonSchema());
      required.add(f.name());
    }
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  @Override
  public Map<String, Object> manifestParameters() {
    return Map.of("fields", fields.stream().map(Field::manifest).toList());
  }

  @Override
  public TypeName javaType() {
    throw new UnsupportedOperationException("a struct's Java type is its field's class: javaType(field)");
  }

  @Override
  public TypeName javaType(Field field) {
    return ClassName.get("", className(field));
  }

  @Override
  public Class<StructField> generatorClass() {
    return StructField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    CodeBlock[] children = new CodeBlock[fields.size()];
    for (int i = 0; i < children.length; i++) {
      children[i] = fields.get(i).newGenerator(FieldCode.of(fields.get(i), i));
    }
    return Kinds.newUnsalted(f, StructField.class, children);
  }

  @Override
  public int literalCount() {
    return fields.stream().mapToInt(c -> c.literalCount() + 2).sum();
  }

  @Override
  public CodeBlock column(FieldCode f) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.struct(", Kinds.SPARK_FUNCTIONS);
    for (int i = 0; i < fields.size(); i++) {
      Field child = fields.get(i);
      FieldCode c = FieldCode.of(child, i, FieldCode.unwrapped(child, CodeBlock.of("$L.field($L)", f.generator(), i)));
      b.add(i == 0 ? "$L.as($L)" : ", $L.as($L)", child.column(c), JavaLiterals.string(child.name()));
    }
    return b.add(")").build();
  }
}
