package dev.streamgen.compiler.model;

import dev.streamgen.compiler.config.Location;
import java.util.Objects;

/** One validated field of an event type: its YAML name, its identifier in code and schemas, its kind. */
public final class Field {
  private final String name;
  private final String identifier;
  private final FieldKind kind;
  private final boolean common;
  private final Location location;

  private Field(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.identifier = Identifiers.identifier(name);
    this.common = b.common;
    this.location = b.location == null ? Location.START : b.location;
  }

  public static Builder builder(String name, FieldKind kind) {
    return new Builder(name, kind);
  }

  public Builder toBuilder() {
    return new Builder(name, kind).common(common).location(location);
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
    return o instanceof Field f && name.equals(f.name) && kind.equals(f.kind) && common == f.common;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, common);
  }

  @Override
  public String toString() {
    return name + ": " + kind.describe();
  }

  /** Builds a {@link Field}. */
  public static final class Builder {
    private final String name;
    private final FieldKind kind;
    private boolean common;
    private Location location;

    private Builder(String name, FieldKind kind) {
      this.name = name;
      this.kind = kind;
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
