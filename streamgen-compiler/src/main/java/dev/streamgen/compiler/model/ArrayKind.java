package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.ArrayField;
import dev.streamgen.runtime.kinds.NullableField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: array, items: {...}, length: [min, max]}: a list of items of one field definition
 * (parsed by {@link FieldScope#nestedItem} exactly as an event's field, salted by the path {@code
 * tags[]}), its length uniform in [min, max], each item drawn from a row of its own ({@link
 * ArrayField#elementRow}). Drawn and encoded by {@link ArrayField}. Java {@code List<T>}; Avro
 * array; Protobuf {@code repeated}; JSON array; Spark array column.
 *
 * <p>Items may not be null (a Protobuf repeated field holds no nulls) nor arrays or maps themselves
 * (repeated fields do not nest, a map is not repeated): an array of arrays is an array of structs
 * holding one.
 *
 * @param item the items' definition, named like the array
 */
public record ArrayKind(Field item, int min, int max) implements FieldKind {
  /** Most items an array may have: a row stays a message, not a table. */
  public static final int MAX_LENGTH = 1000;

  public static final KindDefinition DEFINITION =
      new KindDefinition("array", List.of("items", "length"), ArrayKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    int[] length = scope.lengthRange(definition, "length", "array", MAX_LENGTH);
    if (scope.require(definition, "items", "type array needs items: the definition of its items, e.g. {type: int, range: [1, 10]}") == null) {
      return null;
    }
    MapNode.Entry items = definition.entry("items").orElseThrow();
    Field item = scope.nestedItem(items);
    if (item == null || length == null) {
      return null;
    }
    if (item.nulls().isPresent()) {
      scope.error(items.value(), "items may not be nullable: a Protobuf repeated field holds no nulls");
      return null;
    }
    if (item.kind() instanceof ArrayKind) {
      scope.error(items.value(), "items may not be arrays: Protobuf repeated fields do not nest; make the items a struct holding the inner array");
      return null;
    }
    if (item.kind() instanceof MapKind) {
      scope.error(items.value(), "items may not be maps: a Protobuf map cannot be repeated; make the items a struct holding the map");
      return null;
    }
    return new ArrayKind(item, length[0], length[1]);
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public String describe() {
    return "array [" + min + ", " + max + "] of " + item.describe();
  }

  @Override
  public Object avroType(String namedType) {
    Map<String, Object> avro = new LinkedHashMap<>();
    avro.put("type", "array");
    avro.put("items", item.avroType(namedType + ".items"));
    return avro;
  }

  @Override
  public String protoType(String identifier) {
    return item.kind().protoType(identifier);
  }

  @Override
  public boolean protoRepeated() {
    return true;
  }

  @Override
  public List<String> protoNestedTypes(String identifier) {
    return item.kind().protoNestedTypes(identifier);
  }

  @Override
  public List<String> protoScopeNames(String identifier) {
    return item.kind().protoScopeNames(identifier);
  }

  @Override
  public int protoWireType(String identifier) {
    return NullableField.NO_PRESENCE;
  }

  @Override
  public List<Field> children() {
    return List.of(item);
  }

  @Override
  public Map<String, Object> jsonSchema() {
    Map<String, Object> schema = Kinds.jsonType("array");
    schema.put("items", item.jsonSchema());
    schema.put("minItems", min);
    schema.put("maxItems", max);
    return schema;
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("length", List.of(min, max));
    parameters.put("items", item.manifest());
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return ParameterizedTypeName.get(ClassName.get(List.class), item.javaType().box());
  }

  @Override
  public Class<ArrayField> generatorClass() {
    return ArrayField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(
        f,
        ArrayField.class,
        CodeBlock.of("$L", min),
        CodeBlock.of("$L", max),
        item.newGenerator(FieldCode.of(item, f.index())),
        CodeBlock.of("$L", item.kind().protoWireType(item.identifier())));
  }

  @Override
  public int literalCount() {
    return item.literalCount() + 6;
  }

  /**
   * {@code transform(slice(sequence(0, max), 1, length), i -> <item column at row xxhash64(row, stream
   * ^ i)>)} ({@link Kinds#atElementRow}).
   */
  @Override
  public CodeBlock column(FieldCode f) {
    FieldCode itemCode = FieldCode.of(item, f.index(), FieldCode.unwrapped(item, CodeBlock.of("$L.item()", f.generator())));
    return CodeBlock.of(
        "$T.transform($L, i -> $L)", Kinds.SPARK_FUNCTIONS, Kinds.elementIndexes(f, min, max), Kinds.atElementRow(f, item.column(itemCode)));
  }
}
