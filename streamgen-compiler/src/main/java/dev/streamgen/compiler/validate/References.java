package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.model.DistributionSpec;
import dev.streamgen.compiler.model.EntityPool;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.Identifiers;
import dev.streamgen.compiler.model.RefKind;
import dev.streamgen.compiler.model.UniqueKind;
import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.RowsOfType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds every {@code ref} of the event types (their common fields included) to its pool's field or
 * to another event type's field, once all of them are parsed, or reports each problem at the key
 * that causes it: an unknown pool, type or field (with the closest names), a target that cannot be
 * referred to (nullable, nested, computed, a reference itself: so chains and cycles cannot form),
 * keys that do not apply to the kind of reference, and one event's references to one pool member
 * disagreeing on its popularity.
 */
final class References {
  private final Problems problems;
  private final Map<String, EntityPool> pools;
  private final List<EventType> types;
  private final Map<String, Integer> typeIndex = new HashMap<>();
  /** The session machine an event type is a state of, or null. */
  private final Function<String, String> machineOf;
  private AliasTable typePick;

  References(Problems problems, Map<String, EntityPool> pools, List<EventType> types, Function<String, String> machineOf) {
    this.problems = problems;
    this.pools = pools;
    this.types = types;
    this.machineOf = machineOf;
    for (int i = 0; i < types.size(); i++) {
      typeIndex.put(types.get(i).id(), i);
    }
    for (String pool : pools.keySet()) {
      if (typeIndex.containsKey(pool)) {
        problems.add(pools.get(pool).location(), "entities: pool '" + pool + "' has the name of an event type; rename one, so ref: "
            + pool + ".<field> names one thing");
      }
    }
  }

  /** The types with their references bound; the input after reporting problems. */
  List<EventType> resolve() {
    // A common field is one Field object shared by every type: bind it once.
    Map<Field, Field> bound = new IdentityHashMap<>();
    List<EventType> out = new ArrayList<>(types.size());
    boolean ok = true;
    for (EventType type : types) {
      EventType.Builder b = EventType.builder(type.id()).weight(type.weight()).location(type.location());
      Map<String, Member> members = new HashMap<>();
      for (Field f : type.fields()) {
        if (!(f.kind() instanceof RefKind ref) || ref.definition() == null) {
          b.addField(f); // not a reference, or one bound already (a change stream's key)
          continue;
        }
        String element = f.common() ? "common field '" + f.name() + "'" : "event '" + type.id() + "' field '" + f.name() + "'";
        Field resolved = bound.containsKey(f) ? bound.get(f) : bind(f, ref, new FieldScope(problems, element));
        if (resolved == null) {
          ok = false;
          bound.put(f, null);
          continue;
        }
        bound.put(f, resolved);
        if (!sameMember(type, f, (RefKind) resolved.kind(), members, element)) {
          ok = false;
        }
        b.addField(resolved);
      }
      out.add(b.build());
    }
    return ok ? out : types;
  }

  private record Member(Field field, DistributionSpec popularity) {}

  /** Every reference of one event to one pool and role names one member: their popularities must agree. */
  private boolean sameMember(EventType type, Field f, RefKind ref, Map<String, Member> members, String element) {
    if (!(ref.resolved().source() instanceof RefKind.Member m)) {
      return true;
    }
    Member first = members.putIfAbsent(m.pool() + "#" + ref.role(), new Member(f, m.popularity()));
    if (first == null || java.util.Objects.equals(first.popularity(), m.popularity())) {
      return true;
    }
    problems.add(f.location(), element + ": refers to the same member of pool '" + m.pool() + "' as field '" + first.field().name()
        + "' (line " + first.field().location().line() + ") but with another distribution; give both the same, or a role each "
        + "(role: buyer) to pick two members");
    return false;
  }

