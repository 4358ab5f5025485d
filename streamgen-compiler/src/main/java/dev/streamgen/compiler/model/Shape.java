package dev.streamgen.compiler.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an event type: its fields' {@link FieldKind#shapeKey() shape keys}, in order. Types of
 * one shape differ only in constants (names, salts, ranges, value tables), so they share one compiled
 * class for their hot path; a catalog of 10,000 types of a few shapes then runs a few compiled
 * methods, as fast as 3 types.
 *
 * @param fieldKeys one key per field, e.g. {@code [int, uuid, float]}
 */
public record Shape(List<String> fieldKeys) {
  public Shape {
    fieldKeys = List.copyOf(fieldKeys);
  }

  public static Shape of(EventType type) {
    List<String> keys = new ArrayList<>();
    for (Field f : type.fields()) {
      keys.add(f.kind().shapeKey());
    }
    return new Shape(keys);
  }

  /** For comments: {@code (int, uuid, float)}. */
  public String describe() {
    return "(" + String.join(", ", fieldKeys) + ")";
  }
}
