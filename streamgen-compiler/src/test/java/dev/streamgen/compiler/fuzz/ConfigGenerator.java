package dev.streamgen.compiler.fuzz;

import dev.streamgen.compiler.fuzz.Yaml.Entry;
import dev.streamgen.compiler.fuzz.Yaml.ListNode;
import dev.streamgen.compiler.fuzz.Yaml.MapNode;
import dev.streamgen.compiler.fuzz.Yaml.Node;
import dev.streamgen.compiler.fuzz.Yaml.Scalar;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Random configs in the seed's format that are meant to be valid (the starting point of most
 * mutations): a few event types with weights summing to exactly 1 in decimal, fields of every kind,
 * and optional settings; now and then entity pools, references to their members (roles,
 * popularities, nullable references, in common fields too) and to ids earlier types emit (with a
 * match share, and a window: emitted earlier, later or either, within rows), unique int, long and
 * uuid fields, and session machines ({@code sessions}: weights, gaps, entity, session id, step and
 * time fields). Names come from pools that include the
 * awkward: unicode, names that map to the same identifier, and reserved words of Java, Avro and
 * Protobuf, so "meant to be valid" is not always valid, and the compiler has to say why.
 */
final class ConfigGenerator {
  /** Ordinary field names. */
  static final List<String> NAMES =
      List.of(
          "user_id", "session_id", "amount", "device_type", "event_ts", "country", "price", "quantity",
          "sku", "temperature", "status", "page", "referrer", "latency_ms", "score", "region", "tier");

  /** Names that are legal YAML keys but awkward in generated code and schemas. */
  static final List<String> AWKWARD_NAMES =
      List.of(
          // Java keywords and literals, and simple names generated code uses.
          "class", "int", "default", "new", "null", "true", "_", "String", "Object", "Kernel", "Override",
          "goto", "const", "enum", "var", "record", "yield", "sealed", "permits", "module",
          // Avro: schema keywords and primitive type names.
          "type", "name", "namespace", "fields", "doc", "aliases", "symbols", "items", "values", "bytes",
          "fixed", "union", "error", "array", "map",
          // Protobuf: keywords, scalar types, and names protoc treats specially.
          "message", "syntax", "option", "package", "import", "reserved", "optional", "repeated", "oneof",
          "service", "rpc", "returns", "stream", "extensions", "to", "max", "int32", "sint64", "descriptor",
          // Unicode and punctuation: identifiers are derived from these.
          "naïve", "名前", "émoji_😀", "ΔT", "a-b", "a.b", "a b", "1st", "_x", "__", "x__y", "xY", "x_y", "X_Y",
          "\u200bzero_width", "tab\tname", "ends_", "café", "CAFE", "cafe",
          // Long.
          "f".repeat(300));

  static final List<String> TYPE_IDS =
      List.of(
          "user.session.start", "user.purchase", "user.session.end", "sensor.reading", "page.view", "order_created",
          "a", "A", "a.b", "a-b", "a_b", "Class", "String", "Object", "1abc", "x.y.z", "io", "...", "_", "-",
          "Thread", "record", "events");

  /** Pool names: valid ones, and (awkward) ones that are not, or that an event type id may also be. */
  static final List<String> POOL_NAMES = List.of("users", "products", "stores", "devices", "_accounts", "Region2", "sessions");
  static final List<String> AWKWARD_POOL_NAMES = List.of("a-b", "1st", "a.b", "a", "events", "class", "naïve", "", "x y", "_");

  private final SplittableRandom rnd;
  private final boolean awkward;

  /**
   * A pool of the config: its name, count, the fields a reference may read (not nullable, single
   * values), and whether they are all its fields (then a change stream may image it).
   */
  private record Pool(String name, long count, List<String> readable, boolean allReadable) {}

  /** A field of an earlier event type a reference may read: unique per row, never null. */
  private record Emitted(String typeId, double weight, String field) {}

  /** The pools of the config being generated. */
  private final List<Pool> pools = new ArrayList<>();
  /** The change streams of the config being generated that ask for tombstones (which Kinesis and Event Hubs refuse). */
  private final List<MapNode> tombstones = new ArrayList<>();
  /** One popularity per pool and role in the whole config (null: uniform), so references to one member agree. */
  private final Map<String, Node> popularities = new LinkedHashMap<>();

  /** {@code awkward}: draw names from the awkward pools too. */
  ConfigGenerator(SplittableRandom rnd, boolean awkward) {
    this.rnd = rnd;
    this.awkward = awkward;
  }