  private Field bind(Field self, RefKind ref, FieldScope scope) {
    MapNode definition = ref.definition();
    Node at = definition.get(RefKind.KEY).orElse(definition);
    String[] split = split(ref.target());
    String owner = split[0];
    String fieldName = split[1];
    EntityPool pool = pools.get(owner);
    Integer type = typeIndex.get(owner);
    if (pool == null && type == null) {
      List<String> known = new ArrayList<>(pools.keySet());
      typeIndex.keySet().stream().sorted().forEach(known::add);
      scope.error(at, "ref '" + ref.target() + "': no pool or event type '" + owner + "'"
          + DidYouMean.suggest(owner, known).map(s -> "; did you mean '" + s + "'?").orElse("")
          + (pools.isEmpty() ? " (pools are declared under entities)" : " (pools: " + String.join(", ", pools.keySet()) + ")"));
      return null;
    }
    List<Field> candidates = pool != null ? pool.fields() : types.get(type).fields();
    String what = pool != null ? "pool '" + owner + "'" : "event '" + owner + "'";
    Optional<Field> target = candidates.stream().filter(c -> c.name().equals(fieldName)).findFirst();
    if (target.isEmpty()) {
      scope.error(at, "ref '" + ref.target() + "': " + what + " has no field '" + fieldName + "'"
          + DidYouMean.suggest(fieldName, candidates.stream().map(Field::name).toList()).map(s -> "; did you mean '" + s + "'?").orElse("")
          + " (it has: " + String.join(", ", candidates.stream().map(Field::name).toList()) + ")");
      return null;
    }
    Field t = target.get();
    String refused = refusal(t);
    if (refused != null) {
      scope.error(at, "ref '" + ref.target() + "': " + refused);
      return null;
    }
    RefKind.Source source = pool != null ? member(self, ref, pool, scope) : emitted(self, ref, t, type, scope);
    if (source == null) {
      return null;
    }
    Field renamed = Field.builder(self.name(), t.kind()).location(self.location()).path(t.path(), self.codePath() + "$target").build();
    return self.toBuilder(ref.bind(new RefKind.Resolved(renamed, source))).build();
  }

  /**
   * The pool or event type a reference names and its field: split at the last dot, unless the
   * text before it names nothing known and an earlier dot follows a pool or type (a field whose name
   * holds a dot: {@code users.geo.lat}), preferring a split whose field exists.
   */
  private String[] split(String target) {
    int last = target.lastIndexOf('.');
    String[] atLast = {target.substring(0, last), target.substring(last + 1)};
    if (pools.containsKey(atLast[0]) || typeIndex.containsKey(atLast[0])) {
      return atLast;
    }
    String[] known = null;
    for (int dot = target.indexOf('.'); dot > 0 && dot < last; dot = target.indexOf('.', dot + 1)) {
      String owner = target.substring(0, dot);
      String field = target.substring(dot + 1);
      if (!pools.containsKey(owner) && !typeIndex.containsKey(owner)) {
        continue;
      }
      List<Field> fields = pools.containsKey(owner) ? pools.get(owner).fields() : types.get(typeIndex.get(owner)).fields();
      if (fields.stream().anyMatch(f -> f.name().equals(field))) {
        return new String[] {owner, field};
      }
      known = known == null ? new String[] {owner, field} : known;
    }
    return known == null ? atLast : known;
  }

  /** Why {@code target} cannot be referred to, or null. */
  private static String refusal(Field target) {
    if (target.kind() instanceof RefKind) {
      return "field '" + target.name() + "' is a reference itself; refer to what it refers to (chains and cycles of references are not supported)";
    }
    if (target.nulls().isPresent()) {
      return "field '" + target.name() + "' is nullable; a reference reads one value per row, so its target must always have one: "
          + "remove nullable there (a reference may be nullable itself)";
    }
    if (!target.kind().children().isEmpty()) {
      return "field '" + target.name() + "' is " + (target.kind().typeName().startsWith("a") ? "an " : "a ") + target.kind().typeName()
          + "; a reference's target is a single value: refer to a field that is not a struct, array or map";
    }
    if (target.kind().refersToFields()) {
      return "field '" + target.name() + "' is computed from its event's other fields, which the referring event does not have; "
          + "compute the value in the referring event instead";
    }
    return null;
  }

