package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.Location;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated field of an event type: its YAML name, its identifier in code and schemas, its kind,
 * and whether its values may be null. The schema and code of a field are its kind's, wrapped by its
 * {@link Nulls} when it is nullable.
 */
public final class Field {
  private final String name;
  private final String identifier;
  private final FieldKind kind;
  private final Nulls nulls;
  private final boolean common;
  private final Location location;

  private Field(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.nulls = b.nulls;
    this.identifier = Identifiers.identifier(name);
    this.common = b.common;
    this.location = b.location == null ? Location.START : b.location;
  }

  public static Builder builder(String name, FieldKind kind) {
    return new Builder(name, kind);
  }

  public Builder toBuilder() {
    return toBuilder(kind);
  }

  /** A builder of this field with another kind: the same field once its references are resolved. */
  public Builder toBuilder(FieldKind kind) {
    return new Builder(name, kind).nulls(nulls()).common(common).location(location);
  }

  /** The name as written in YAML; JSON keys and Spark column names use it unchanged. */
  public String name() {
    return name;
  }

  /** The Java, Avro and Protobuf name ({@link Identifiers#identifier}). */
  public String identifier() {
    return identifier;
  }

  public FieldKind kind() {
    return kind;
  }

  /** How its values may be null; empty when they never are. */
  public Optional<Nulls> nulls() {
    return Optional.ofNullable(nulls);
  }

  /** The kind and its parameters for messages and docs, with the null ratio of a nullable field. */
  public String describe() {
    return nulls == null ? kind.describe() : kind.describe() + nulls.describe();
  }

  /**
   * The Avro type of the field: the kind's, or its union with null; {@code namedType} names a type
   * the kind defines (an enum).
   */
  public Object avroType(String namedType) {
    Object type = kind.avroType(namedType);
    return nulls == null ? type : nulls.avroType(type);
  }

  /** The JSON Schema of the field's value. */
  public Map<String, Object> jsonSchema() {
    return nulls == null ? kind.jsonSchema() : nulls.jsonSchema(kind.jsonSchema());
  }

  /** The field's line in a proto3 message without its number: {@code [optional ]<type> <identifier>}. */
  public String protoDeclaration() {
    return (nulls == null ? "" : nulls.protoLabel()) + kind.protoType(identifier) + " " + identifier;
  }

  /** The Java type of the typed event classes' field: boxed when nullable. */
  public TypeName javaType() {
    return nulls == null ? kind.javaType() : kind.javaType().box();
  }

  /** Expression: the field's run-time generator (a nullable one wraps the kind's). */
  public CodeBlock newGenerator(FieldCode f) {
    return nulls == null ? kind.newGenerator(f) : nulls.generator(f, kind, kind.newGenerator(f));
  }

  /** Literals {@link #newGenerator} writes besides name and salt. */
  public int literalCount() {
    return kind.literalCount() + (nulls == null ? 0 : 3);
  }

  /** Expression: the field's Spark column. */
  public CodeBlock column(FieldCode f) {
    return nulls == null ? kind.column(f) : nulls.column(f, kind.column(f));
  }

  /** Whether it comes from common_fields (present in every type, first). */
  public boolean common() {
    return common;
  }

  /** Where it is defined (the name's key). */
  public Location location() {
    return location;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Field f
        && name.equals(f.name)
        && kind.equals(f.kind)
        && Objects.equals(nulls, f.nulls)
        && common == f.common;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, nulls, common);
  }

  @Override
  public String toString() {
    return name + ": " + describe();
  }

  /** Builds a {@link Field}. */
  public static final class Builder {
    private final String name;
    private final FieldKind kind;
    private Nulls nulls;
    private boolean common;
    private Location location;

    private Builder(String name, FieldKind kind) {
      this.name = name;
      this.kind = kind;
    }

    public Builder nulls(Optional<Nulls> nulls) {
      this.nulls = nulls.orElse(null);
      return this;
    }

    public Builder common(boolean common) {
      this.common = common;
      return this;
    }

    public Builder location(Location location) {
      this.location = location;
      return this;
    }

    public Field build() {
      return new Field(this);
    }
  }
}