  MapNode config() {
    pools.clear();
    popularities.clear();
    tombstones.clear();
    MapNode root = new MapNode();
    if (rnd.nextInt(3) == 0) {
      root.put("generation_mode", Yaml.quoted(rnd.nextBoolean() ? "streaming" : "batch"));
    }
    if (rnd.nextInt(3) == 0) {
      root.put("serialization_format", Yaml.quoted(pick(List.of("json", "avro", "binary", "protobuf"))));
    }
    if (rnd.nextInt(3) == 0) {
      MapNode streaming = new MapNode().put("total_rows_per_second", Yaml.plain(Integer.toString(1 + rnd.nextInt(100_000))));
      root.put("streaming_config", streaming);
    }
    if (rnd.nextInt(3) == 0) {
      root.put("entities", entities());
    }
    List<String> commonNames = new ArrayList<>();
    Map<String, MapNode> commonFields = new LinkedHashMap<>();
    if (rnd.nextInt(3) > 0) {
      MapNode common = new MapNode();
      for (String n : names(rnd.nextInt(1, 4))) {
        // The first common field may become the partition key, which must never be null.
        MapNode f = !pools.isEmpty() && rnd.nextInt(3) == 0 ? poolRef(!commonNames.isEmpty(), "") : field(!commonNames.isEmpty());
        common.put(key(n), f);
        commonNames.add(n);
        commonFields.put(n, f);
      }
      root.put("common_fields", common);
    }
    ListNode types = new ListNode();
    int count = rnd.nextInt(1, 6);
    List<String> weights = weights(count);
    Set<String> ids = new LinkedHashSet<>();
    while (ids.size() < count) {
      ids.add(awkward && rnd.nextInt(4) == 0 ? pick(TYPE_IDS) : "t" + ids.size() + "." + pick(List.of("start", "view", "end", "buy")));
    }
    List<String> idList = new ArrayList<>(ids);
    List<Emitted> emitted = new ArrayList<>();
    int i = 0;
    for (String id : ids) {
      double weight = Double.parseDouble(weights.get(i));
      MapNode type = new MapNode().put("event_type_id", Yaml.quoted(id)).put("weight", Yaml.plain(weights.get(i++)));
      List<Pool> imageable = pools.stream().filter(Pool::allReadable).toList();
      if (!imageable.isEmpty() && rnd.nextInt(4) == 0) {
        // A change stream: its fields are its envelope (no fields of its own, none for references to read).
        type.put("changes", changes(pick(imageable)));
        types.add(type);
        continue;
      }
      MapNode fields = new MapNode();
      Map<String, MapNode> visible = new LinkedHashMap<>(commonFields);
      for (String n : names(rnd.nextInt(0, 5))) {
        if (!commonNames.contains(n)) {
          MapNode f = field(true);
          fields.put(key(n), f);
          visible.put(n, f);
        }
      }
      references(id, idList, weights, fields, visible, emitted);
      for (Map.Entry<String, MapNode> e : visible.entrySet()) {
        if (weight > 0 && emittable(e.getValue())) {
          emitted.add(new Emitted(id, weight, e.getKey()));
        }
      }
      derived(fields, visible);
      if (!fields.entries.isEmpty()) {
        type.put("fields", fields);
      }
      types.add(type);
    }
    root.put("event_types", types);
    if (rnd.nextInt(4) == 0) {
      sessions(root, types);
    }
    if (rnd.nextInt(4) == 0) {
      weightChanges(root, types);
    }
    if (rnd.nextInt(3) == 0) {
      MapNode sink = sink(commonNames);
      root.put("sink_config", sink);
      if (List.of(Yaml.quoted("kinesis"), Yaml.quoted("eventhubs")).contains(value(sink, "type"))) {
        tombstones.forEach(c -> c.entries.removeIf(e -> e.key.equals("tombstones"))); // they cannot carry one
      }
    }
    return root;
  }

  /**
   * A type's {@code changes} of {@code pool}: the pool, and maybe a key (any of its fields), the
   * fields that update (a non-empty part of the others, or none listed), a delete ratio in [0, 1) and
   * tombstones (only after deletes).
   */
  private MapNode changes(Pool pool) {
    MapNode changes = new MapNode().put("entity", Yaml.quoted(pool.name()));
    String key = pool.readable().get(0);
    if (rnd.nextBoolean()) {
      key = pick(pool.readable());
      changes.put("key", Yaml.quoted(key));
    }
    List<String> others = new ArrayList<>(pool.readable());
    others.remove(key);
    if (!others.isEmpty() && rnd.nextBoolean()) {
      ListNode updates = new ListNode();
      for (String f : others) {
        if (updates.items.isEmpty() || rnd.nextBoolean()) {
          updates.add(Yaml.quoted(f));
        }
      }
      updates.flow = rnd.nextBoolean();
      changes.put("updates", updates);
    }
    String ratio = rnd.nextInt(3) == 0 ? null : pick(List.of("0", "0.0", "0.05", "0.5", "0.999"));
    if (ratio != null) {
      changes.put("delete_ratio", Yaml.plain(ratio));
    }
    boolean deletes = ratio != null && Double.parseDouble(ratio) > 0;
    if (rnd.nextInt(3) == 0) {
      changes.put("tombstones", Yaml.plain(deletes && rnd.nextBoolean() ? "true" : "false"));
      if (value(changes, "tombstones").equals(Yaml.plain("true"))) {
        tombstones.add(changes);
      }
    }
    changes.flow = rnd.nextInt(4) == 0;
    return changes;
  }

