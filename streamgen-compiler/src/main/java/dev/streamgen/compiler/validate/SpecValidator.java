package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.ListNode;
import dev.streamgen.compiler.config.Location;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.config.SourceFile;
import dev.streamgen.compiler.model.EntityPool;
import dev.streamgen.compiler.model.EventCatalog;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.FieldKind;
import dev.streamgen.compiler.model.FieldKinds;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.Identifiers;
import dev.streamgen.compiler.model.KindDefinition;
import dev.streamgen.compiler.model.Nulls;
import dev.streamgen.compiler.model.RefKind;
import dev.streamgen.compiler.model.SessionValueKind;
import dev.streamgen.compiler.model.UniqueKind;
import dev.streamgen.compiler.model.UuidKind;
import dev.streamgen.compiler.model.Settings;
import dev.streamgen.compiler.schema.ProtoSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns one parsed YAML file into an {@link EventCatalog}, or reports every problem in it: each rule
 * runs even after others failed, so a user fixes a file in one pass. Rules and messages are listed
 * in docs/config.md.
 */
public final class SpecValidator {
  static final String COMMON_FIELDS = "common_fields";
  static final String EVENT_TYPES = "event_types";
  private static final List<String> EVENT_KEYS = List.of("event_type_id", "weight", "fields", Changes.KEY);
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._-]+");
  /** Ids and field names become file, class and member names: keep them well below OS and JVM limits. */
  static final int MAX_NAME_LENGTH = 200;

  private final SourceFile source;
  private final Problems problems;
  private final Sessions sessions;

  private SpecValidator(SourceFile source, Problems problems) {
    this.source = source;
    this.problems = problems;
    this.sessions = new Sessions(problems);
  }

  /** The validated catalog, or empty when {@code problems} received errors. */
  public static Optional<EventCatalog> validate(SourceFile source, Problems problems) {
    int before = problems.size();
    EventCatalog catalog = new SpecValidator(source, problems).run();
    return problems.size() == before ? Optional.ofNullable(catalog) : Optional.empty();
  }

  private EventCatalog run() {
    if (!(source.root() instanceof MapNode root)) {
      problems.add(
          source.root(),
          "the file must be a mapping with common_fields and event_types, got " + FieldScope.shape(source.root()));
      return null;
    }
    List<String> topLevel = new ArrayList<>(List.of(COMMON_FIELDS, EVENT_TYPES, EntityPools.ENTITIES, Sessions.KEY, WeightChanges.KEY));
    topLevel.addAll(SettingsValidator.topLevelKeys());
    for (MapNode.Entry e : root.entries()) {
      if (!topLevel.contains(e.name())) {
        problems.add(e.key(), "unknown top-level key '" + e.name() + "'" + DidYouMean.hint(e.name(), topLevel));
      }
    }
    Map<String, EntityPool> pools = new EntityPools(problems, this::poolField).parse(root);
    sessions.parse(root);
    List<Field> common = commonFields(root);
    List<EventType> types = eventTypes(root, common, new Changes(problems, pools, Changes.sinkType(root)));
    if (problems.isEmpty()) {
      types = sessions.weigh(types, pools);
    }
    Settings settings = new SettingsValidator(problems).validate(root);
    // Before references are bound: it reads only names, nulls and nesting, which binding keeps.
    partitionKey(settings, common, types);
    if (!problems.isEmpty() || types.isEmpty()) {
      return null;
    }
    types = new References(problems, pools, types, sessions::machineOf).resolve();
    if (!problems.isEmpty()) {
      return null;
    }
    types = Changes.bind(types);
    types = sessions.bind(types);
    WeightChanges weightChanges = new WeightChanges(problems);
    if (problems.isEmpty()) {
      weightChanges.check(root, types, sessions.bound());
    }
    if (!problems.isEmpty()) {
      return null;
    }
    // Bound, a reference declares its target's Protobuf names (an enum's type and values) in its
    // message: check the names again with them.
    if (types.stream().flatMap(t -> t.fields().stream()).anyMatch(f -> f.kind() instanceof RefKind)) {
      identifiers("common_fields", types.get(0).fields().stream().filter(Field::common).toList());
      for (EventType type : types) {
        identifiers("event '" + type.id() + "'", type.fields());
      }
      if (!problems.isEmpty()) {
        return null;
      }
    }
    EventCatalog.Builder catalog = EventCatalog.builder(source.fileName(), source.text()).settings(settings);
    common.forEach(catalog::addCommonField);
    types.forEach(catalog::addEventType);
    sessions.bound().forEach(catalog::addSession);
    catalog.weightChanges(weightChanges.changes(), weightChanges.pinned());
    return catalog.build();
  }

  private List<Field> commonFields(MapNode root) {
    Node node = root.get(COMMON_FIELDS).orElse(null);
    List<Field> fields = new ArrayList<>();
    if (node == null || (node instanceof ScalarNode s && s.isNull())) {
      return fields;
    }
    if (!(node instanceof MapNode map)) {
      problems.add(node, COMMON_FIELDS + " must be a mapping of field names to definitions, got " + FieldScope.shape(node));
      return fields;
    }
    boolean ok = true;
    for (MapNode.Entry e : map.entries()) {
      Field f = field(e, "common field '" + e.name() + "'", true);
      if (f != null) {
        fields.add(f);
      } else {
        ok = false;
      }
    }
    // With a field missing, a reference to it would be reported as unknown: resolve only complete lists.
    if (ok) {
      resolveReferences(fields, map, "common_fields", true);
    }
    identifiers("common_fields", fields);
    return fields;
  }

  private List<EventType> eventTypes(MapNode root, List<Field> common, Changes changes) {
    List<EventType> types = new ArrayList<>();
    Node node = root.get(EVENT_TYPES).orElse(null);
    if (node == null) {
      problems.add(root, "missing key 'event_types' (a list of event types, each with event_type_id, weight and fields)");
      return types;
    }
    if (!(node instanceof ListNode list) || list.items().isEmpty()) {
      problems.add(
          node,
          EVENT_TYPES + " must list at least one event type, got " + FieldScope.shape(node));
      return types;
    }
    Map<String, EventType> byId = new HashMap<>();
    Map<String, EventType> byClass = new HashMap<>();
    List<ScalarNode> weightNodes = new ArrayList<>();
    boolean weightsOk = true;
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      if (!(item instanceof MapNode map)) {
        problems.add(item, "event #" + (i + 1) + " must be a mapping with event_type_id, weight and fields, got " + FieldScope.shape(item));
        weightsOk = false;
        continue;
      }
      String id = eventId(map, i);
      String element = id == null ? "event #" + (i + 1) : "event '" + id + "'";
      for (MapNode.Entry e : map.entries()) {
        if (!EVENT_KEYS.contains(e.name())) {
          problems.add(e.key(), element + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), EVENT_KEYS));
        }
      }
      String machine = id == null ? null : sessions.machineOf(id);
      ScalarNode weight = machine != null && map.get("weight").isEmpty()
          ? ScalarNode.string("0", map.location()) : weight(map, element);
      if (weight == null) {
        weightsOk = false;
      } else if (machine != null) {
        if (map.get("weight").isPresent() && weight.number().doubleValue() != 0) {
          problems.add(weight, element + ": a type of session machine '" + machine + "' takes no weight (the machine's weight is the share"
              + " of its sessions' events); remove it");
          weightsOk = false;
        }
      } else {
        weightNodes.add(weight);
      }
      List<Field> fields = map.get(Changes.KEY).isEmpty()
          ? typeFields(map, element, common)
          : changeFields(map, id, element, common, changes);
      if (id == null || weight == null || fields == null) {
        continue;
      }
      EventType type =
          EventType.builder(id).weight(machine != null ? 0 : weight.number().doubleValue()).location(map.location()).build();
      EventType.Builder b = type.toBuilder();
      fields.forEach(b::addField);
      type = b.build();
      EventType first = byId.putIfAbsent(id, type);
      if (first != null) {
        problems.add(
            map.get("event_type_id").get(),
            element + ": duplicate event_type_id (first defined at line " + first.location().line() + ")");
        continue;
      }
      className(type, map, element, byClass);
      types.add(type);
    }
    if (weightsOk && !weightNodes.isEmpty() && !sessions.present()) {
      new FieldScope(problems, EVENT_TYPES).weights(weightNodes, list, "event type weights");
    }
    return types;
  }

  private String eventId(MapNode map, int index) {
    Node node = map.get("event_type_id").orElse(null);
    if (node == null) {
      problems.add(map, "event #" + (index + 1) + ": missing key 'event_type_id'");
      return null;
    }
    if (!(node instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.STRING || s.text().isEmpty()) {
      problems.add(node, "event #" + (index + 1) + ": event_type_id must be a non-empty string, got " + FieldScope.shape(node));
      return null;
    }
    if (s.text().length() > MAX_NAME_LENGTH) {
      problems.add(s, "event #" + (index + 1) + ": event_type_id is " + s.text().length() + " characters long; at most " + MAX_NAME_LENGTH + " are supported");
      return null;
    }
    if (!EVENT_ID.matcher(s.text()).matches()) {
      problems.add(
          s,
          "event '" + s.text() + "': event_type_id may only contain letters, digits, '.', '_' and '-'");
      return null;
    }
    return s.text();
  }

  private ScalarNode weight(MapNode map, String element) {
    Node node = map.get("weight").orElse(null);
    if (node == null) {
      problems.add(map, element + ": missing key 'weight' (its share of all events; weights sum to 1)");
      return null;
    }
    if (!(node instanceof ScalarNode s) || !s.isNumber()) {
      problems.add(node, element + ": weight must be a number, got " + FieldScope.shape(node));
      return null;
    }
    double w = s.number().doubleValue();
    if (!Double.isFinite(w)) {
      problems.add(node, element + ": weight '" + s.text() + "' is not a finite number");
      return null;
    }
    if (w < 0) {
      problems.add(node, element + ": weight " + s.text() + " is negative; weights are 0 or more");
      return null;
    }
    return s;
  }

  /** Common fields first, then a change stream's envelope; null after reporting problems. */
  private List<Field> changeFields(MapNode map, String id, String element, List<Field> common, Changes changes) {
    List<Field> fields = changes.fields(map, id == null ? element : id, element, common);
    return fields != null && identifiers(element, fields) ? fields : null;
  }

  /** Common fields first, then the type's own; null when a field was invalid. */
  private List<Field> typeFields(MapNode map, String element, List<Field> common) {
    Node node = map.get("fields").orElse(null);
    List<Field> fields = new ArrayList<>(common);
    if (node == null || (node instanceof ScalarNode s && s.isNull())) {
      return fields;
    }
    if (!(node instanceof MapNode fieldMap)) {
      problems.add(node, element + ": fields must be a mapping of field names to definitions, got " + FieldScope.shape(node));
      return null;
    }
    boolean ok = true;
    for (MapNode.Entry e : fieldMap.entries()) {
      String fieldElement = element + " field '" + e.name() + "'";
      Field f = field(e, fieldElement, false);
      if (f == null) {
        ok = false;
        continue;
      }
      Optional<Field> shared = common.stream().filter(c -> c.name().equals(f.name())).findFirst();
      if (shared.isPresent()) {
        if (!shared.get().kind().equals(f.kind())) {
          problems.add(
              e.key(),
              fieldElement
                  + ": redefines common field '"
                  + f.name()
                  + "' ("
                  + shared.get().describe()
                  + ") as "
                  + f.describe()
                  + "; repeat it identically or rename it");
          ok = false;
        }
        continue; // An identical repetition keeps the common field's place.
      }
      fields.add(f);
    }
    if (!ok || !resolveReferences(fields, fieldMap, element, false)) {
      return null;
    }
    if (fields.size() > EventType.MAX_FIELDS) {
      problems.add(node, element + ": has " + fields.size() + " fields; at most " + EventType.MAX_FIELDS + " are supported");
      return null;
    }
    return identifiers(element, fields) ? fields : null;
  }

  /**
   * Binds the fields whose values depend on others of the same event ({@link
   * FieldKind#refersToFields}) to {@code fields}, in place; the common fields among a type's were
   * bound under common_fields. False after reporting problems.
   */
  private boolean resolveReferences(List<Field> fields, MapNode definitions, String element, boolean common) {
    boolean ok = true;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      if (!f.kind().refersToFields() || f.common() != common) {
        continue;
      }
      String fieldElement = common ? "common field '" + f.name() + "'" : element + " field '" + f.name() + "'";
      MapNode definition = (MapNode) definitions.get(f.name()).orElseThrow();
      Field resolved = f.kind().resolve(f, fields, definition, new FieldScope(problems, fieldElement));
      if (resolved == null) {
        ok = false;
      } else {
        fields.set(i, resolved);
      }
    }
    return ok;
  }

  /** One event or common field definition, or null after reporting its problems. */
  private Field field(MapNode.Entry entry, String element, boolean common) {
    return field(entry, entry.name(), element, common, FieldScope.Nesting.top(entry.name(), nestedFields));
  }

  /** A pool's field: parsed as an event's field is, salted by its pool ({@link RefKind#poolFieldPath}). */
  private Field poolField(MapNode.Entry entry, String pool, String element) {
    String path = RefKind.poolFieldPath(pool, entry.name());
    FieldScope.Nesting nesting = new FieldScope.Nesting(entry.name(), path, Identifiers.identifier(entry.name()), 1, false, nestedFields);
    // A flag rather than the path's '@': an event's field may be named "@timestamp".
    parsingPool = true;
    try {
      return field(entry, entry.name(), element, false, nesting);
    } finally {
      parsingPool = false;
    }
  }

  /** Whether the field being parsed (nested ones included) is a pool's. */
  private boolean parsingPool;

  /** Parses the fields nested in a struct or an array with the rules of {@link #field}. */
  private final FieldScope.FieldParser nestedFields = new FieldScope.FieldParser() {
    @Override
    public Field parse(MapNode.Entry definition, String name, String element, FieldScope.Nesting nesting) {
      return field(definition, name, element, false, nesting);
    }

    @Override
    public boolean identifiers(String element, List<Field> fields) {
      return SpecValidator.this.identifiers(element, fields);
    }
  };

  private static final String SESSION = "session";
  private static final List<String> SESSION_VALUES = List.of("id", "step", "time");

  /**
   * {@code {session: id}}: the session's id, a unique uuid drawn at the session number (bound to its
   * machine by {@link Sessions#bind}). Null after reporting a problem.
   */
  private Field sessionField(MapNode.Entry entry, String name, MapNode definition, FieldScope scope, boolean common,
      FieldScope.Nesting nesting) {
    for (MapNode.Entry e : definition.entries()) {
      if (!e.name().equals(SESSION)) {
        scope.error(e.key(), "a session field takes only 'session' (session: id, step or time), not '" + e.name() + "'");
        return null;
      }
    }
    Node what = definition.get(SESSION).get();
    if (!(what instanceof ScalarNode s) || !SESSION_VALUES.contains(s.text()) || s.kind() != ScalarNode.Kind.STRING) {
      scope.error(what, "session must be 'id' (the session's id, a uuid shared by its events), 'step' (the event's index in its "
          + "session, 0 for the start) or 'time' (the session's clock), got " + FieldScope.shape(what));
      return null;
    }
    if (nesting.depth() > 1 || parsingPool) {
      scope.error(what, "session: " + s.text() + " is a field of an event, not nested in a struct, array or map, nor in a pool");
      return null;
    }
    if (!s.text().equals("id")) {
      return Field.builder(name, new SessionValueKind(s.text().equals("time"), null))
          .common(common)
          .location(entry.key().location())
          .path(nesting.path(), nesting.codePath())
          .build();
    }
    Field target = Field.builder(name, new UniqueKind(new UuidKind()))
        .location(entry.key().location())
        .path(nesting.path() + "#session", nesting.codePath() + "_session")
        .build();
    RefKind kind = new RefKind("session.id", "", null, null,
        new RefKind.Resolved(target, new RefKind.Session(null, null)));
    return Field.builder(name, kind)
        .common(common)
        .location(entry.key().location())
        .path(nesting.path(), nesting.codePath())
        .build();
  }

  /** One field definition named {@code name} (an array's items: the array's), or null after reporting its problems. */
  private Field field(MapNode.Entry entry, String name, String element, boolean common, FieldScope.Nesting nesting) {
    FieldScope scope = new FieldScope(problems, element, nesting);
    if (name.isEmpty()) {
      scope.error(entry.key(), "field names must not be empty");
      return null;
    }
    if (name.length() > MAX_NAME_LENGTH) {
      new FieldScope(problems, element.replace(name, name.substring(0, 20) + "..."))
          .error(entry.key(), "the name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + " are supported");
      return null;
    }
    if (!(entry.value() instanceof MapNode definition)) {
      scope.error(
          entry.value(),
          "must be a mapping with a type (one of " + String.join(", ", FieldKinds.names()) + "), got " + FieldScope.shape(entry.value()));
      return null;
    }
    if (definition.get("type").isEmpty() && definition.get(SESSION).isPresent()) {
      return sessionField(entry, name, definition, scope, common, nesting);
    }
    boolean shorthandRef = definition.get("type").isEmpty() && definition.get(RefKind.KEY).isPresent();
    Node typeNode = shorthandRef
        ? definition.get(RefKind.KEY).get()
        : scope.require(definition, "type", "one of " + String.join(", ", FieldKinds.names())
            + "; a reference needs only ref: <pool>.<field> or ref: <event_type_id>.<field>");
    if (typeNode == null) {
      return null;
    }
    if (!shorthandRef && (!(typeNode instanceof ScalarNode tn) || tn.isNull())) {
      scope.error(typeNode, "type must be one of " + String.join(", ", FieldKinds.names()) + ", got " + FieldScope.shape(typeNode));
      return null;
    }
    String typeName = shorthandRef ? RefKind.KEY : ((ScalarNode) typeNode).text();
    Optional<KindDefinition> kind = FieldKinds.find(typeName);
    if (kind.isEmpty()) {
      scope.error(
          typeNode,
          "unknown type '"
              + typeName
              + "'"
              + DidYouMean.suggest(typeName, FieldKinds.names()).map(s -> "; did you mean '" + s + "'?").orElse("")
              + " (allowed: "
              + String.join(", ", FieldKinds.names())
              + ")");
      return null;
    }
    if (nesting.inArray() && typeName.equals("sequence")) {
      scope.error(typeNode, "a sequence counts rows and an array's items or a map's entries have no row of their own; use a template or an int");
      return null;
    }
    if (typeName.equals(RefKind.KEY) && (nesting.depth() > 1 || parsingPool)) {
      scope.error(typeNode, parsingPool
          ? "a pool's fields are its own: a reference to another pool or event type is not supported in entities; "
              + "refer to both from the event instead"
          : "a reference is a field of an event or of common_fields, not nested in a struct, array or map; "
              + "make it a field of the event");
      return null;
    }
    boolean uniqueApplies = UniqueKind.KINDS.contains(typeName);
    List<String> keys = Stream.of(List.of("type"), kind.get().keys(), Nulls.KEYS, uniqueApplies ? List.of(UniqueKind.KEY) : List.<String>of())
        .flatMap(List::stream)
        .toList();
    boolean ok = true;
    for (MapNode.Entry e : definition.entries()) {
      if (keys.contains(e.name())) {
        continue;
      }
      ok = false;
      if (e.name().equals(UniqueKind.KEY)) {
        // One message saying where unique applies, rather than "unknown key".
        scope.error(e.key(), typeName.equals(RefKind.KEY)
            ? "unique does not apply to a reference, whose values are its target's: put unique: true on the target field"
            : "unique applies to " + String.join(", ", UniqueKind.KINDS) + " fields, not " + typeName);
        continue;
      }
      List<String> owners = FieldKinds.ALL.stream().filter(k -> k.keys().contains(e.name())).map(KindDefinition::typeName).toList();
      scope.error(
          e.key(),
          owners.isEmpty()
              ? "unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), keys)
              : "key '" + e.name() + "' does not apply to type " + typeName + " (it takes: " + String.join(", ", keys) + ")");
    }
    FieldKind parsed = kind.get().parse(definition, scope);
    if (parsed != null && uniqueApplies && definition.get(UniqueKind.KEY).isPresent()) {
      parsed = UniqueKind.apply(parsed, definition, scope).orElse(null);
      if (parsed instanceof UniqueKind && nesting.inArray()) {
        scope.error(definition.entry(UniqueKind.KEY).orElseThrow().key(),
            "unique values are distinct per row, and an array's items or a map's entries have no row of their own; remove unique");
        return null;
      }
    }
    Optional<Nulls> nulls = Nulls.parse(definition, scope);
    if (parsed == null || nulls == null || !ok) {
      return null;
    }
    return Field.builder(name, parsed)
        .nulls(nulls)
        .common(common)
        .location(entry.key().location())
        .path(nesting.path(), nesting.codePath())
        .build();
  }

  /**
   * Field names must stay distinct in Java, Avro and Protobuf (same identifier, or same Protobuf
   * JSON name, or a name a field's nested Protobuf type declares in the message, like an enum's
   * values) and must not be words the generated code needs. Reports at the later field.
   */
  private boolean identifiers(String element, List<Field> fields) {
    boolean ok = true;
    Map<String, Field> byIdentifier = new LinkedHashMap<>();
    Map<String, Field> byJsonName = new LinkedHashMap<>();
    Map<String, Field> byProtoName = new LinkedHashMap<>();
    for (Field f : fields) {
      String fieldElement = element.equals("common_fields")
          ? "common field '" + f.name() + "'"
          : f.path().equals(f.name()) ? element + " field '" + f.name() + "'" : element.substring(0, element.length() - 1) + "." + f.name() + "'";
      Location at = f.location();
      if (f.common() && !element.equals("common_fields")) {
        byIdentifier.put(f.identifier(), f);
        byJsonName.put(Identifiers.protoJsonName(f.identifier()), f);
        protoNames(f).forEach(n -> byProtoName.put(n, f));
        continue; // Checked once, under common_fields.
      }
      if (Identifiers.JAVA_KEYWORDS.contains(f.identifier())) {
        problems.add(at, fieldElement + ": '" + f.identifier() + "' is a reserved word in Java; rename the field");
        ok = false;
        continue;
      }
      if (Identifiers.RESERVED.contains(f.identifier())) {
        problems.add(at, fieldElement + ": '" + f.identifier() + "' is reserved in generated code; rename the field");
        ok = false;
        continue;
      }
      Field first = byIdentifier.putIfAbsent(f.identifier(), f);
      if (first != null) {
        problems.add(
            at,
            fieldElement
                + ": identifier '"
                + f.identifier()
                + "' (Java, Avro, Protobuf) collides with field '"
                + first.name()
                + "' (line "
                + first.location().line()
                + "); rename one");
        ok = false;
        continue;
      }
      String jsonName = Identifiers.protoJsonName(f.identifier());
      first = byJsonName.putIfAbsent(jsonName, f);
      if (first != null) {
        problems.add(
            at,
            fieldElement
                + ": Protobuf JSON name '"
                + jsonName
                + "' collides with field '"
                + first.name()
                + "' (line "
                + first.location().line()
                + "); rename one");
        ok = false;
        continue;
      }
      for (String name : protoNames(f)) {
        first = byProtoName.putIfAbsent(name, f);
        if (first == f) {
          problems.add(at, fieldElement + ": Protobuf name '" + name + "' of its nested type is the field's own name; rename the field");
          ok = false;
          break;
        }
        if (first != null) {
          problems.add(
              at,
              fieldElement
                  + ": Protobuf name '"
                  + name
                  + "' collides with a name of field '"
                  + first.name()
                  + "' (line "
                  + first.location().line()
                  + ") in the message; rename one");
          ok = false;
          break;
        }
      }
    }
    return ok;
  }

  /** The names a field takes in its Protobuf message's scope: its own and those its kind declares there. */
  private static List<String> protoNames(Field f) {
    List<String> names = new ArrayList<>();
    names.add(f.identifier());
    names.addAll(f.kind().protoScopeNames(f.identifier()));
    return names;
  }

  /** Generated class names must be distinct (also on case-insensitive file systems) and not shadow java.lang. */
  private void className(EventType type, MapNode map, String element, Map<String, EventType> byClass) {
    Node at = map.get("event_type_id").get();
    String name = type.className();
    if (name.equals(ProtoSchema.ENVELOPE)) {
      problems.add(at, element + ": class name '" + name + "' is the Protobuf envelope message's; rename the event type");
      return;
    }
    if (Identifiers.shadowsJavaLang(name)) {
      problems.add(at, element + ": class name '" + name + "' would shadow java.lang." + name + "; rename the event type");
      return;
    }
    EventType first = byClass.get(Identifiers.fileKey(name));
    if (first != null) {
      problems.add(
          at,
          element
              + ": class name '"
              + name
              + "' collides with the classes of event '"
              + first.id()
              + "' (line "
              + first.location().line()
              + "); rename one");
      return;
    }
    byClass.put(Identifiers.fileKey(name), type);
  }

  /**
   * {@code sink_config.partition_key_field} must name a field every event has: a common field, or a
   * field present in every type, and never null. Unset, the partition key is the event_type_id.
   */
  private void partitionKey(Settings settings, List<Field> common, List<EventType> types) {
    settings.get("sink_config.partition_key_field").ifPresent(setting -> {
      String name = setting.value();
      Optional<Field> nullable = Stream.concat(common.stream(), types.stream().flatMap(t -> t.fields().stream()))
          .filter(f -> f.name().equals(name) && f.nulls().isPresent())
          .findFirst();
      Optional<Field> nested = Stream.concat(common.stream(), types.stream().flatMap(t -> t.fields().stream()))
          .filter(f -> f.name().equals(name) && !f.kind().children().isEmpty())
          .findFirst();
      if (nested.isPresent()) {
        problems.add(
            setting.location(),
            "sink_config: partition_key_field '" + name + "' is a " + nested.get().kind().typeName() + " (line "
                + nested.get().location().line() + "); a partition key must be a single value");
        return;
      }
      if (nullable.isPresent()) {
        problems.add(
            setting.location(),
            "sink_config: partition_key_field '" + name + "' is nullable (line " + nullable.get().location().line()
                + "); a partition key must always have a value");
        return;
      }
      if (name.equals("event_type_id") || common.stream().anyMatch(f -> f.name().equals(name))) {
        return;
      }
      if (!types.isEmpty() && types.stream().allMatch(t -> t.fields().stream().anyMatch(f -> f.name().equals(name)))) {
        return;
      }
      List<String> candidates = new ArrayList<>();
      common.forEach(f -> candidates.add(f.name()));
      types.stream().flatMap(t -> t.fields().stream()).map(Field::name).distinct().forEach(n -> {
        if (!candidates.contains(n)) {
          candidates.add(n);
        }
      });
      String missing = types.stream()
          .filter(t -> t.fields().stream().noneMatch(f -> f.name().equals(name)))
          .map(EventType::id)
          .findFirst()
          .map(id -> " (event '" + id + "' has no such field)")
          .orElse("");
      problems.add(
          setting.location(),
          "sink_config: partition_key_field '"
              + name
              + "' must be a common field or a field of every event type"
              + missing
              + DidYouMean.suggest(name, candidates).filter(s -> !s.equals(name)).map(s -> "; did you mean '" + s + "'?").orElse(""));
    });
  }
}
