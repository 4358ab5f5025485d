package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.model.ChangeStream;
import dev.streamgen.compiler.model.EntityPool;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.Identifiers;
import dev.streamgen.runtime.api.AliasTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event type's {@code changes} (instead of {@code fields}): the change stream of a pool, or the
 * problems located at the offending key: an unknown pool or field (with the closest names), a
 * nullable or nested key, the key among the updated fields, a pool field an image cannot hold, a
 * delete ratio outside [0, 1). Once every type's weight is known, {@link #bind} gives each stream the
 * rows of its type.
 */
final class Changes {
  static final String KEY = "changes";
  private static final List<String> KEYS = List.of("entity", "key", "updates", "delete_ratio", "tombstones");
  /** Sinks with no record to carry a tombstone (a null payload) and no compaction to use one. */
  private static final List<String> NO_TOMBSTONES = List.of("kinesis", "eventhubs");

  private final Problems problems;
  private final Map<String, EntityPool> pools;
  private final String sinkType;

  /** @param sinkType the YAML's {@code sink_config.type}, or null */
  Changes(Problems problems, Map<String, EntityPool> pools, String sinkType) {
    this.problems = problems;
    this.pools = pools;
    this.sinkType = sinkType;
  }

  /** The YAML's {@code sink_config.type} as written, or null when absent or not a string. */
  static String sinkType(MapNode root) {
    return root.get("sink_config").orElse(null) instanceof MapNode sink && sink.get("type").orElse(null) instanceof ScalarNode s
        && s.kind() == ScalarNode.Kind.STRING ? s.text() : null;
  }