  /**
   * A {@code sessions} section: one or two machines, each taking half the weight of a weighted type
   * (so the weights still sum to 1), over two to five new types (no weight) chained
   * so every state is reachable and the last ends a session; random transition weights and targets,
   * written as numbers or as {@code {weight, gap}}; now and then concurrency, max_events, an entity
   * pool (with a reference to it in the types) and a machine gap; session id, step and time fields
   * (time only when every transition has a gap, now and then anyway: the compiler must say where).
   */
  private void sessions(MapNode root, ListNode types) {
    List<Entry> weighted = new ArrayList<>();
    for (Node n : types.items) {
      for (Entry e : ((MapNode) n).entries) {
        if (e.key.equals("weight") && e.value instanceof Scalar w && Double.parseDouble(w.text()) > 0) {
          weighted.add(e);
        }
      }
    }
    MapNode sessions = new MapNode();
    int machines = Math.min(weighted.size(), rnd.nextInt(1, 3));
    for (int k = 0; k < machines; k++) {
      // Half of the type's weight (the type keeps the rest: a type another refers to must keep emitting).
      Entry taken = weighted.remove(rnd.nextInt(weighted.size()));
      BigDecimal share = new BigDecimal(((Scalar) taken.value).text());
      BigDecimal kept = share.divide(BigDecimal.valueOf(2), 4, java.math.RoundingMode.DOWN);
      MapNode machine = new MapNode().put("weight", Yaml.plain(share.subtract(kept).toPlainString()));
      taken.value = Yaml.plain(kept.toPlainString());
      if (rnd.nextBoolean()) {
        machine.put("concurrency", Yaml.plain(Integer.toString(rnd.nextInt(1, 5001))));
      }
      if (rnd.nextBoolean()) {
        machine.put("max_events", Yaml.plain(Integer.toString(rnd.nextInt(1, 200))));
      }
      Pool entity = !pools.isEmpty() && rnd.nextBoolean() ? pick(pools) : null;
      if (entity != null) {
        machine.put("entity", Yaml.quoted(entity.name()));
      }
      boolean machineGap = rnd.nextBoolean();
      if (machineGap) {
        machine.put("gap", gap());
      }
      int n = rnd.nextInt(2, 6);
      List<String> states = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        states.add("m" + k + ".s" + j);
      }
      machine.put("start", Yaml.quoted(states.get(0)));
      MapNode transitions = new MapNode();
      boolean everyGap = machineGap;
      for (int j = 0; j < n - 1; j++) {
        // The next state always, then one or two random ones (the end included).
        Set<Integer> targets = new LinkedHashSet<>(List.of(j + 1));
        for (int extra = rnd.nextInt(0, 3); extra > 0; extra--) {
          targets.add(rnd.nextInt(1, n));
        }
        List<String> w = weights(targets.size());
        MapNode to = new MapNode();
        to.flow = rnd.nextBoolean();
        int t = 0;
        boolean allOwn = true;
        for (int target : targets) {
          String weight = w.get(t++);
          if (rnd.nextInt(3) == 0) {
            MapNode spec = new MapNode().put("weight", Yaml.plain(weight));
            spec.flow = true;
            if (rnd.nextBoolean()) {
              spec.put("gap", gap());
            } else {
              allOwn = false;
            }
            to.put(key(states.get(target)), spec);
          } else {
            allOwn = false;
            to.put(key(states.get(target)), Yaml.plain(weight));
          }
        }
        everyGap &= machineGap || allOwn;
        transitions.put(key(states.get(j)), to);
      }
      machine.put("transitions", transitions);
      sessions.put(key("visit" + k), machine);
      for (String id : states) {
        MapNode fields = new MapNode();
        fields.put("sid", new MapNode().put("session", Yaml.quoted("id")));
        if (rnd.nextBoolean()) {
          fields.put("step", new MapNode().put("session", Yaml.quoted("step")));
        }
        if (everyGap ? rnd.nextBoolean() : rnd.nextInt(8) == 0) {
          fields.put("at", new MapNode().put("session", Yaml.quoted("time")));
        }
        if (entity != null && rnd.nextBoolean()) {
          fields.put("member", new MapNode().put("ref", Yaml.quoted(entity.name() + "." + pick(entity.readable()))));
        }
        for (Entry e : fields.entries) {
          ((MapNode) e.value).flow = true;
        }
        types.add(new MapNode().put("event_type_id", Yaml.quoted(id)).put("fields", fields));
      }
    }
    if (!sessions.entries.isEmpty()) {
      root.put("sessions", sessions);
    }
  }

  /**
   * A {@code weight_changes} section: one to three periods, two hours apart within the first day, so
   * they never overlap, once or every day; each names one or two types of the file with a share of
   * at most 0.5 each (a type a session machine, change stream or reference pins, or shares past what
   * pinned types leave, is an error the compiler must locate).
   */
  private void weightChanges(MapNode root, ListNode types) {
    List<String> ids = new ArrayList<>();
    for (Node n : types.items) {
      for (Entry e : ((MapNode) n).entries) {
        if (e.key.equals("event_type_id")) {
          ids.add(((Scalar) e.value).text());
        }
      }
    }
    ListNode periods = new ListNode();
    boolean daily = rnd.nextBoolean();
    for (int k = 0, n = rnd.nextInt(1, 4); k < n; k++) {
      MapNode period = new MapNode()
          .put("start", Yaml.quoted(pick(List.of(2 * k + "h", (120 * k + rnd.nextInt(0, 60)) + "m", 7200 * k + "s"))))
          .put("duration", Yaml.quoted(pick(List.of("1m", "90s", "60m", "500ms"))));
      if (daily) {
        period.put("every", Yaml.quoted(pick(List.of("1d", "24h"))));
      }
      MapNode weights = new MapNode();
      Set<String> named = new LinkedHashSet<>();
      for (int t = rnd.nextInt(1, 3); t > 0; t--) {
        named.add(pick(ids)); // quoted as event_type_id has it, a valid key
      }
      for (String id : named) {
        weights.put(id, Yaml.plain(pick(List.of("0", "0.2", "0.5", "0.05"))));
      }
      weights.flow = rnd.nextBoolean();
      period.put("weights", weights);
      periods.add(period);
    }
    root.put("weight_changes", periods);
  }

  /** A gap: a range of seconds, uniform or with a distribution (now and then an invalid one). */
  private MapNode gap() {
    double min = rnd.nextInt(0, 30);
    double max = min + rnd.nextInt(0, 600);
    MapNode gap = new MapNode().put("range", range(Integer.toString((int) min), Integer.toString((int) max)));
    switch (rnd.nextInt(4)) {
      case 0 -> gap.put("distribution", Yaml.quoted("normal"));
      case 1 -> gap.put("distribution", new MapNode().put("type", Yaml.quoted("exponential")).put("mean", Yaml.plain(Integer.toString(rnd.nextInt(1, 60)))));
      case 2 -> gap.put("distribution", new MapNode().put("type", Yaml.quoted("lognormal")).put("mu", Yaml.plain("2")).put("sigma", Yaml.plain("0.5")));
      default -> {
      }
    }
    gap.flow = rnd.nextBoolean();
    return gap;
  }

  /** The entities section: one to three pools of scalar fields (unique ones sized to the count), recorded in {@link #pools}. */
  private MapNode entities() {
    MapNode entities = new MapNode();
    Set<String> names = new LinkedHashSet<>();
    for (int k = rnd.nextInt(1, 4); k > 0; k--) {
      names.add(awkward && rnd.nextInt(4) == 0 ? pick(AWKWARD_POOL_NAMES) : pick(POOL_NAMES));
    }
    for (String name : names) {
      long count = pick(List.of(1L, 2L, 7L, 100L, 1000L, 1L << 20, 1L << 62));
      MapNode fields = new MapNode();
      List<String> readable = new ArrayList<>();
      for (String n : names(rnd.nextInt(1, 5))) {
        // Scalars only (MAX_NESTING): a reference reads a single value. Rarely nullable: then not readable.
        MapNode f = field(false, MAX_NESTING, false, false);
        if (Yaml.quoted("timestamp").equals(value(f, "type"))) {
          // A member's attributes never change: an absolute window, not the event time.
          f.entries.removeIf(e -> e.key.equals("range"));
          int year = rnd.nextInt(1970, 2100);
          ListNode r = new ListNode().add(Yaml.quoted(year + "-01-01T00:00:00Z")).add(Yaml.quoted((year + rnd.nextInt(1, 30)) + "-01-01T00:00:00Z"));
          r.flow = true;
          f.put("range", r);
        }
        if (value(f, "unique") != null && !holds(f, count)) {
          f.entries.removeIf(e -> e.key.equals("unique"));
        }
        if (rnd.nextInt(10) == 0) {
          f.put("nullable", Yaml.plain("true"));
        } else {
          readable.add(n);
        }
        fields.put(key(n), f);
      }
      MapNode pool = new MapNode().put("count", Yaml.plain(Long.toString(count))).put("fields", fields);
      pool.flow = rnd.nextInt(4) == 0;
      entities.put(key(name), pool);
      if (!readable.isEmpty()) {
        pools.add(new Pool(name, count, readable, readable.size() == fields.entries.size()));
      }
    }
    return entities;
  }

  /** Whether a unique int or long field's range holds {@code count} values (a uuid's always does). */
  private static boolean holds(MapNode f, long count) {
    Node range = value(f, "range");
    if (!(range instanceof ListNode l)) {
      return true;
    }
    java.math.BigInteger min = new java.math.BigInteger(((Yaml.Scalar) l.items.get(0)).text());
    java.math.BigInteger max = new java.math.BigInteger(((Yaml.Scalar) l.items.get(1)).text());
    return max.subtract(min).add(java.math.BigInteger.ONE).compareTo(java.math.BigInteger.valueOf(count)) >= 0;
  }

  /** {@code {ref: <pool>.<field>}} to a random pool's readable field, the pool and role's popularity, maybe nullable. */
  private MapNode poolRef(boolean mayBeNull, String role) {
    Pool pool = pick(pools);
    MapNode f = new MapNode();
    if (rnd.nextInt(4) == 0) {
      f.put("type", Yaml.quoted("ref"));
    }
    f.put("ref", Yaml.quoted(pool.name() + "." + pick(pool.readable())));
    if (!role.isEmpty()) {
      f.put("role", Yaml.quoted(role));
    }
    Node popularity = popularities.computeIfAbsent(pool.name() + "#" + role, k -> popularity(pool.count()));
    if (!(popularity instanceof Yaml.Scalar s && s.text().equals("~"))) {
      f.put("distribution", popularity.copy());
    }
    if (mayBeNull && rnd.nextInt(5) == 0) {
      f.put("nullable", Yaml.plain("true"));
      if (rnd.nextBoolean()) {
        f.put("null_ratio", Yaml.plain(pick(List.of("0", "0.3", "1"))));
      }
    }
    f.flow = rnd.nextInt(3) > 0;
    return f;
  }

  /** A popularity over {@code count} members: {@code ~} for none (uniform), else a distribution. */
  private Node popularity(long count) {
    return switch (rnd.nextInt(6)) {
      case 0 -> Yaml.quoted("zipf");
      case 1 -> flow("type", Yaml.quoted("zipf"), "exponent", Yaml.plain(pick(List.of("1", "1.2", "0.5", "2.5"))));
      // The default stddev is a sixth of the indexes' width: one member has none.
      case 2 -> count > 1 ? Yaml.quoted("normal") : Yaml.plain("~");
      case 3 -> flow("type", Yaml.quoted("buckets"), "buckets",
          new ListNode().add(flow("range", range("0", Long.toString(Math.max(0, count / 2 - 1))), "weight", Yaml.plain("0.9")))
              .add(flow("range", range(Long.toString(count / 2), Long.toString(count - 1)), "weight", Yaml.plain("0.1"))));
      case 4 -> Yaml.quoted("uniform");
      default -> Yaml.plain("~");
    };
  }

  /**
   * Now and then references in a type's fields: to pool members (the default member, or a second
   * one by role), and to ids an earlier type with a weight emitted, with a match share when some
   * other type has a weight (an orphan is a row of another type).
   */
  private void references(String id, List<String> ids, List<String> weights, MapNode fields, Map<String, MapNode> visible, List<Emitted> emitted) {
    int refs = rnd.nextInt(3) == 0 ? rnd.nextInt(1, 4) : 0;
    for (int k = 0; k < refs; k++) {
      String name = "ref" + k + (awkward && rnd.nextInt(4) == 0 ? pick(List.of("_class", "-x", "é", ".y")) : "");
      MapNode f;
      if (!pools.isEmpty() && (emitted.isEmpty() || rnd.nextBoolean())) {
        f = poolRef(true, rnd.nextInt(3) == 0 ? pick(List.of("buyer", "seller", "other")) : "");
      } else if (!emitted.isEmpty()) {
        Emitted target = pick(emitted);
        f = new MapNode().put("ref", Yaml.quoted(target.typeId() + "." + target.field()));
        boolean orphans = false;
        for (int t = 0; t < ids.size(); t++) {
          orphans |= !ids.get(t).equals(target.typeId()) && Double.parseDouble(weights.get(t)) > 0;
        }
        if (orphans && rnd.nextBoolean()) {
          f.put("match", Yaml.plain(pick(List.of("0", "0.5", "0.98", "1", "1.0"))));
        }
        if (rnd.nextInt(3) == 0) {
          // A window (emitted, within): wide enough for the target's share of rows (the compiler asks for 20 / -ln(1 - w) rows).
          f.put("emitted", Yaml.quoted(pick(List.of("earlier", "later", "either"))));
          long least = (long) Math.ceil(40 / target.weight());
          f.put("within", Yaml.plain(Long.toString(rnd.nextBoolean() ? least : least * rnd.nextInt(2, 1000))));
        }
        if (rnd.nextInt(5) == 0) {
          f.put("nullable", Yaml.plain("true"));
        }
        f.flow = rnd.nextBoolean();
      } else {
        return;
      }
      if (visible.containsKey(name)) {
        continue;
      }
      fields.put(key(name), f);
      visible.put(name, f);
    }
  }

  /** Whether a field's values are unique per row and never null: a uuid, a sequence, a unique int or long. */
  private static boolean emittable(MapNode f) {
    Node type = value(f, "type");
    if (type == null || value(f, "nullable") != null) {
      return false;
    }
    return type.equals(Yaml.quoted("uuid")) || type.equals(Yaml.quoted("sequence"))
        || (Yaml.plain("true").equals(value(f, "unique")) && (type.equals(Yaml.quoted("int")) || type.equals(Yaml.quoted("long"))));
  }

  private MapNode sink(List<String> commonNames) {
    MapNode sink = new MapNode();
    switch (rnd.nextInt(5)) {
      case 0 -> sink.put("type", Yaml.quoted("kinesis")).put("stream_name", Yaml.quoted("events"))
          .put("aws_access_key_id", Yaml.quoted("{{secrets/my-scope/aws-key}}"));
      case 1 -> sink.put("type", Yaml.quoted("kafka")).put("bootstrap_servers", Yaml.quoted("localhost:9092"))
          .put("topic", Yaml.quoted("events"));
      case 2 -> sink.put("type", Yaml.quoted("delta")).put("path", Yaml.quoted("/tmp/events"));
      case 3 -> sink.put("type", Yaml.quoted("eventhubs")).put("connection_string", Yaml.quoted("{{secrets/eh/conn}}"));
      default -> sink.put("type", Yaml.quoted("console"));
    }
    if (!commonNames.isEmpty() && rnd.nextBoolean()) {
      sink.put("partition_key_field", Yaml.quoted(commonNames.get(0)));
    }
    return sink;
  }

  /** {@code n} decimal weights that sum to exactly 1 (in thousandths). */
  List<String> weights(int n) {
    int[] parts = new int[n];
    int left = 1000;
    for (int i = 0; i < n - 1; i++) {
      parts[i] = rnd.nextInt(0, left + 1);
      left -= parts[i];
    }
    parts[n - 1] = left;
    List<String> out = new ArrayList<>();
    for (int p : parts) {
      out.add(p == 1000 ? pick(List.of("1", "1.0", "1.000")) : String.format("0.%03d", p));
    }
    return out;
  }

  private static final List<String> FAKER_EXPRESSIONS =
      List.of("#{Name.firstName}", "#{Name.firstName} #{Name.lastName}", "#{Address.city}", "id-#{numerify '####'}", "#{Color.name}");

  /** Struct, array and map fields nest up to this level (an event's field is level 1). */
  private static final int MAX_NESTING = 3;

  /**
   * Now and then fields computed from the {@code visible} ones: an {@code expr} over numeric fields,
   * a string or enum with {@code weights_by} a string or enum field. Bounds may overflow, a name may
   * not parse: the compiler then has to say where.
   */
  private void derived(MapNode fields, Map<String, MapNode> visible) {
    List<String> numeric = new ArrayList<>();
    List<String> choices = new ArrayList<>();
    visible.forEach((name, f) -> {
      // Scalars hold their printed form: the type is quoted. References (ref alone, or type "ref")
      // and unique fields are not operands.
      Node type = value(f, "type");
      if (type == null || Yaml.plain("true").equals(value(f, "unique"))) {
        return;
      }
      if (Stream.of("int", "long", "float", "double").anyMatch(t -> type.equals(Yaml.quoted(t)))) {
        numeric.add(name);
      } else if (Stream.of("string", "enum").anyMatch(t -> type.equals(Yaml.quoted(t))) && value(f, "weights_by") == null) {
        choices.add(name);
      }
    });
    if (!numeric.isEmpty() && rnd.nextInt(3) == 0) {
      StringBuilder e = new StringBuilder(reference(pick(numeric)));
      for (int i = rnd.nextInt(0, 3); i > 0; i--) {
        e.append(pick(List.of(" + ", " - ", " * "))).append(rnd.nextBoolean() ? reference(pick(numeric)) : Integer.toString(rnd.nextInt(1, 100)));
      }
      String expr = switch (rnd.nextInt(5)) {
        case 0 -> "abs(" + e + ")";
        case 1 -> "min(" + e + ", " + rnd.nextInt(-5, 5) + ")";
        case 2 -> "-(" + e + ") / " + pick(List.of("3", "2.5", "-7"));
        default -> e.toString();
      };
      MapNode f = new MapNode().put("type", Yaml.quoted("expr")).put("expr", Yaml.quoted(expr));
      if (rnd.nextInt(3) == 0) {
        f.put("result", Yaml.quoted("double"));
        if (rnd.nextBoolean()) {
          f.put("precision", Yaml.plain(Integer.toString(rnd.nextInt(0, 5))));
        }
      }
      fields.put(key("computed_" + fields.entries.size()), f);
    }
    if (!choices.isEmpty() && rnd.nextInt(3) == 0) {
      String by = pick(choices);
      MapNode f = new MapNode();
      choices(f, pick(List.of("string", "enum")));
      int n = ((ListNode) value(f, "values")).items.size();
      MapNode rows = new MapNode();
      for (Node v : ((ListNode) value(visible.get(by), "values")).items) {
        if (rows.entries.isEmpty() || rnd.nextBoolean()) {
          ListNode w = new ListNode();
          w.flow = true;
          weights(n).forEach(x -> w.add(Yaml.plain(x)));
          rows.put(((Yaml.Scalar) v).text(), w); // printed quoted: a valid key as it is
        }
      }
      f.put("weights_by", new MapNode().put("field", Yaml.quoted(by)).put("weights", rows));
      fields.put(key("weighted_" + fields.entries.size()), f);
    }
  }

  /** A field name in an expression: as is when it is an identifier, else between backquotes. */
  private static String reference(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name + "`";
  }

  private static Node value(MapNode m, String key) {
    return m.entries.stream().filter(e -> e.key.equals(key)).map(e -> e.value).findFirst().orElse(null);
  }


  /**
   * A field definition of any kind. One that may not be null may become the partition key, which
   * must be a single value: it is never a struct, an array or a map.
   */
  MapNode field(boolean mayBeNull) {
    return field(mayBeNull, mayBeNull ? 1 : MAX_NESTING, false, true);
  }

  /**
   * A field at nesting level {@code depth}: a struct, an array or a map (whose items or values are
   * neither arrays nor maps: {@code mayBeArray}) below {@link #MAX_NESTING}; no sequence inside an
   * array's items or a map's entries, which have no row of their own.
   */
  private MapNode field(boolean mayBeNull, int depth, boolean inArray, boolean mayBeArray) {
    MapNode f = new MapNode();
    // 0-12 and 13 (the default): the scalar kinds; 14, 15: regex, faker; 16, 17, 18: struct, array, map.
    int kind = rnd.nextInt(16 + (depth < MAX_NESTING ? (mayBeArray ? 3 : 1) : 0));
    switch (inArray && kind == 8 ? 9 : kind) {
      case 0 -> f.put("type", Yaml.quoted("uuid"));
      case 1 -> {
        long a = rnd.nextInt(4) == 0 ? Integer.MIN_VALUE + rnd.nextInt(10) : rnd.nextInt(-1000, 1000);
        long b = rnd.nextInt(4) == 0 ? Integer.MAX_VALUE - rnd.nextInt(10) : a + rnd.nextInt(0, 100_000);
        f.put("type", Yaml.quoted("int")).put("range", range(Long.toString(a), Long.toString(Math.min(b, Integer.MAX_VALUE))));
        distribution(f, Long.toString(a), Long.toString(Math.min(b, Integer.MAX_VALUE)), true);
      }
      case 2 -> {
        double a = rnd.nextDouble(-1e6, 1e6);
        String high = Double.toString(a + rnd.nextDouble(0, 1e3));
        f.put("type", Yaml.quoted("float")).put("range", range(Double.toString(a), high));
        distribution(f, Double.toString(a), high, false);
      }
      case 3 -> choices(f, "string");
      case 10 -> {
        int precision = rnd.nextInt(1, 19);
        int scale = rnd.nextInt(4) == 0 ? precision : rnd.nextInt(0, precision + 1);
        f.put("type", Yaml.quoted("decimal")).put("precision", Yaml.plain(Integer.toString(precision)));
        if (scale > 0 || rnd.nextBoolean()) {
          f.put("scale", Yaml.plain(Integer.toString(scale)));
        }
        // Unscaled ends within the precision, written with their scale (trailing zeros included).
        long limit = (long) Math.pow(10, precision) - 1;
        long a = rnd.nextLong(-limit, limit + 1);
        long b = rnd.nextInt(4) == 0 ? limit : rnd.nextLong(a, limit + 1);
        f.put("range", range(BigDecimal.valueOf(a, scale).toPlainString(), BigDecimal.valueOf(b, scale).toPlainString()));
      }
      case 11 -> {
        int a = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(0, 1025);
        int b = rnd.nextInt(4) == 0 ? 1024 : rnd.nextInt(a, 1025);
        f.put("type", Yaml.quoted("bytes")).put("length", range(Integer.toString(a), Integer.toString(b)));
      }
      case 12 -> choices(f, "enum");
      case 16 -> {
        MapNode fields = new MapNode();
        for (String n : names(rnd.nextInt(1, 4))) {
          fields.put(key(n), field(true, depth + 1, inArray, true));
        }
        f.put("type", Yaml.quoted("struct")).put("fields", fields);
      }
      case 17 -> {
        int a = rnd.nextInt(0, 4);
        f.put("type", Yaml.quoted("array"))
            .put("length", range(Integer.toString(a), Integer.toString(a + rnd.nextInt(0, 4))))
            .put("items", field(false, depth + 1, true, false));
      }
      case 18 -> {
        // Keys from a list hold at least as many values as the map has entries at most.
        MapNode keys = new MapNode();
        int v = rnd.nextInt(1, 5);
        boolean uuid = rnd.nextInt(3) == 0;
        if (uuid) {
          keys.put("type", Yaml.quoted("uuid"));
        } else {
          ListNode values = new ListNode();
          for (int i = 0; i < v; i++) {
            values.add(Yaml.quoted("K" + i));
          }
          values.flow = true;
          keys.put("type", Yaml.quoted(rnd.nextBoolean() ? "string" : "enum")).put("values", values);
        }
        int a = rnd.nextInt(0, v + 1);
        f.put("type", Yaml.quoted("map"))
            .put("size", range(Integer.toString(a), Integer.toString(rnd.nextInt(a, v + 1))))
            .put("keys", keys)
            .put("values", field(false, depth + 1, true, false));
      }
      case 4 -> {
        // Now and then the widest range a long allows: 2^63 - 1 values.
        long a = rnd.nextInt(4) == 0 ? Long.MIN_VALUE / 2 : rnd.nextLong(-1L << 40, 1L << 40);
        long b = a == Long.MIN_VALUE / 2 ? Long.MAX_VALUE / 2 - 1 : a + rnd.nextLong(0, 1L << 50);
        f.put("type", Yaml.quoted("long")).put("range", range(Long.toString(a), Long.toString(b)));
        distribution(f, Long.toString(a), Long.toString(b), true);
      }
      case 5 -> {
        double a = rnd.nextDouble(-1e6, 1e6);
        String high = Double.toString(a + rnd.nextDouble(0, 1e3));
        f.put("type", Yaml.quoted("double")).put("range", range(Double.toString(a), high));
        distribution(f, Double.toString(a), high, false);
        if (rnd.nextBoolean()) {
          f.put("precision", Yaml.plain(Integer.toString(rnd.nextInt(0, 9))));
        }
      }
      case 6 -> {
        f.put("type", Yaml.quoted("boolean"));
        if (rnd.nextBoolean()) {
          f.put("true_ratio", Yaml.plain(pick(List.of("0", "1", "0.5", "0.001", Double.toString(rnd.nextDouble())))));
        }
      }
      case 7 -> {
        LocalDate a = LocalDate.ofEpochDay(rnd.nextLong(LocalDate.parse("0000-01-01").toEpochDay(), LocalDate.parse("9999-01-01").toEpochDay()));
        LocalDate b = a.plusDays(rnd.nextInt(0, 365));
        ListNode r = range(a.toString(), b.toString());
        // Plain or quoted: YAML reads both as strings.
        if (rnd.nextBoolean()) {
          r = new ListNode().add(Yaml.quoted(a.toString())).add(Yaml.quoted(b.toString()));
          r.flow = true;
        }
        f.put("type", Yaml.quoted("date")).put("range", r);
      }
      case 8 -> {
        f.put("type", Yaml.quoted("sequence"));
        if (rnd.nextBoolean()) {
          f.put("prefix", Yaml.quoted(awkward && rnd.nextInt(3) == 0 ? pick(AWKWARD_NAMES) : pick(NAMES) + "-"));
        }
        if (rnd.nextBoolean()) {
          f.put("start", Yaml.plain(Long.toString(rnd.nextInt(4) == 0 ? Long.MIN_VALUE + rnd.nextInt(10) : rnd.nextLong(-1_000_000, 1_000_000))));
        }
        if (rnd.nextBoolean()) {
          long step = rnd.nextInt(4) == 0 ? Long.MAX_VALUE - rnd.nextInt(10) : rnd.nextLong(1, 1000) * (rnd.nextBoolean() ? 1 : -1);
          f.put("step", Yaml.plain(Long.toString(step)));
        }
      }
      case 9 -> f.put("type", Yaml.quoted("template")).put("template", Yaml.quoted(template()));
      case 14 -> {
        // max_repeat at most 4 keeps every generated regex below the kind's 256 unrolled pieces.
        f.put("type", Yaml.quoted("regex")).put("regex", Yaml.quoted(regex(2))).put("max_repeat", Yaml.plain(Integer.toString(rnd.nextInt(1, 5))));
      }
      case 15 -> {
        f.put("type", Yaml.quoted("faker")).put("faker", Yaml.quoted(pick(FAKER_EXPRESSIONS)));
        if (rnd.nextBoolean()) {
          f.put("locale", Yaml.quoted(pick(List.of("en", "de", "fr", "ja", "pt-BR", "en-GB"))));
        }
        // Small pools: each faker field runs Datafaker in the compiler.
        f.put("pool_size", Yaml.plain(Integer.toString(rnd.nextInt(1, 50))));
      }
      default -> {
        f.put("type", Yaml.quoted("timestamp"));
        switch (rnd.nextInt(3)) {
          case 0 -> f.put("range", Yaml.quoted(pick(List.of("now-7d..now", "now-30d..now-1d", "now-1h..now+1h", "now-90s..now-1s", "now..now+5m"))));
          case 1 -> {
            int year = rnd.nextInt(1900, 2100);
            f.put("range", new ListNode().add(Yaml.quoted(year + "-01-01T00:00:00Z")).add(Yaml.quoted((year + rnd.nextInt(1, 50)) + "-06-30T12:00:00.123456Z")));
          }
          default -> { }
        }
        if (rnd.nextBoolean()) {
          f.put("format", Yaml.quoted(pick(List.of("iso8601", "epoch_millis", "epoch_micros"))));
        }
      }
    }
    // unique on a uuid, int or long with one value per row (not an array's item or a map's part), without a distribution.
    if (!inArray && (kind == 0 || kind == 1 || kind == 4) && value(f, "distribution") == null && rnd.nextInt(5) == 0) {
      f.put("unique", Yaml.plain(pick(List.of("true", "true", "false"))));
    }
    if (mayBeNull && rnd.nextInt(4) == 0) {
      f.put("nullable", Yaml.plain("true"));
      if (rnd.nextBoolean()) {
        f.put("null_ratio", Yaml.plain(pick(List.of("0", "0.05", "0.5", "1", "1.0"))));
      }
    }
    f.flow = rnd.nextInt(4) == 0;
    return f;
  }

  /**
   * A regex of the subset: one or two pieces of every construct (classes, negation, escapes, groups
   * nested to {@code depth}, alternation, each quantifier on single characters), anchors now and
   * then.
   */
  private String regex(int depth) {
    StringBuilder r = new StringBuilder(depth == 2 && rnd.nextInt(4) == 0 ? "^" : "");
    for (int i = rnd.nextInt(1, 3); i > 0; i--) {
      int piece = rnd.nextInt(depth > 0 ? 5 : 4);
      switch (piece) {
        case 0 -> r.append(pick(List.of("a", "é", "-", "\\.", "\\\\", "\\(", "\"", "\\{", "}")));
        case 1 -> r.append(pick(List.of("[a-z]", "[^0-9]", "[-_a-f0-9]", "[\\]\\\\^]", "[\\w.]", "[^ -}]")));
        case 2 -> r.append(pick(List.of("\\d", "\\w", "\\s", "\\D", "\\W", "\\S", ".")));
        case 3 -> r.append(pick(List.of("x|y", "ab|c|")));
        default -> r.append(pick(List.of("(", "(?:"))).append(regex(depth - 1)).append(pick(List.of("|", ""))).append(regex(depth - 1)).append(")");
      }
      // Nothing to repeat after an alternation's '|'; a group only optional, to stay small.
      r.append(piece == 3 ? "" : piece == 4 ? pick(List.of("", "?")) : pick(List.of("", "", "?", "*", "+", "{2}", "{0,3}", "{1,}")));
    }
    return r.append(depth == 2 && rnd.nextInt(4) == 0 ? "$" : "").toString();
  }

  /** Literal text (awkward names included) around one to three placeholders of every kind. */
  private String template() {
    StringBuilder t = new StringBuilder(awkward && rnd.nextInt(3) == 0 ? pick(AWKWARD_NAMES) : pick(NAMES));
    for (int i = rnd.nextInt(1, 4); i > 0; i--) {
      switch (rnd.nextInt(3)) {
        case 0 -> {
          long a = rnd.nextInt(4) == 0 ? Long.MIN_VALUE / 2 : rnd.nextLong(-1000, 1000);
          t.append("{{int:").append(a).append("..").append(a + rnd.nextLong(0, 100_000)).append("}}");
        }
        case 1 -> t.append("{{enum:").append(String.join("|", names(rnd.nextInt(1, 4)))).append("}}");
        default -> t.append("{{uuid}}");
      }
      t.append(pick(List.of("-", "/", " ", "", "é", "\"")));
    }
    return t.toString();
  }

  /** Now and then a distribution over the range [min, max] as written (whole numbers: zipf too). */
  private void distribution(MapNode f, String min, String max, boolean integral) {
    if (rnd.nextInt(3) != 0) {
      return;
    }
    switch (rnd.nextInt(integral ? 6 : 5)) {
      case 0 -> f.put("distribution", Yaml.quoted("uniform"));
      case 1 -> {
        // The default stddev is a sixth of the width: a single-value range has none.
        if (!min.equals(max) && new BigDecimal(min).compareTo(new BigDecimal(max)) != 0) {
          f.put("distribution", Yaml.quoted("normal"));
        }
      }
      case 2 -> f.put("distribution", flow("type", Yaml.quoted("lognormal"), "mu", Yaml.plain(Double.toString(rnd.nextDouble(-2, 8))),
          "sigma", Yaml.plain(Double.toString(rnd.nextDouble(0.01, 3)))));
      case 3 -> f.put("distribution", flow("type", Yaml.quoted("exponential"), "mean", Yaml.plain(Double.toString(rnd.nextDouble(0.001, 1e4)))));
      case 4 -> {
        MapNode bucket = flow("range", range(min, max), "weight", Yaml.plain("1"));
        f.put("distribution", flow("type", Yaml.quoted("buckets"), "buckets", new ListNode().add(bucket)));
      }
      default -> f.put("distribution", flow("type", Yaml.quoted("zipf"), "exponent", Yaml.plain(pick(List.of("1", "1.0", "0.5", "2.5")))));
    }
  }

  private static MapNode flow(Object... keysAndValues) {
    MapNode m = new MapNode();
    m.flow = true;
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], (Node) keysAndValues[i + 1]);
    }
    return m;
  }

  /** A kind picking among values ({@code string}, {@code enum}: the same keys), with or without weights. */
  private void choices(MapNode f, String type) {
    int n = rnd.nextInt(1, 6);
    ListNode values = new ListNode();
    values.flow = rnd.nextBoolean();
    Set<String> seen = new LinkedHashSet<>();
    while (seen.size() < n) {
      seen.add(awkward && rnd.nextInt(5) == 0 ? pick(AWKWARD_NAMES) : "v" + seen.size());
    }
    seen.forEach(v -> values.add(Yaml.quoted(v)));
    f.put("type", Yaml.quoted(type)).put("values", values);
    if (rnd.nextBoolean()) {
      ListNode w = new ListNode();
      w.flow = true;
      weights(n).forEach(x -> w.add(Yaml.plain(x)));
      f.put("weights", w);
    }
  }

  private static ListNode range(String min, String max) {
    ListNode r = new ListNode();
    r.flow = true;
    return r.add(Yaml.plain(min)).add(Yaml.plain(max));
  }

  private List<String> names(int n) {
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < n) {
      out.add(awkward && rnd.nextInt(3) == 0 ? pick(AWKWARD_NAMES) : pick(NAMES));
    }
    return new ArrayList<>(out);
  }

  /** A key as printed: quoted when YAML needs it, sometimes quoted anyway. */
  private String key(String name) {
    boolean plainOk = name.matches("[A-Za-z_][A-Za-z0-9_.-]*") && !List.of("null", "true", "false", "y", "n").contains(name);
    return plainOk && rnd.nextBoolean() ? name : Yaml.quote(name);
  }

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }
}
