package dev.streamgen.compiler.validate;

import dev.streamgen.compiler.config.Location;
import dev.streamgen.compiler.config.MapNode;
import dev.streamgen.compiler.config.Node;
import dev.streamgen.compiler.config.Problems;
import dev.streamgen.compiler.config.ScalarNode;
import dev.streamgen.compiler.model.EntityPool;
import dev.streamgen.compiler.model.EventType;
import dev.streamgen.compiler.model.Field;
import dev.streamgen.compiler.model.FieldScope;
import dev.streamgen.compiler.model.RefKind;
import dev.streamgen.compiler.model.SessionGap;
import dev.streamgen.compiler.model.SessionSpec;
import dev.streamgen.compiler.model.SessionValueKind;
import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.kinds.SessionMachine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sessions} (top level): session state machines over event types. Parsed before the event
 * types (a machine's types take no weight), weighted once they are known (the start type carries the
 * machine's weight), and bound after the references ({@code session: id} fields, and references to
 * the machine's entity pool, read the session's row). Problems are reported at the key that causes
 * them: unknown types (did you mean), a type in two machines, machine types with a weight, transition
 * weights not summing to 1, unreachable types, no end reachable without max_events, concurrency or
 * max_events out of range, an unknown entity pool, {@code session: id} outside a machine's types.
 */
final class Sessions {
  static final String KEY = "sessions";
  static final List<String> KEYS = List.of("weight", "concurrency", "max_events", "entity", "start", "transitions", SessionGap.KEY);
  /** The keys of a transition target written as a mapping. */
  static final List<String> TARGET_KEYS = List.of("weight", SessionGap.KEY);
  static final int DEFAULT_CONCURRENCY = 100;
  static final int DEFAULT_MAX_EVENTS = 100;

  private final Problems problems;
  private final List<SessionSpec> specs = new ArrayList<>();
  /** Type id to its machine's name. */
  private final Map<String, String> machineOf = new HashMap<>();
  /** Type id to the node that names it first. */
  private final Map<String, Node> named = new HashMap<>();
  private Node node;
  private final List<SessionSpec> boundSpecs = new ArrayList<>();

  /** The machines bound by {@link #bind}. */
  List<SessionSpec> bound() {
    return boundSpecs;
  }

  Sessions(Problems problems) {
    this.problems = problems;
  }

  boolean present() {
    return node != null;
  }

  /** The machine type {@code id} is a state of, or null. */
  String machineOf(String id) {
    return machineOf.get(id);
  }

  void parse(MapNode root) {
    node = root.get(KEY).orElse(null);
    if (node == null || (node instanceof ScalarNode s && s.isNull())) {
      node = null;
      return;
    }
    if (!(node instanceof MapNode map) || map.entries().isEmpty()) {
      problems.add(node, KEY + " must be a mapping of machine names to machines, got " + FieldScope.shape(node));
      return;
    }
    for (MapNode.Entry e : map.entries()) {
      SessionSpec spec = machine(e);
      if (spec != null) {
        specs.add(spec);
      }
    }
  }

