package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.model.EntityPool;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.TimestampKind;
import dev.streamgen.compiler.model.UniqueKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code entities} section: named pools, each {@code {count: N, fields: {...}}}, or a list of
 * problems located at the offending key. A pool's fields are parsed as an event's are; what would
 * make a member's attributes change between events (a timestamp following the event time, a value
 * computed from the event) or repeat where unique is asked is refused here.
 */
final class EntityPools {
  static final String ENTITIES = "entities";
  private static final List<String> POOL_KEYS = List.of("count", "fields");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Parses one pool field: entry, pool name, element for messages. */
  interface FieldParser {
    Field parse(MapNode.Entry entry, String pool, String element);
  }

  private final Problems problems;
  private final FieldParser fields;

  EntityPools(Problems problems, FieldParser fields) {
    this.problems = problems;
    this.fields = fields;
  }

  /** The pools by name, in file order; empty without an {@code entities} key. */
  Map<String, EntityPool> parse(MapNode root) {
    Map<String, EntityPool> pools = new LinkedHashMap<>();
    Node node = root.get(ENTITIES).orElse(null);
    if (node == null || (node instanceof ScalarNode s && s.isNull())) {
      return pools;
    }
    if (!(node instanceof MapNode map)) {
      problems.add(node, ENTITIES + " must be a mapping of pool names to {count, fields}, got " + FieldScope.shape(node));
      return pools;
    }
    for (MapNode.Entry e : map.entries()) {
      EntityPool pool = pool(e);
      if (pool != null) {
        pools.put(pool.name(), pool);
      }
    }
    return pools;
  }

  private EntityPool pool(MapNode.Entry entry) {
    String name = entry.name();
    String element = "entities: pool '" + name + "'";
    if (!NAME.matcher(name).matches() || name.length() > SpecValidator.MAX_NAME_LENGTH) {
      problems.add(entry.key(), element + ": a pool name is a letter or '_' then letters, digits or '_' (it is written before the dot in ref: <pool>.<field>)");
      return null;
    }
    if (!(entry.value() instanceof MapNode definition)) {
      problems.add(entry.value(), element + " must be a mapping with count and fields, got " + FieldScope.shape(entry.value()));
      return null;
    }
    boolean ok = true;
    for (MapNode.Entry e : definition.entries()) {
      if (!POOL_KEYS.contains(e.name())) {
        problems.add(e.key(), element + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), POOL_KEYS));
        ok = false;
      }
    }
    Long count = count(definition, element);
    List<Field> poolFields = poolFields(definition, name, element);
    if (!ok || count == null || poolFields == null) {
      return null;
    }
    for (Field f : poolFields) {
      if (f.kind() instanceof UniqueKind u && u.capacity().compareTo(BigInteger.valueOf(count)) < 0) {
        problems.add(f.location(), element + " field '" + f.name() + "': unique over " + count + " members needs as many values; "
            + f.kind().describe() + " holds " + u.capacity() + ": widen the range or lower the count");
        ok = false;
      }
    }
    return ok ? new EntityPool(name, count, poolFields, entry.key().location()) : null;
  }

  private Long count(MapNode definition, String element) {
    Node node = definition.get("count").orElse(null);
    if (node == null) {
      problems.add(definition, element + ": missing key 'count' (how many members the pool has)");
      return null;
    }
    if (!(node instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.INT || !(s.number() instanceof Long n)
        || n < 1 || n > EntityPool.MAX_COUNT) {
      problems.add(node, element + ": count must be a whole number from 1 to 2^62, got " + FieldScope.shape(node));
      return null;
    }
    return n;
  }

  private List<Field> poolFields(MapNode definition, String pool, String element) {
    Node node = definition.get("fields").orElse(null);
    if (node == null) {
      problems.add(definition, element + ": missing key 'fields' (the attributes each member has)");
      return null;
    }
    if (!(node instanceof MapNode map)) {
      problems.add(node, element + ": fields must be a mapping of field names to definitions, got " + FieldScope.shape(node));
      return null;
    }
    if (map.entries().isEmpty()) {
      problems.add(node, element + ": fields must hold at least one field (the attributes each member has)");
      return null;
    }
    List<Field> parsed = new ArrayList<>();
    boolean ok = true;
    for (MapNode.Entry e : map.entries()) {
      String fieldElement = element + " field '" + e.name() + "'";
      Field f = fields.parse(e, pool, fieldElement);
      if (f == null) {
        ok = false;
        continue;
      }
      if (f.kind().refersToFields()) {
        problems.add(e.key(), fieldElement + ": " + f.kind().typeName() + " computed from other fields is not supported in a pool yet; "
            + "compute it in the event instead");
        ok = false;
        continue;
      }
      if (f.kind() instanceof TimestampKind t && t.window() != TimestampKind.Window.ABSOLUTE) {
        problems.add(e.key(), fieldElement + ": a member's attributes never change, but this timestamp follows the event time; "
            + "give it an absolute range: [\"2020-01-01T00:00:00Z\", \"2025-01-01T00:00:00Z\"]");
        ok = false;
        continue;
      }
      parsed.add(f);
    }
    return ok ? parsed : null;
  }
}
