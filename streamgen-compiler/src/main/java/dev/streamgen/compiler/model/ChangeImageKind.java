package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.runtime.kinds.ChangeImageField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code before} or {@code after} image of a change stream's envelope: a struct of the pool's
 * fields (each a reference reading the member's row or the image's row), null when the operation has
 * no such image. Schemas, typed classes and encodings are a nullable struct's (its field carries a
 * {@link Nulls} of ratio 0: the null is the operation's, {@link ChangeImageField}).
 */
public record ChangeImageKind(ChangeStream stream, boolean before, StructKind struct) implements FieldKind {
  /** The struct of a struct field or of a change image; null for other kinds. */
  public static StructKind structOf(FieldKind kind) {
    return kind instanceof StructKind s ? s : kind instanceof ChangeImageKind c ? c.struct() : null;
  }

  @Override
  public String typeName() {
    return "struct";
  }

  @Override
  public String describe() {
    return (before ? "before" : "after") + " image of a member of pool '" + stream.pool().name() + "' (null for "
        + (before ? "an insert" : "a delete") + ")";
  }

  @Override
  public Object avroType(String namedType) {
    return struct.avroType(namedType);
  }

  @Override
  public String protoType(String identifier) {
    return struct.protoType(identifier);
  }

  @Override
  public List<String> protoNestedTypes(String identifier) {
    return struct.protoNestedTypes(identifier);
  }

  @Override
  public List<String> protoScopeNames(String identifier) {
    return struct.protoScopeNames(identifier);
  }

  @Override
  public int protoWireType(String identifier) {
    return struct.protoWireType(identifier);
  }

  @Override
  public List<Field> children() {
    return struct.children();
  }

  @Override
  public Map<String, Object> jsonSchema() {
    return struct.jsonSchema();
  }

  @Override
  public Map<String, Object> manifestParameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("change", before ? "before" : "after");
    p.putAll(struct.manifestParameters());
    return p;
  }

  @Override
  public TypeName javaType() {
    return struct.javaType();
  }

  @Override
  public TypeName javaType(Field field) {
    return struct.javaType(field);
  }

  @Override
  public Class<ChangeImageField> generatorClass() {
    return ChangeImageField.class;
  }

  @Override
  public CodeBlock newGenerator(FieldCode f) {
    return CodeBlock.of("new $T($L, $L, $L)", ChangeImageField.class, struct.newGenerator(f), stream.newChangeRows(), before);
  }

  @Override
  public int literalCount() {
    return struct.literalCount() + stream.literalCount() + 1;
  }

  @Override
  public CodeBlock column(FieldCode f) {
    throw new UnsupportedOperationException("a change image's column is composed by the columns class");
  }
}