  private RefKind.Source member(Field self, RefKind ref, EntityPool pool, FieldScope scope) {
    MapNode definition = ref.definition();
    if (ref.match() != null) {
      scope.error(definition.get("match").get(), "match applies to references to an event type's ids; every member of pool '"
          + pool.name() + "' exists, so every reference to it matches: remove match");
      return null;
    }
    for (String key : List.of(RefKind.EMITTED, RefKind.WITHIN)) {
      if (definition.get(key).isPresent()) {
        scope.error(definition.get(key).get(), key + " applies to references to an event type's ids; pool '" + pool.name()
            + "' is never emitted, its members exist from the start: remove " + key);
        return null;
      }
    }
    Optional<DistributionSpec> popularity = ref.popularity(pool.name(), pool.count(), scope);
    if (popularity == null) {
      return null;
    }
    return new RefKind.Member(pool.name(), pool.count(), popularity.orElse(null), Identifiers.fnv1a64(RefKind.memberPath(pool.name(), ref.role())));
  }

  private RefKind.Source emitted(Field self, RefKind ref, Field target, int type, FieldScope scope) {
    MapNode definition = ref.definition();
    for (String key : List.of("role", DistributionSpec.KEY)) {
      if (definition.get(key).isPresent()) {
        scope.error(definition.get(key).get(), key + " applies to references to a pool's members; a reference to event '"
            + types.get(type).id() + "' reads the ids its rows emitted: remove " + key);
        return null;
      }
    }
    Node at = definition.get(RefKind.KEY).get();
    String machine = machineOf.apply(types.get(type).id());
    if (machine != null) {
      // The type pick gives a machine's start type the machine's rows, which are its sessions' steps of
      // every state: reading the start type's ids there would find rows written as other types.
      scope.error(at, "ref '" + ref.target() + "': event '" + types.get(type).id() + "' is a state of session machine '"
          + machine + "', whose rows only a walk of its sessions finds; refer to an event type outside session machines, or to a pool");
      return null;
    }
    if (!UniqueKind.isUnique(target.kind())) {
      scope.error(at, "ref '" + ref.target() + "': field '" + target.name() + "' is " + target.kind().describe()
          + ", whose values repeat across rows, so a join on it would not find the declared share; refer to a uuid, a sequence, "
          + "or an int or long with unique: true");
      return null;
    }
    if (types.get(type).weight() <= 0) {
      scope.error(at, "ref '" + ref.target() + "': event '" + types.get(type).id() + "' has weight 0 and never emits an id; "
          + "give it a weight above 0 or refer to another event type");
      return null;
    }
    if (typePick == null) {
      typePick = AliasTable.of(types.stream().mapToDouble(EventType::weight).toArray());
    }
    double match = ref.match() == null ? 1.0 : ref.match();
    boolean onlyType = java.util.stream.IntStream.range(0, types.size()).allMatch(i -> i == type || types.get(i).weight() <= 0);
    if (match < 1 && onlyType) {
      // An orphan is a row of another type, whose id no row of the target has: here there is none.
      scope.error(definition.get("match").get(), "match " + FieldScope.format(match) + " asks for orphans, ids of rows that are not of event '"
          + types.get(type).id() + "', but no other event type has a weight above 0; remove match or give another type a weight");
      return null;
    }
    RowsOfType rows = typePick.rowsOf(type);
    EmittedWindow window = EmittedWindow.parse(definition, types.get(type).id(), rows.weight(), scope);
    if (window == null) {
      return null;
    }
    return new RefKind.Emitted(types.get(type).id(), match, window.window(), window.within(), rows, Identifiers.fnv1a64(self.path() + "#ref"));
  }
}