  /** The envelope fields (after {@code common}) of the change type {@code typeId}, or null after reporting problems. */
  List<Field> fields(MapNode type, String typeId, String element, List<Field> common) {
    Node node = type.get(KEY).get();
    boolean ok = true;
    Optional<MapNode.Entry> fields = type.entry("fields");
    if (fields.isPresent()) {
      problems.add(fields.get().key(), element + ": fields and changes exclude each other; a change stream's fields are its envelope ("
          + String.join(", ", ChangeStream.FIELDS) + ")");
      ok = false;
    }
    if (!(node instanceof MapNode map)) {
      problems.add(node, element + ": changes must be a mapping with entity, and optionally key, updates, delete_ratio and tombstones, got "
          + FieldScope.shape(node));
      return null;
    }
    String at = element + ": changes";
    for (MapNode.Entry e : map.entries()) {
      if (!KEYS.contains(e.name())) {
        problems.add(e.key(), at + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), KEYS));
        ok = false;
      }
    }
    EntityPool pool = pool(map, at);
    if (pool == null) {
      return null;
    }
    Field key = key(map, pool, at);
    List<String> updates = updates(map, pool, key, at);
    Double deleteRatio = deleteRatio(map, at);
    Boolean tombstones = tombstones(map, at, deleteRatio);
    String keyName = map.get("key").orElse(null) instanceof ScalarNode s ? s.text() : pool.fields().get(0).name();
    Map<String, String> identifiers = new java.util.HashMap<>();
    for (Field f : pool.fields()) {
      // An image is a struct of the pool's fields: their names become Java, Avro and Protobuf names there.
      String clash = identifiers.putIfAbsent(Identifiers.protoJsonName(f.identifier()), f.name());
      if (Identifiers.JAVA_KEYWORDS.contains(f.identifier()) || Identifiers.RESERVED.contains(f.identifier())) {
        problems.add(map.get("entity").get(), at + ": pool '" + pool.name() + "' field '" + f.name() + "' is named '" + f.identifier()
            + "', reserved in generated code; a change image's fields take the pool's names, so rename it (line " + f.location().line() + ")");
        ok = false;
      } else if (clash != null) {
        problems.add(map.get("entity").get(), at + ": pool '" + pool.name() + "' fields '" + clash + "' and '" + f.name()
            + "' map to one name in generated code; a change image's fields take the pool's names, so rename one (line "
            + f.location().line() + ")");
        ok = false;
      } else if (!f.kind().children().isEmpty()) {
        problems.add(map.get("entity").get(), at + ": pool '" + pool.name() + "' field '" + f.name() + "' is a " + f.kind().typeName()
            + "; a change image holds single values (line " + f.location().line() + ")");
        ok = false;
      } else if (f.nulls().isPresent() && !f.name().equals(keyName)) { // a nullable key is reported as the key
        problems.add(map.get("entity").get(), at + ": pool '" + pool.name() + "' field '" + f.name() + "' is nullable; a change image's "
            + "fields are not nullable (line " + f.location().line() + ")");
        ok = false;
      }
    }
    if (!ok || key == null || updates == null || deleteRatio == null || tombstones == null) {
      return null;
    }
    return new ChangeStream(typeId, pool, key, updates, deleteRatio, tombstones, null).envelope(common, type.entry(KEY).get().key().location());
  }

  private EntityPool pool(MapNode map, String at) {
    Node node = map.get("entity").orElse(null);
    if (node == null) {
      problems.add(map, at + ": missing key 'entity' (the pool whose members change)");
      return null;
    }
    if (!(node instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.STRING) {
      problems.add(node, at + ": entity must be the name of a pool, got " + FieldScope.shape(node));
      return null;
    }
    EntityPool pool = pools.get(s.text());
    if (pool == null) {
      List<String> known = new ArrayList<>(pools.keySet());
      problems.add(node, at + ": no pool '" + s.text() + "'"
          + DidYouMean.suggest(s.text(), known).map(x -> "; did you mean '" + x + "'?").orElse("")
          + (pools.isEmpty() ? " (pools are declared under entities)" : " (pools: " + String.join(", ", known) + ")"));
    }
    return pool;
  }

  /** The pool's field named by {@code node}, or null after reporting it unknown. */
  private Field poolField(Node node, EntityPool pool, String what) {
    if (!(node instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.STRING) {
      problems.add(node, what + " must name a field of pool '" + pool.name() + "', got " + FieldScope.shape(node));
      return null;
    }
    Optional<Field> field = pool.field(s.text());
    if (field.isEmpty()) {
      List<String> names = pool.fields().stream().map(Field::name).toList();
      problems.add(node, what + ": pool '" + pool.name() + "' has no field '" + s.text() + "'"
          + DidYouMean.suggest(s.text(), names).map(x -> "; did you mean '" + x + "'?").orElse("")
          + " (it has: " + String.join(", ", names) + ")");
      return null;
    }
    return field.get();
  }

  private Field key(MapNode map, EntityPool pool, String at) {
    Node node = map.get("key").orElse(null);
    Field key = node == null ? pool.fields().get(0) : poolField(node, pool, at + ": key");
    if (key == null) {
      return null;
    }
    if (node == null) {
      node = map.get("entity").get(); // the default key, the pool's first field: reported at the pool's name
    }
    if (key.nulls().isPresent()) {
      problems.add(node, at + ": key '" + key.name() + "' is nullable; a change's key names its member, so it must always have a value");
      return null;
    }
    if (!key.kind().children().isEmpty()) {
      problems.add(node, at + ": key '" + key.name() + "' is a " + key.kind().typeName() + "; a key is a single value");
      return null;
    }
    return key;
  }

  private List<String> updates(MapNode map, EntityPool pool, Field key, String at) {
    Node node = map.get("updates").orElse(null);
    if (node == null) {
      return pool.fields().stream().map(Field::name).filter(n -> key == null || !n.equals(key.name())).toList();
    }
    if (!(node instanceof ListNode list)) {
      problems.add(node, at + ": updates must be a list of the pool's field names, got " + FieldScope.shape(node));
      return null;
    }
    List<String> updates = new ArrayList<>();
    boolean ok = true;
    for (Node item : list.items()) {
      Field f = poolField(item, pool, at + ": updates");
      if (f == null) {
        ok = false;
      } else if (key != null && f.name().equals(key.name())) {
        problems.add(item, at + ": updates lists the key '" + f.name() + "'; a key never changes (it names the member)");
        ok = false;
      } else if (updates.contains(f.name())) {
        problems.add(item, at + ": updates lists '" + f.name() + "' twice");
        ok = false;
      } else {
        updates.add(f.name());
      }
    }
    return ok ? updates : null;
  }

  private Double deleteRatio(MapNode map, String at) {
    Node node = map.get("delete_ratio").orElse(null);
    if (node == null) {
      return 0.0;
    }
    if (!(node instanceof ScalarNode s) || !s.isNumber() || !(s.number().doubleValue() >= 0 && s.number().doubleValue() < 1)) {
      problems.add(node, at + ": delete_ratio must be a number from 0 to less than 1 (the share of changes to a live member that "
          + "delete it), got " + FieldScope.shape(node));
      return null;
    }
    return s.number().doubleValue();
  }

  /**
   * {@code tombstones}: true or false (default); true needs deletes to follow (a delete_ratio above
   * 0) and a sink that carries a null payload (not Kinesis or Event Hubs).
   */
  private Boolean tombstones(MapNode map, String at, Double deleteRatio) {
    Node node = map.get("tombstones").orElse(null);
    if (node == null) {
      return false;
    }
    if (!(node instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.BOOLEAN) {
      problems.add(node, at + ": tombstones must be true or false (whether a delete is followed by a tombstone, a null payload "
          + "for Kafka's log compaction), got " + FieldScope.shape(node));
      return null;
    }
    boolean on = Boolean.parseBoolean(s.text());
    if (on && deleteRatio != null && deleteRatio == 0) {
      problems.add(node, at + ": tombstones: true needs a delete_ratio above 0 (a tombstone follows a delete; with none there is none)");
      return null;
    }
    if (on && sinkType != null && NO_TOMBSTONES.contains(sinkType)) {
      problems.add(node, at + ": tombstones: true, but sink '" + sinkType + "' cannot carry a tombstone (a record with no payload) "
          + "and has no log compaction to use one; use sink kafka or delta, or leave tombstones out");
      return null;
    }
    return on;
  }

  /** The types with each change stream bound to the rows of its type (by the catalog's weights). */
  static List<EventType> bind(List<EventType> types) {
    if (types.stream().noneMatch(t -> ChangeStream.of(t.fields()).isPresent())) {
      return types;
    }
    AliasTable pick = AliasTable.of(types.stream().mapToDouble(EventType::weight).toArray());
    List<EventType> out = new ArrayList<>(types.size());
    for (int i = 0; i < types.size(); i++) {
      EventType type = types.get(i);
      Optional<ChangeStream> stream = ChangeStream.of(type.fields());
      if (stream.isEmpty()) {
        out.add(type);
        continue;
      }
      List<Field> typeCommon = type.fields().stream().filter(Field::common).toList();
      EventType.Builder b = EventType.builder(type.id()).weight(type.weight()).location(type.location());
      stream.get().bind(pick.rowsOf(i)).envelope(typeCommon, type.location()).forEach(b::addField);
      out.add(b.build());
    }
    return out;
  }
}
