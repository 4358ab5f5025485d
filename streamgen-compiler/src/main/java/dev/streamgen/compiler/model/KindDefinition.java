package dev.streamgen.compiler.model;

import dev.streamgen.compiler.config.MapNode;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How one field type is written in YAML: its name, the keys it takes besides {@code type}, and the
 * parser that checks them and builds the {@link FieldKind} (null after reporting problems).
 */
public record KindDefinition(
    String typeName, List<String> keys, BiFunction<MapNode, FieldScope, FieldKind> parser) {

  public KindDefinition {
    keys = List.copyOf(keys);
  }

  public FieldKind parse(MapNode definition, FieldScope scope) {
    return parser.apply(definition, scope);
  }
}
