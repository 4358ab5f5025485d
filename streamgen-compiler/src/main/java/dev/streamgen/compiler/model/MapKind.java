package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.runtime.kinds.MapField;
import dev.streamgen.runtime.kinds.NullableField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: map, keys: {...}, values: {...}, size: [min, max]}: entries with distinct string keys,
 * the size uniform in [min, max]. The keys' definition is a {@code string} or {@code enum} (its
 * values are the keys drawn from; weights are ignored: the keys of one map are a walk through the
 * values, {@link MapField}) or a {@code uuid}; the values' definition is any field definition an
 * array's items may be, parsed by {@link FieldScope#nestedMapPart} at the path {@code tags{values}}.
 * Drawn and encoded by {@link MapField}. Java {@code Map<String, V>} (insertion order); Avro map;
 * Protobuf {@code map<string, V>}; JSON object; Spark map column.
 *
 * <p>Values may not be null, arrays nor maps: a Protobuf map value is a singular field that is not
 * a map; a struct holding one is.
 *
 * @param key the keys' definition, named like the map
 * @param value the values' definition, named like the map
 */
public record MapKind(Field key, Field value, int min, int max) implements FieldKind {
  /** Most entries a map may have: a row stays a message, not a table. */
  public static final int MAX_SIZE = 1000;

  /**
   * Most strides listed for keys from values: the smallest units modulo their count. More would
   * only lengthen the generated code; the offset alone makes every key equally likely.
   */
  static final int MAX_STRIDES = 64;

  public static final KindDefinition DEFINITION =
      new KindDefinition("map", List.of("keys", "values", "size"), MapKind::parse);

  private static FieldKind parse(MapNode definition, FieldScope scope) {
    int[] size = scope.lengthRange(definition, "size", "map", MAX_SIZE);
    boolean hasKeys = scope.require(definition, "keys", "type map needs keys: the definition of its keys, e.g. {type: enum, values: [a, b]} or {type: uuid}") != null;
    boolean hasValues = scope.require(definition, "values", "type map needs values: the definition of its values, e.g. {type: int, range: [1, 10]}") != null;
    if (!hasKeys || !hasValues) {
      return null;
    }
    MapNode.Entry keys = definition.entry("keys").orElseThrow();
    MapNode.Entry values = definition.entry("values").orElseThrow();
    Field key = scope.nestedMapPart(keys, "keys");
    Field value = scope.nestedMapPart(values, "values");
    if (key == null || value == null || size == null) {
      return null;
    }
    boolean ok = true;
    if (key.nulls().isPresent()) {
      scope.error(keys.value(), "keys may not be nullable: a map's keys are never null");
      ok = false;
    } else if (!(key.kind() instanceof StringKind || key.kind() instanceof EnumKind || key.kind() instanceof UuidKind)) {
      scope.error(keys.value(), "keys must be of type string, enum or uuid (a map's keys are strings in every format), got " + key.kind().typeName());
      ok = false;
    } else {
      int distinct = keyValues(key).size();
      if (distinct > 0 && size[1] > distinct) {
        scope.error(
            definition.get("size").orElseThrow(),
            "size [" + size[0] + ", " + size[1] + "] needs up to " + size[1] + " distinct keys but keys has only " + distinct + " values");
        ok = false;
      }
    }
    if (value.nulls().isPresent()) {
      scope.error(values.value(), "values may not be nullable: a Protobuf map value cannot be null");
      ok = false;
    } else if (value.kind() instanceof ArrayKind || value.kind() instanceof MapKind) {
      scope.error(
          values.value(),
          "values may not be " + value.kind().typeName() + "s: a Protobuf map value cannot be repeated; make the values a struct holding the inner " + value.kind().typeName());
      ok = false;
    }
    return ok ? new MapKind(key, value, size[0], size[1]) : null;
  }

  /** The values keys are drawn from: a string's or enum's values, none for uuid keys. */
  private static List<String> keyValues(Field key) {
    if (key.kind() instanceof StringKind s) {
      return s.values();
    }
    if (key.kind() instanceof EnumKind e) {
      return e.choices().values();
    }
    return List.of();
  }

  /** The values keys are drawn from, in declared order; empty for uuid keys. */
  public List<String> keyValues() {
    return keyValues(key);
  }

