package dev.streamgen.compiler.model;

import dev.streamgen.compiler.config.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One validated event type: its id, its share of the stream and its fields in payload order
 * (common fields first, then its own as declared).
 */
public final class EventType {
  /** Bounds the generated methods of one type far below the JVM's 64 KB method limit. */
  public static final int MAX_FIELDS = 500;

  private final String id;
  private final double weight;
  private final List<Field> fields;
  private final Location location;

  private EventType(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.weight = b.weight;
    this.fields = List.copyOf(b.fields);
    this.location = b.location == null ? Location.START : b.location;
    Set<String> names = new HashSet<>();
    for (Field f : fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("event " + id + " has field " + f.name() + " twice");
      }
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("event " + id + " weight " + weight + " is not finite and >= 0");
    }
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  public Builder toBuilder() {
    Builder b = new Builder(id).weight(weight).location(location);
    fields.forEach(b::addField);
    return b;
  }

  /** The {@code event_type_id}. */
  public String id() {
    return id;
  }

  /** The generated class's simple name: the id in PascalCase ({@code user.purchase} → {@code UserPurchase}). */
  public String className() {
    return Identifiers.pascalCase(id);
  }

  public double weight() {
    return weight;
  }

  public List<Field> fields() {
    return fields;
  }

  public Location location() {
    return location;
  }

  @Override
  public String toString() {
    return id + " " + fields;
  }

  /** Builds an {@link EventType}. */
  public static final class Builder {
    private final String id;
    private double weight;
    private final List<Field> fields = new ArrayList<>();
    private Location location;

    private Builder(String id) {
      this.id = id;
    }

    public Builder weight(double weight) {
      this.weight = weight;
      return this;
    }

    public Builder addField(Field field) {
      fields.add(field);
      return this;
    }

    public Builder location(Location location) {
      this.location = location;
      return this;
    }

    public EventType build() {
      return new EventType(this);
    }
  }
}
