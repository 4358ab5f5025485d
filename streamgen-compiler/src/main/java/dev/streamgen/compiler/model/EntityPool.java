package dev.streamgen.compiler.model;

import dev.streamgen.compiler.config.Location;
import java.util.List;
import java.util.Optional;

/**
 * A named population under {@code entities}: {@code count} members whose attributes are the pool's
 * fields drawn at the member's index (so member k's attributes are a pure function of seed, pool and
 * k, and never change between events). Never materialized: events read a member's field through a
 * {@code ref} ({@link RefKind}).
 */
public record EntityPool(String name, long count, List<Field> fields, Location location) {
  /** Members a pool may have: its member indexes are rows, and unique ids draw on 62 bits. */
  public static final long MAX_COUNT = 1L << 62;

  public EntityPool {
    fields = List.copyOf(fields);
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }
}
