package dev.streamgen.compiler.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.kinds.ChangeOpField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code op} of a change stream's envelope ({@link ChangeStream}): {@code c}, {@code u} or {@code
 * d}, and {@code t} with tombstones, a string in every schema. Drawn by {@link ChangeOpField}.
 */
public record ChangeOpKind(ChangeStream stream) implements FieldKind {
  /** The operations this stream writes. */
  private List<String> values() {
    return stream.tombstones() ? List.of("c", "u", "d", "t") : List.of("c", "u", "d");
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String describe() {
    return "change op " + String.join("|", values()) + " of pool '" + stream.pool().name() + "'";
  }

  @Override
  public Object avroType(String namedType) {
    return "string";
  }

  @Override
  public String protoType(String identifier) {
    return "string";
  }

  @Override
  public Map<String, Object> jsonSchema() {
    Map<String, Object> schema = Kinds.jsonType("string");
    schema.put("enum", values());
    return schema;
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("change", "op");
    p.put("values", values());
    p.put("entity", stream.pool().name());
    p.put("key", stream.key().name());
    p.put("updates", stream.updates());
    p.put("delete_ratio", stream.deleteRatio());
    if (stream.tombstones()) {
      p.put("tombstones", true);
    }
    return p;
  }

  @Override
  public TypeName javaType() {
    return ClassName.get(String.class);
  }

  @Override
  public Class<ChangeOpField> generatorClass() {
    return ChangeOpField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return Kinds.newUnsalted(f, ChangeOpField.class, stream.newChangeRows());
  }

  @Override
  public int literalCount() {
    return stream.literalCount();
  }

  @Override
  public CodeBlock column(FieldCode f) {
    return CodeBlock.of("$T.changeOp(row, seed, $L.changes())", Kinds.RNG_COLUMNS, f.generator());
  }
}
