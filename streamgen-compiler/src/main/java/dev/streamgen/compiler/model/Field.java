package dev.streamgen.compiler.model;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.streamgen.compiler.config.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final String path;
  private final String codePath;

  private Field(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.nulls = b.nulls;
    this.identifier = Identifiers.identifier(name);
    this.common = b.common;
    this.location = b.location == null ? Location.START : b.location;
    this.path = b.path == null ? name : b.path;
    this.codePath = b.codePath == null ? identifier : b.codePath;
  }

  public static Builder builder(String name, FieldKind kind) {
    return new Builder(name, kind);
  }

  public Builder toBuilder() {
    return toBuilder(kind);
  }

  /** A builder of this field with another kind: the same field once its references are resolved. */
  public Builder toBuilder(FieldKind kind) {
    return new Builder(name, kind).nulls(nulls()).common(common).location(location).path(path, codePath);
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

  /**
   * Where the field is in its event: its name for an event's field, {@code address.city} for a
   * struct's field, {@code tags[]} for an array's items, {@code counts{values}} for a map's values.
   * Its random streams are salted with it.
   */
  public String path() {
    return path;
  }

  /**
   * The path as a Java name part: identifiers joined by {@code $} ({@code address$city}, {@code
   * tags$items}), which no identifier contains, so two paths never share one.
   */
  public String codePath() {
    return codePath;
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

  /**
   * The field's entry in an Avro record: name, type ({@link #avroType}) and, when the name is not
   * its identifier, a doc giving the YAML name.
   */
  public Map<String, Object> avroField(String namedType) {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("name", identifier);
    field.put("type", avroType(namedType));
    if (!name.equals(identifier)) {
      field.put("doc", "YAML field " + name);
    }
    return field;
  }

  /** The JSON Schema of the field's value. */
  public Map<String, Object> jsonSchema() {
    return nulls == null ? kind.jsonSchema() : nulls.jsonSchema(kind.jsonSchema());
  }

  /**
   * The field's line in a proto3 message without its number: {@code [optional |repeated ]<type>
   * <identifier>}. A repeated field has no presence in proto3: a nullable one is absent when null.
   */
  public String protoDeclaration() {
    // A map is repeated entries on the wire, but proto3 spells it map<K, V>, without a label.
    String label = kind instanceof MapKind ? "" : kind.protoRepeated() ? "repeated " : nulls == null ? "" : nulls.protoLabel();
    return label + kind.protoType(identifier) + " " + identifier;
  }

  /**
   * The lines the field adds to its message, unindented: the types its kind declares there, then
   * its declaration with number {@code number} and a comment where the type or name needs one.
   */
  public List<String> protoLines(int number) {
    List<String> lines = new ArrayList<>(kind.protoNestedTypes(identifier));
    String comment = protoComment();
    lines.add(protoDeclaration() + " = " + number + ";" + (comment.isEmpty() ? "" : " // " + comment));
    return lines;
  }

  private String protoComment() {
    // An array's values are its items', a map's its values': their type needs the same words.
    FieldKind values = kind instanceof ArrayKind array ? array.item().kind()
        : kind instanceof MapKind map ? map.value().kind()
        : kind instanceof RefKind ref ? ref.resolved().target().kind()
        : kind;
    String text = switch (values.typeName()) {
      case "uuid" -> "uuid text";
      case "timestamp" -> "microseconds since 1970-01-01T00:00:00Z";
      case "date" -> "days since 1970-01-01";
      case "decimal" -> "plain decimal text, " + values.describe();
      default -> "";
    };
    String yamlName = name.equals(identifier) ? "" : "YAML field " + name.replaceAll("\\p{Cntrl}|\u2028|\u2029", " ");
    return text.isEmpty() ? yamlName : yamlName.isEmpty() ? text : text + "; " + yamlName;
  }

  /** The field's entry in the manifest (name, identifier, type, the kind's parameters, nullability). */
  public Map<String, Object> manifest() {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("name", name);
    field.put("identifier", identifier);
    field.put("type", kind.typeName());
    field.putAll(kind.manifestParameters());
    if (nulls != null) {
      field.put("nullable", true);
      field.put("null_ratio", nulls.ratio());
    }
    return field;
  }

  /** The Java type of the typed event classes' field: boxed when nullable. */
  public TypeName javaType() {
    return nulls == null ? kind.javaType(this) : kind.javaType(this).box();
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

  /** Expression: the field's Spark column around {@code valueColumn}, its kind's column computed elsewhere (a reference's). */
  public CodeBlock column(FieldCode f, CodeBlock valueColumn) {
    return nulls == null ? valueColumn : nulls.column(f, valueColumn);
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
        && common == f.common
        && path.equals(f.path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, nulls, common, path);
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
    private String path;
    private String codePath;

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

    /** A nested field's {@link Field#path} and {@link Field#codePath}. */
    public Builder path(String path, String codePath) {
      this.path = path;
      this.codePath = codePath;
      return this;
    }

    public Field build() {
      return new Field(this);
    }
  }
}