  /** The strides {@link MapField} picks among: the smallest units modulo the number of key values (1 when there is one). */
  List<Long> strides() {
    int v = keyValues().size();
    List<Long> strides = new ArrayList<>();
    for (long s = 1; s <= Math.max(1, v - 1) && strides.size() < MAX_STRIDES; s++) {
      if (gcd(s, v) == 1) {
        strides.add(s);
      }
    }
    return v == 0 ? List.of() : strides;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String typeName() {
    return "map";
  }

  @Override
  public String describe() {
    return "map [" + min + ", " + max + "] of " + key.describe() + " to " + value.describe();
  }

  @Override
  public Object avroType(String namedType) {
    Map<String, Object> avro = new LinkedHashMap<>();
    avro.put("type", "map");
    avro.put("values", value.avroType(namedType + ".values"));
    return avro;
  }

  @Override
  public String protoType(String identifier) {
    return "map<string, " + value.kind().protoType(identifier) + ">";
  }

  /** On the wire a map is repeated entries: no presence, so a nullable map is absent when null. */
  @Override
  public boolean protoRepeated() {
    return true;
  }

  @Override
  public List<String> protoNestedTypes(String identifier) {
    return value.kind().protoNestedTypes(identifier);
  }

  /** The value's types and protoc's implicit entry message, {@code <Field>Entry}. */
  @Override
  public List<String> protoScopeNames(String identifier) {
    List<String> names = new ArrayList<>(value.kind().protoScopeNames(identifier));
    names.add(Identifiers.pascalCase(identifier) + "Entry");
    return names;
  }

  @Override
  public int protoWireType(String identifier) {
    return NullableField.NO_PRESENCE;
  }

  @Override
  public List<Field> children() {
    return List.of(value);
  }

  @Override
  public Map<String, Object> jsonSchema() {
    Map<String, Object> schema = Kinds.jsonType("object");
    schema.put("propertyNames", key.jsonSchema());
    schema.put("additionalProperties", value.jsonSchema());
    schema.put("minProperties", min);
    schema.put("maxProperties", max);
    return schema;
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("size", List.of(min, max));
    parameters.put("keys", key.manifest());
    parameters.put("values", value.manifest());
    return parameters;
  }

  @Override
  public TypeName javaType() {
    return ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class), value.javaType().box());
  }

  @Override
  public Class<MapField> generatorClass() {
    return MapField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newSalted(
        f,
        MapField.class,
        CodeBlock.of("$L", min),
        CodeBlock.of("$L", max),
        Kinds.strings(keyValues()),
        Kinds.longs(strides()),
        value.newGenerator(FieldCode.of(value, 1)),
        CodeBlock.of("$L", value.kind().protoWireType(value.identifier())));
  }

  @Override
  public int literalCount() {
    return value.literalCount() + 7 + keyValues().size() + strides().size();
  }

  /**
   * {@code map_from_arrays(transform(indexes, i -> <key i>), transform(indexes, i -> <value column at
   * row xxhash64(row, stream ^ i)>))}; key i is {@code keys[(offset + i × stride) mod v]} from the
   * row's hashes on salt + 2 and salt + 3, or a uuid key's column at the entry's row.
   */
  @Override
  public CodeBlock column(FieldCode f) {
    FieldCode valueCode = FieldCode.of(value, 1, FieldCode.unwrapped(value, CodeBlock.of("$L.value()", f.generator())));
    CodeBlock indexes = Kinds.elementIndexes(f, min, max);
    List<String> values = keyValues();
    CodeBlock keyColumn;
    if (values.isEmpty()) {
      keyColumn = Kinds.atElementRow(f, CodeBlock.of("$T.uuid($L, $L)", Kinds.RNG_COLUMNS, f.hashColumn(2), f.hashColumn(3)));
    } else {
      List<Long> strides = strides();
      CodeBlock stride = CodeBlock.of(
          "$T.element_at($L, $T.pmod($L, $T.lit($LL)).cast($S).plus(1))",
          Kinds.SPARK_FUNCTIONS, literalArray(strides.stream().map(s -> CodeBlock.of("$LL", s)).toList()),
          Kinds.SPARK_FUNCTIONS, f.hashColumn(3), Kinds.SPARK_FUNCTIONS, strides.size(), "int");
      keyColumn = CodeBlock.of(
          "$T.element_at($L, $T.pmod($T.pmod($L, $T.lit($LL)).plus(i.cast($S).multiply($L)), $T.lit($LL)).cast($S).plus(1))",
          Kinds.SPARK_FUNCTIONS, literalArray(values.stream().map(Kinds::string).toList()),
          Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, f.hashColumn(2), Kinds.SPARK_FUNCTIONS, values.size(),
          "long", stride, Kinds.SPARK_FUNCTIONS, values.size(), "int");
    }
    return CodeBlock.of(
        "$T.map_from_arrays($T.transform($L, i -> $L), $T.transform($L, i -> $L))",
        Kinds.SPARK_FUNCTIONS, Kinds.SPARK_FUNCTIONS, indexes, keyColumn,
        Kinds.SPARK_FUNCTIONS, indexes, Kinds.atElementRow(f, value.column(valueCode)));
  }

  /** Spark column: {@code array(lit(a), lit(b), ...)}. */
  private static CodeBlock literalArray(List<CodeBlock> items) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.array(", Kinds.SPARK_FUNCTIONS);
    for (int i = 0; i < items.size(); i++) {
      b.add(i == 0 ? "$T.lit($L)" : ", $T.lit($L)", Kinds.SPARK_FUNCTIONS, items.get(i));
    }
    return b.add(")").build();
  }
}
