package dev.streamgen.compiler.fuzz;

import dev.streamgen.compiler.fuzz.Yaml.ListNode;
import dev.streamgen.compiler.fuzz.Yaml.MapNode;
import dev.streamgen.compiler.fuzz.Yaml.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random configs in the seed's format that are meant to be valid (the starting point of most
 * mutations): a few event types with weights summing to exactly 1 in decimal, fields of every kind,
 * and optional settings. Names come from pools that include the awkward: unicode, names that map to
 * the same identifier, and reserved words of Java, Avro and Protobuf, so "meant to be valid" is not
 * always valid, and the compiler has to say why.
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

  private final SplittableRandom rnd;
  private final boolean awkward;

  /** {@code awkward}: draw names from the awkward pools too. */
  ConfigGenerator(SplittableRandom rnd, boolean awkward) {
    this.rnd = rnd;
    this.awkward = awkward;
  }

  MapNode config() {
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
    List<String> commonNames = new ArrayList<>();
    if (rnd.nextInt(3) > 0) {
      MapNode common = new MapNode();
      for (String n : names(rnd.nextInt(1, 4))) {
        common.put(key(n), field());
        commonNames.add(n);
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
    int i = 0;
    for (String id : ids) {
      MapNode type = new MapNode().put("event_type_id", Yaml.quoted(id)).put("weight", Yaml.plain(weights.get(i++)));
      MapNode fields = new MapNode();
      for (String n : names(rnd.nextInt(0, 5))) {
        if (!commonNames.contains(n)) {
          fields.put(key(n), field());
        }
      }
      if (!fields.entries.isEmpty()) {
        type.put("fields", fields);
      }
      types.add(type);
    }
    root.put("event_types", types);
    if (rnd.nextInt(3) == 0) {
      root.put("sink_config", sink(commonNames));
    }
    return root;
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

  Node field() {
    MapNode f = new MapNode();
    switch (rnd.nextInt(8)) {
      case 0 -> f.put("type", Yaml.quoted("uuid"));
      case 1 -> {
        long a = rnd.nextInt(4) == 0 ? Integer.MIN_VALUE + rnd.nextInt(10) : rnd.nextInt(-1000, 1000);
        long b = rnd.nextInt(4) == 0 ? Integer.MAX_VALUE - rnd.nextInt(10) : a + rnd.nextInt(0, 100_000);
        f.put("type", Yaml.quoted("int")).put("range", range(Long.toString(a), Long.toString(Math.min(b, Integer.MAX_VALUE))));
      }
      case 2 -> {
        double a = rnd.nextDouble(-1e6, 1e6);
        f.put("type", Yaml.quoted("float")).put("range", range(Double.toString(a), Double.toString(a + rnd.nextDouble(0, 1e3))));
      }
      case 3 -> choices(f, "string");
      case 4 -> {
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
      case 5 -> {
        int a = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(0, 1025);
        int b = rnd.nextInt(4) == 0 ? 1024 : rnd.nextInt(a, 1025);
        f.put("type", Yaml.quoted("bytes")).put("length", range(Integer.toString(a), Integer.toString(b)));
      }
      case 6 -> choices(f, "enum");
      default -> f.put("type", Yaml.quoted("timestamp"));
    }
    f.flow = rnd.nextInt(4) == 0;
    return f;
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