  private SessionSpec machine(MapNode.Entry entry) {
    String name = entry.name();
    String element = "sessions: machine '" + name + "'";
    if (!(entry.value() instanceof MapNode m)) {
      problems.add(entry.value(), element + " must be a mapping with weight, start and transitions, got " + FieldScope.shape(entry.value()));
      return null;
    }
    boolean ok = true;
    for (MapNode.Entry e : m.entries()) {
      if (!KEYS.contains(e.name())) {
        problems.add(e.key(), element + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), KEYS));
        ok = false;
      }
    }
    Double weight = number(m, "weight", element, null);
    if (weight != null && !(weight > 0 && weight <= 1)) {
      problems.add(m.get("weight").get(), element + ": weight must be a number in (0, 1] (the share of all rows that are its sessions' events), got " + FieldScope.format(weight));
      weight = null;
    }
    Integer concurrency = whole(m, "concurrency", element, DEFAULT_CONCURRENCY, SessionMachine.MAX_CONCURRENCY,
        "sessions in progress at once");
    Integer maxEvents = whole(m, "max_events", element, DEFAULT_MAX_EVENTS, SessionMachine.MAX_EVENTS_LIMIT,
        "a session is cut after this many events");
    String entity = null;
    if (m.get("entity").isPresent()) {
      Node n = m.get("entity").get();
      if (!(n instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.STRING) {
        problems.add(n, element + ": entity must name a pool, got " + FieldScope.shape(n));
        ok = false;
      } else {
        entity = s.text();
      }
    }
    SessionGap machineGap = null;
    if (m.get(SessionGap.KEY).isPresent()) {
      machineGap = SessionGap.parse(m.get(SessionGap.KEY).get(), new FieldScope(problems, element));
      ok &= machineGap != null;
    }
    Map<String, SessionGap> gaps = new HashMap<>();
    Node startNode = m.get("start").orElse(null);
    if (startNode == null) {
      problems.add(m, element + ": missing key 'start' (the event type that starts a session)");
      return null;
    }
    if (!(startNode instanceof ScalarNode ss) || ss.kind() != ScalarNode.Kind.STRING) {
      problems.add(startNode, element + ": start must be an event type id, got " + FieldScope.shape(startNode));
      return null;
    }
    List<String> states = new ArrayList<>();
    Map<String, Node> stateNodes = new LinkedHashMap<>();
    states.add(ss.text());
    stateNodes.put(ss.text(), ss);
    Map<String, List<String[]>> raw = new LinkedHashMap<>();
    Map<String, Node> fromNodes = new LinkedHashMap<>();
    Node tn = m.get("transitions").orElse(null);
    if (tn == null || !(tn instanceof MapNode transitions) || transitions.entries().isEmpty()) {
      problems.add(tn == null ? m : tn, element + ": transitions must map event types to {next type: weight or {weight, gap}}, got "
          + (tn == null ? "nothing" : FieldScope.shape(tn)));
      return null;
    }
    for (MapNode.Entry from : transitions.entries()) {
      fromNodes.put(from.name(), from.key());
      if (!stateNodes.containsKey(from.name())) {
        states.add(from.name());
        stateNodes.put(from.name(), from.key());
      }
      List<String[]> outs = new ArrayList<>();
      raw.put(from.name(), outs);
      if (from.value() instanceof ScalarNode sv && sv.isNull()) {
        continue;
      }
      if (!(from.value() instanceof MapNode targets)) {
        problems.add(from.value(), element + ": transitions of '" + from.name() + "' must map next types to weights, got " + FieldScope.shape(from.value()));
        ok = false;
        continue;
      }
      double sum = 0;
      List<String> texts = new ArrayList<>();
      for (MapNode.Entry to : targets.entries()) {
        String transition = element + ": transition '" + from.name() + "' -> '" + to.name() + "'";
        Node weightNode = to.value();
        if (to.value() instanceof MapNode target) {
          // {weight: w, gap: {...}}: a weight and the transition's own gap.
          boolean keysOk = true;
          for (MapNode.Entry e : target.entries()) {
            if (!TARGET_KEYS.contains(e.name())) {
              problems.add(e.key(), transition + ": unknown key '" + e.name() + "'" + DidYouMean.hint(e.name(), TARGET_KEYS));
              keysOk = false;
            }
          }
          weightNode = target.get("weight").orElse(null);
          if (weightNode == null) {
            problems.add(target, transition + ": missing key 'weight'");
            keysOk = false;
          }
          if (target.get(SessionGap.KEY).isPresent()) {
            SessionGap g = SessionGap.parse(target.get(SessionGap.KEY).get(), new FieldScope(problems, transition));
            if (g == null) {
              keysOk = false;
            } else {
              gaps.put(from.name() + "\u0000" + to.name(), g);
            }
          }
          if (!keysOk) {
            ok = false;
            continue;
          }
        }
        if (!(weightNode instanceof ScalarNode w) || !w.isNumber() || !(w.number().doubleValue() > 0)
            || Double.isInfinite(w.number().doubleValue())) {
          problems.add(weightNode, transition + ": weight must be a positive number, got " + FieldScope.shape(weightNode));
          ok = false;
          continue;
        }
        sum += w.number().doubleValue();
        texts.add(w.text());
        outs.add(new String[] {to.name(), w.text()});
        if (!stateNodes.containsKey(to.name())) {
          states.add(to.name());
          stateNodes.put(to.name(), to.key());
        }
      }
      if (ok && Math.abs(sum - 1) > FieldScope.WEIGHT_TOLERANCE) {
        problems.add(from.value(), element + ": transition weights of '" + from.name() + "' sum to " + FieldScope.format(sum)
            + ", not 1 (tolerance 1e-6): " + String.join(" + ", texts));
        ok = false;
      }
    }
    for (Map.Entry<String, Node> s : stateNodes.entrySet()) {
      String other = machineOf.putIfAbsent(s.getKey(), name);
      if (other != null && !other.equals(name)) {
        problems.add(s.getValue(), element + ": event type '" + s.getKey() + "' is a state of machine '" + other
            + "' already; a type belongs to at most one machine");
        ok = false;
      }
      named.putIfAbsent(s.getKey(), s.getValue());
    }
    if (!ok || weight == null || concurrency == null || maxEvents == null) {
      return null;
    }
    List<List<SessionSpec.Transition>> edges = new ArrayList<>();
    for (String state : states) {
      List<SessionSpec.Transition> ts = new ArrayList<>();
      for (String[] t : raw.getOrDefault(state, List.of())) {
        ts.add(new SessionSpec.Transition(states.indexOf(t[0]), Double.parseDouble(t[1]),
            gaps.getOrDefault(state + "\u0000" + t[0], machineGap)));
      }
      edges.add(ts);
    }
    // Reachability from the start; an end (a state without transitions) must be reachable unless max_events cuts.
    boolean[] reached = new boolean[states.size()];
    Deque<Integer> todo = new ArrayDeque<>();
    reached[0] = true;
    todo.add(0);
    boolean endReachable = false;
    while (!todo.isEmpty()) {
      int s = todo.poll();
      if (edges.get(s).isEmpty()) {
        endReachable = true;
      }
      for (SessionSpec.Transition t : edges.get(s)) {
        if (!reached[t.to()]) {
          reached[t.to()] = true;
          todo.add(t.to());
        }
      }
    }
    for (int s = 0; s < states.size(); s++) {
      if (!reached[s]) {
        problems.add(stateNodes.get(states.get(s)), element + ": event type '" + states.get(s) + "' cannot be reached from the start '"
            + states.get(0) + "'");
        ok = false;
      }
    }
    if (ok && !endReachable && m.get("max_events").isEmpty()) {
      problems.add(transitions, element + ": no session can end (every reachable type has transitions); add a type without "
          + "transitions or set max_events");
      ok = false;
    }
    return ok ? new SessionSpec(name, weight, concurrency, maxEvents, entity, states, edges, entry.key().location(), null, null) : null;
  }

  private Double number(MapNode m, String key, String element, Double otherwise) {
    Node n = m.get(key).orElse(null);
    if (n == null) {
      if (otherwise == null) {
        problems.add(m, element + ": missing key '" + key + "'");
      }
      return otherwise;
    }
    if (!(n instanceof ScalarNode s) || !s.isNumber()) {
      problems.add(n, element + ": " + key + " must be a number, got " + FieldScope.shape(n));
      return null;
    }
    return s.number().doubleValue();
  }

  private Integer whole(MapNode m, String key, String element, int otherwise, int max, String what) {
    Node n = m.get(key).orElse(null);
    if (n == null) {
      return otherwise;
    }
    if (!(n instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.INT || s.number().longValue() < 1
        || s.number().longValue() > max) {
      problems.add(n, element + ": " + key + " must be a whole number from 1 to " + max + " (" + what + "), got " + FieldScope.shape(n));
      return null;
    }
    return s.number().intValue();
  }

  /**
   * The types with each machine's start type weighted by the machine, after checking that every
   * state is a declared type and that event and machine weights sum to 1. The input after problems.
   */
  List<EventType> weigh(List<EventType> types, Map<String, EntityPool> pools) {
    if (!present()) {
      return types;
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < types.size(); i++) {
      index.put(types.get(i).id(), i);
    }
    List<String> ids = types.stream().map(EventType::id).toList();
    boolean ok = true;
    for (Map.Entry<String, String> e : machineOf.entrySet()) {
      if (!index.containsKey(e.getKey())) {
        problems.add(named.get(e.getKey()), "sessions: machine '" + e.getValue() + "': no event type '" + e.getKey() + "'"
            + DidYouMean.suggest(e.getKey(), ids).map(s -> "; did you mean '" + s + "'?").orElse("")
            + " (declare it under event_types, without weight)");
        ok = false;
      }
    }
    double sum = 0;
    List<String> parts = new ArrayList<>();
    for (EventType t : types) {
      if (t.weight() > 0) {
        sum += t.weight();
        parts.add(FieldScope.format(t.weight()));
      }
    }
    for (SessionSpec s : specs) {
      sum += s.weight();
      parts.add(FieldScope.format(s.weight()) + " (sessions " + s.name() + ")");
      if (s.entity() != null && !pools.containsKey(s.entity())) {
        problems.add(s.location(), "sessions: machine '" + s.name() + "': entity: no pool '" + s.entity() + "'"
            + DidYouMean.suggest(s.entity(), new ArrayList<>(pools.keySet())).map(x -> "; did you mean '" + x + "'?").orElse("")
            + (pools.isEmpty() ? " (pools are declared under entities)" : " (pools: " + String.join(", ", pools.keySet()) + ")"));
        ok = false;
      }
    }
    if (Math.abs(sum - 1) > FieldScope.WEIGHT_TOLERANCE) {
      problems.add(node, "event type and session weights sum to " + FieldScope.format(sum) + ", not 1 (tolerance 1e-6): "
          + String.join(" + ", parts));
      ok = false;
    }
    if (!ok) {
      return types;
    }
    List<EventType> out = new ArrayList<>(types);
    for (SessionSpec s : specs) {
      int start = index.get(s.states().get(0));
      out.set(start, out.get(start).toBuilder().weight(s.weight()).build());
    }
    return out;
  }

  /** Binds the machines to the rows of their start types, and the session fields and entity references of their types. */
  List<EventType> bind(List<EventType> types) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < types.size(); i++) {
      index.put(types.get(i).id(), i);
    }
    Map<String, SessionSpec> bound = new HashMap<>();
    if (!specs.isEmpty()) {
      AliasTable pick = AliasTable.of(types.stream().mapToDouble(EventType::weight).toArray());
      for (SessionSpec s : specs) {
        int[] typeIndexes = s.states().stream().mapToInt(index::get).toArray();
        SessionSpec b = s.bind(typeIndexes, pick.rowsOf(typeIndexes[0]));
        bound.put(s.name(), b);
        boundSpecs.add(b);
      }
    }
    List<EventType> out = new ArrayList<>(types.size());
    for (EventType type : types) {
      String machine = machineOf.get(type.id());
      SessionSpec spec = machine == null ? null : bound.get(machine);
      EventType.Builder b = EventType.builder(type.id()).weight(type.weight()).location(type.location());
      for (Field f : type.fields()) {
        b.addField(bindField(type, f, spec));
      }
      out.add(b.build());
    }
    return out;
  }

  private Field bindField(EventType type, Field f, SessionSpec spec) {
    if (f.kind() instanceof SessionValueKind sv && sv.machine() == null) {
      String field = (f.common() ? "common field '" : "event '" + type.id() + "' field '") + f.name() + "': session: " + sv.mode();
      if (spec == null) {
        problems.add(f.location(), field + " is a field of a session machine's event types"
            + (f.common() ? "; declare it in each of them" : "; '" + type.id() + "' is in no machine under sessions"));
        return f;
      }
      String missing = sv.time() ? spec.transitionWithoutGap() : null;
      if (missing != null) {
        problems.add(f.location(), field + " needs a gap on every transition of machine '" + spec.name() + "'; " + missing
            + " has none (set gap on the machine or on the transition)");
        return f;
      }
      return f.toBuilder(new SessionValueKind(sv.time(), spec)).build();
    }
    if (!(f.kind() instanceof RefKind ref) || ref.definition() != null) {
      return f;
    }
    RefKind.Resolved r = ref.resolved();
    if (r.source() instanceof RefKind.Session ss && ss.machine() == null) {
      if (spec == null) {
        problems.add(f.location(), (f.common() ? "common field '" : "event '" + type.id() + "' field '") + f.name()
            + "': session: id is a field of a session machine's event types"
            + (f.common() ? "; declare it in each of them" : "; '" + type.id() + "' is in no machine under sessions"));
        return f;
      }
      return f.toBuilder(ref.bind(new RefKind.Resolved(r.target(), new RefKind.Session(spec, null)))).build();
    }
    if (spec != null && spec.entity() != null && r.source() instanceof RefKind.Member m && m.pool().equals(spec.entity())
        && ref.role().isEmpty()) {
      return f.toBuilder(ref.bind(new RefKind.Resolved(r.target(), new RefKind.Session(spec, m)))).build();
    }
    return f;
  }
}
