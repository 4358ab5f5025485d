import dev.streamgen.compiler.CompileRequest;
import dev.streamgen.compiler.CompileResult;
import dev.streamgen.compiler.Compiler;
import dev.streamgen.compiler.TypedClasses;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The benchmark catalogs, compiled with the streamgen compiler and then javac --release 8 (like a
 * user's build; typed event classes left out unless -Dbench.typedClasses says otherwise):
 *
 * <ul>
 *   <li>{@code tN}, N = 3, 100, 1,000, 10,000: N event types of the Quick Start's shape (a common int
 *       user_id; per type a uuid, a float range, a weighted string and an int range; weights 1..10
 *       repeating), into DIR/classes/tN;
 *   <li>{@code k_<name>}: one event type of 20 fields ({@link KindCatalogs}): the seed's kinds mixed,
 *       every other kind mixed, and 20 fields of each kind alone, into DIR/classes/kinds;
 *   <li>{@code r_<variant>}: a web shop's five event types with relationships and without ({@link
 *       RelationshipCatalogs}), into DIR/classes/relationships (with -Dbench.only=relationships, the
 *       only catalogs built);
 *   <li>{@code c_<variant>}: two change streams and their plain twin ({@link CdcCatalogs}), into
 *       DIR/classes/cdc (with -Dbench.only=cdc, the only catalogs built);
 *   <li>{@code r_sessions} and {@code r_sessions_plain}: a sessionized web shop and its plain twin
 *       ({@link SessionCatalogs}), into DIR/classes/relationships (with -Dbench.only=sessions, the
 *       only catalogs built);
 *   <li>{@code vN}, N from -Dbench.varied: N types of random shapes ({@link VariedCatalog}) and {@code
 *       vNs30}, a 30-type sample of each, all into DIR/classes/varied; the generate and javac times
 *       go to DIR/varied-build-times.txt.
 * </ul>
 *
 * A catalog whose YAML is unchanged, built by a compiler that generates the same code (a probe
 * catalog's output is compared), is neither generated nor compiled again. The classes stay out of
 * the module's test classes, so editing the benchmark does not recompile 20,000 generated files.
 *
 * <p>Run by the bench profile: {@code java -cp <test classpath> GenerateBenchCatalogs.java DIR}.
 */
public final class GenerateBenchCatalogs {
  /** The varied catalogs' sizes (property bench.varied); each also gets a 30-type sample of itself. */
  static final int SAMPLE = 30;

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    if ("rate".equals(System.getProperty("bench.only"))) {
      return; // that mode streams the quickstart catalog this module's tests compile
    }
    for (String v : CdcCatalogs.VARIANTS) {
      build(dir, "c_" + v, "c_" + v + ".yaml", "dev.streamgen.bench.c." + v, dir.resolve("classes/cdc"), CdcCatalogs.yaml(v));
    }
    if (String.valueOf(System.getProperty("bench.only")).startsWith("cdc")) {
      return; // that mode runs these catalogs only
    }
    for (RelationshipCatalogs.Variant v : RelationshipCatalogs.Variant.values()) {
      build(dir, "r_" + v.label(), "r_" + v.label() + ".yaml", "dev.streamgen.bench.r." + v.label(),
          dir.resolve("classes/relationships"), RelationshipCatalogs.yaml(v));
    }
    for (boolean sessions : new boolean[] {false, true}) {
      String label = SessionCatalogs.label(sessions);
      build(dir, "r_" + label, "r_" + label + ".yaml", "dev.streamgen.bench.r." + label, dir.resolve("classes/relationships"),
          SessionCatalogs.yaml(sessions));
    }
    if (String.valueOf(System.getProperty("bench.only")).startsWith("sessions")) {
      return; // that mode runs the two session catalogs only
    }
    if (String.valueOf(System.getProperty("bench.only")).startsWith("relationships")) {
      return; // that mode runs these catalogs only
    }
    for (int n : new int[] {3, 100, 1000, 10000}) {
      build(dir, "t" + n, "synthetic.yaml", "dev.streamgen.bench.t" + n, dir.resolve("classes/t" + n), yaml(n));
    }
    for (KindCatalogs.Catalog k : KindCatalogs.ALL) {
      build(dir, "k_" + k.name(), "k_" + k.name() + ".yaml", "dev.streamgen.bench.k." + k.name(), dir.resolve("classes/kinds"), k.yaml());
    }
    // Varied catalogs: all in one classes directory (distinct packages and YAML names).
    Path varied = dir.resolve("classes/varied");
    StringBuilder timings = new StringBuilder();
    for (String size : System.getProperty("bench.varied", "3 30 100 1000 10000 100000").trim().split("\\s+")) {
      int n = Integer.parseInt(size);
      VariedCatalog catalog = VariedCatalog.generate(n, 20261207L);
      timings.append(build(dir, "v" + n, "varied_v" + n + ".yaml", "dev.streamgen.bench.v" + n, varied, catalog.yaml()));
      if (n > SAMPLE) {
        build(dir, "v" + n + "s" + SAMPLE, "varied_v" + n + "s" + SAMPLE + ".yaml", "dev.streamgen.bench.v" + n + "s" + SAMPLE,
            varied, catalog.sample(SAMPLE, 7L).yaml());
      }
    }
    Files.writeString(dir.resolve("varied-build-times.txt"), timings.toString());
  }

  /**
   * Generates and compiles one catalog into {@code classes} unless its YAML is unchanged and its
   * catalog class is there. Returns a line with the build's timings (empty when up to date).
   */
  private static String build(Path dir, String name, String yamlName, String javaPackage, Path classes, String text)
      throws IOException {
    Path yaml = dir.resolve("yaml/" + name + "/" + yamlName);
    String stem = yamlName.substring(0, yamlName.length() - ".yaml".length());
    StringBuilder catalogClass = new StringBuilder();
    for (String part : stem.split("_")) {
      catalogClass.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    Path marker = classes.resolve(javaPackage.replace('.', '/') + "/" + catalogClass + "Catalog.class");
    Path stamp = dir.resolve("yaml/" + name + "/generator.sha256");
    String generator = generatorStamp(dir);
    if (Files.exists(marker) && Files.exists(yaml) && Files.readString(yaml).equals(text)
        && Files.exists(stamp) && Files.readString(stamp).equals(generator)) {
      System.out.println("bench catalog " + name + ": up to date");
      String previous = dir.resolve("timings/" + name + ".txt").toString();
      return Files.exists(Path.of(previous)) ? Files.readString(Path.of(previous)) : "";
    }
    deleteTree(dir.resolve("java/" + name));
    deleteTree(classes.resolve(javaPackage.replace('.', '/')));
    Files.createDirectories(yaml.getParent());
    Files.writeString(yaml, text, StandardCharsets.UTF_8);
    Files.deleteIfExists(stamp);
    long t0 = System.nanoTime();
    CompileResult result =
        Compiler.compile(
            CompileRequest.builder()
                .sources(List.of(yaml))
                .javaPackage(javaPackage)
                .javaOutputDirectory(dir.resolve("java/" + name))
                .resourceOutputDirectory(dir.resolve("resources/" + name))
                .schemaOutputDirectory(dir.resolve("schemas/" + name))
                // The benchmark runs the streamgen source only; typed classes would be most of the javac time.
                .typedClasses(TypedClasses.parse(System.getProperty("bench.typedClasses", "none")))
                .build());
    if (!result.success()) {
      result.errors().forEach(System.err::println);
      System.exit(1);
    }
    long generateMillis = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("bench catalog %s: %d files generated in %d ms%n", name, result.generatedFiles().size(), generateMillis);
    long javacMillis = compile(dir.resolve("java/" + name), classes, name);
    Files.writeString(stamp, generator, StandardCharsets.UTF_8);
    // The catalog's own YAML beside its classes (not the shared index file, which would collide).
    Path resources = dir.resolve("resources/" + name);
    try (Stream<Path> files = Files.walk(resources)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().equals("catalogs")) {
          Path to = classes.resolve(resources.relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    long javaFiles;
    try (Stream<Path> files = Files.walk(dir.resolve("java/" + name))) {
      javaFiles = files.filter(f -> f.toString().endsWith(".java")).count();
    }
    String line = String.format(java.util.Locale.ROOT, "%s\t%d\t%d\t%d%n", name, javaFiles, generateMillis, javacMillis);
    Files.createDirectories(dir.resolve("timings"));
    Files.writeString(dir.resolve("timings/" + name + ".txt"), line);
    return line;
  }

  /** javac --release 8 over every generated source, like a user's build; returns its wall milliseconds. */
  private static long compile(Path sources, Path classes, String name) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--release", "8", "-nowarn", "-encoding", "UTF-8",
        "-cp", System.getProperty("java.class.path"), "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    long t0 = System.nanoTime();
    int status = javac.run(null, null, System.err, args.toArray(new String[0]));
    if (status != 0) {
      System.err.println("javac failed for " + name);
      System.exit(1);
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("bench catalog %s: compiled in %d s%n", name, millis / 1000);
    return millis;
  }

  private static String generatorStamp;

  /**
   * A digest of what this build's compiler generates for a small probe catalog of every kind: when
   * the compiler (or the runtime API its code calls) changes what it writes, every cached catalog is
   * stale, even with its YAML unchanged.
   */
  private static String generatorStamp(Path dir) throws IOException {
    if (generatorStamp != null) {
      return generatorStamp;
    }
    Path probe = dir.resolve("probe");
    deleteTree(probe);
    Path yaml = probe.resolve("probe.yaml");
    Files.createDirectories(probe);
    Files.writeString(yaml, VariedCatalog.generate(12, 1L).yaml(), StandardCharsets.UTF_8);
    // References, pools and unique ids too (their own generated code).
    Path relationships = probe.resolve("probe_relationships.yaml");
    Files.writeString(relationships, RelationshipCatalogs.yaml(RelationshipCatalogs.Variant.TYPE_REFS_01), StandardCharsets.UTF_8);
    // And change streams (their envelope is generated code too), on their own (same type names).
    Path cdc = probe.resolve("cdc/probe_cdc.yaml");
    Files.createDirectories(cdc.getParent());
    Files.writeString(cdc, CdcCatalogs.yaml("cdc"), StandardCharsets.UTF_8);
    for (CompileRequest request : List.of(
        CompileRequest.builder()
            .sources(List.of(yaml, relationships))
            .javaPackage("dev.streamgen.bench.probe")
            .javaOutputDirectory(probe.resolve("java"))
            .resourceOutputDirectory(probe.resolve("resources"))
            .schemaOutputDirectory(probe.resolve("schemas"))
            .build(),
        CompileRequest.builder()
            .sources(List.of(cdc))
            .javaPackage("dev.streamgen.bench.probe.cdc")
            .javaOutputDirectory(probe.resolve("cdc/java"))
            .resourceOutputDirectory(probe.resolve("cdc/resources"))
            .schemaOutputDirectory(probe.resolve("cdc/schemas"))
            .build())) {
      CompileResult result = Compiler.compile(request);
      if (!result.success()) {
        result.errors().forEach(System.err::println);
        System.exit(1);
      }
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(probe)) {
      walk.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    for (Path f : files) {
      sha.update(probe.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(f));
    }
    generatorStamp = HexFormat.of().formatHex(sha.digest());
    return generatorStamp;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> files = Files.walk(p)) {
      List<Path> all = new ArrayList<>();
      files.forEach(all::add);
      for (int i = all.size() - 1; i >= 0; i--) {
        Files.delete(all.get(i));
      }
    }
  }

  static String yaml(int n) {
    long totalUnits = 0;
    for (int k = 0; k < n; k++) {
      totalUnits += k % 10 + 1;
    }
    StringBuilder y = new StringBuilder();
    y.append("# ").append(n).append(" synthetic event types for the streamgen benchmarks (generated).\n");
    y.append("common_fields:\n  user_id:\n    type: \"int\"\n    range: [1, 1000000]\n\nevent_types:\n");
    BigDecimal sum = BigDecimal.ZERO;
    for (int k = 0; k < n; k++) {
      BigDecimal w;
      if (k < n - 1) {
        w = BigDecimal.valueOf(k % 10 + 1).divide(BigDecimal.valueOf(totalUnits), 15, RoundingMode.HALF_EVEN);
        sum = sum.add(w);
      } else {
        w = BigDecimal.ONE.subtract(sum);
      }
      y.append("  - event_type_id: \"bench.type").append(k).append("\"\n");
      y.append("    weight: ").append(w.toPlainString()).append('\n');
      y.append("    fields:\n");
      y.append("      id_").append(k).append(":\n        type: \"uuid\"\n");
      y.append("      amount:\n        type: \"float\"\n        range: [0.99, 999.99]\n");
      y.append("      device:\n        type: \"string\"\n        values: [\"iOS\", \"Android\", \"Web\"]\n")
          .append("        weights: [0.4, 0.4, 0.2]\n");
      y.append("      duration_sec:\n        type: \"int\"\n        range: [60, 7200]\n");
    }
    y.append("\ngeneration_mode: \"batch\"\nbatch_config:\n  total_rows: 1000000\n  partitions: 2\n");
    y.append("serialization_format: \"json\"\nsink_config:\n  type: \"noop\"\n");
    return y.toString();
  }

  /**
   * One-type catalogs of 20 fields for the per-kind costs: the seed's five kinds mixed ({@code seed}),
   * the kinds and options added since mixed ({@code rich}), and each kind alone ({@code only_<kind>}).
   */
  static final class KindCatalogs {
    record Catalog(String name, List<String> fields) {
      String yaml() {
        StringBuilder y = new StringBuilder("# One event type of " + fields.size() + " fields for the per-kind benchmark (generated).\n");
        y.append("event_types:\n  - event_type_id: \"bench.").append(name).append("\"\n    weight: 1.0\n    fields:\n");
        for (int i = 0; i < fields.size(); i++) {
          y.append("      f").append(i).append(": ").append(fields.get(i)).append('\n');
        }
        y.append("\ngeneration_mode: \"batch\"\nbatch_config:\n  total_rows: 1000000\n  partitions: 2\n");
        y.append("serialization_format: \"json\"\nsink_config:\n  type: \"noop\"\n");
        return y.toString();
      }
    }

    /** One field definition per kind or option, as a YAML flow mapping: the name is the kind's label. */
    static final java.util.Map<String, String> KINDS = new java.util.LinkedHashMap<>();

    static {
      KINDS.put("uuid", "{type: \"uuid\"}");
      KINDS.put("int", "{type: \"int\", range: [1, 1000000]}");
      KINDS.put("float", "{type: \"float\", range: [0.99, 999.99]}");
      KINDS.put("string", "{type: \"string\", values: [\"iOS\", \"Android\", \"Web\"], weights: [0.4, 0.4, 0.2]}");
      KINDS.put("timestamp", "{type: \"timestamp\"}");
      KINDS.put("long", "{type: \"long\", range: [1, 9000000000000]}");
      KINDS.put("double_precision", "{type: \"double\", range: [0.99, 999.99], precision: 2}");
      KINDS.put("boolean", "{type: \"boolean\", true_ratio: 0.3}");
      KINDS.put("date", "{type: \"date\", range: [\"2020-01-01\", \"2026-12-31\"]}");
      KINDS.put("decimal", "{type: \"decimal\", precision: 9, scale: 2, range: [0.01, 9999999.99]}");
      KINDS.put("bytes", "{type: \"bytes\", length: [8, 24]}");
      KINDS.put("enum", "{type: \"enum\", values: [\"PENDING\", \"SHIPPED\", \"RETURNED\"], weights: [0.2, 0.7, 0.1]}");
      KINDS.put("timestamp_window", "{type: \"timestamp\", range: \"now-30d..now\", format: \"epoch_millis\"}");
      KINDS.put("sequence", "{type: \"sequence\", prefix: \"ord-\", start: 100000}");
      KINDS.put("template", "{type: \"template\", template: \"order-{{int:1000..9999}}-{{enum:A|B|C}}\"}");
      KINDS.put("int_normal", "{type: \"int\", range: [18, 90], distribution: \"normal\"}");
      KINDS.put("float_lognormal", "{type: \"float\", range: [0.5, 5000], distribution: {type: \"lognormal\", mu: 3.5, sigma: 0.8}}");
      KINDS.put("int_zipf", "{type: \"int\", range: [1, 100000], distribution: {type: \"zipf\", exponent: 1.1}}");
      KINDS.put("int_buckets", "{type: \"int\", range: [1, 50], distribution: {type: \"buckets\", buckets: [{range: [1, 3], weight: 0.8}, {range: [4, 50], weight: 0.2}]}}");
      KINDS.put("string_nullable", "{type: \"string\", values: [\"ads\", \"friend\", \"search\"], nullable: true, null_ratio: 0.3}");
      KINDS.put("regex", "{type: \"regex\", regex: \"[A-Z]{3}-[0-9]{4}\"}");
      KINDS.put("faker", "{type: \"faker\", faker: \"#{Name.firstName} #{Name.lastName}\"}");
      KINDS.put("struct", "{type: \"struct\", fields: {city: {type: \"string\", values: [\"Paris\", \"Lyon\", \"Nice\"]}, zip: {type: \"int\", range: [1000, 99999]}}}");
      KINDS.put("array", "{type: \"array\", length: [0, 4], items: {type: \"int\", range: [1, 100]}}");
      // Refers to field f0 (in rich: the long), so it has no catalog of its own.
      KINDS.put("expr", "{type: \"expr\", expr: \"f0 * 3 + 1\"}");
    }

    /** Kinds that refer to other fields: mixed into rich only. */
    static final List<String> REFERRING = List.of("expr");

    static final List<String> SEED_KINDS = List.of("uuid", "int", "float", "string", "timestamp");

    static final List<Catalog> ALL = catalogs();

    private static List<Catalog> catalogs() {
      List<Catalog> all = new ArrayList<>();
      all.add(new Catalog("seed", mix(SEED_KINDS)));
      all.add(new Catalog("rich", mix(KINDS.keySet().stream().filter(k -> !SEED_KINDS.contains(k)).toList())));
      for (var e : KINDS.entrySet()) {
        if (!REFERRING.contains(e.getKey())) {
          all.add(new Catalog("only_" + e.getKey(), java.util.Collections.nCopies(20, e.getValue())));
        }
      }
      return all;
    }

    /** 20 fields cycling through the given kinds. */
    private static List<String> mix(List<String> kinds) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        fields.add(KINDS.get(kinds.get(i % kinds.size())));
      }
      return fields;
    }
  }

  /**
   * The relationships benchmark's catalogs: a web shop like docs/examples/webshop.yaml with the same
   * event types, weights and field names in every variant, each field of the same kind, so a row
   * writes the same fields with and without relationships:
   *
   * <ul>
   *   <li>{@code plain}: every field a plain field (user_id, seller_id and product_id a uuid, country
   *       and category a weighted string, tier an enum, sku a sequence, price a decimal, order_id a
   *       long range);
   *   <li>{@code unique_ids}: {@code plain} with event_id and order.placed's order_id {@code unique:
   *       true} (what unique ids cost alone);
   *   <li>{@code pools_uniform}: the user and product fields are references to two pools (users:
   *       20,000 members, products: 500), members picked uniformly; event_id and order_id are
   *       {@code unique: true} (and the users' id);
   *   <li>{@code pools_zipf}: the same, every member picked by zipf popularity (exponent 1.1);
   *   <li>{@code type_refs_05} and {@code type_refs_01}: {@code pools_uniform} plus references to ids
   *       other types emitted: order.placed's product_id to product.created's (weight 0.05) or to
   *       product.recalled's (weight 0.01), match 0.98, and order.shipped's order_id to
   *       order.placed's (weight 0.3).
   * </ul>
   *
   * product.created and product.recalled have the same fields, so moving the reference from one
   * to the other changes only the searched type's weight.
   */
  static final class RelationshipCatalogs {
    enum Variant {
      PLAIN("plain"),
      UNIQUE_IDS("unique_ids"),
      POOLS_UNIFORM("pools_uniform"),
      POOLS_ZIPF("pools_zipf"),
      TYPE_REFS_05("type_refs_05"),
      TYPE_REFS_01("type_refs_01");

      private final String label;

      Variant(String label) {
        this.label = label;
      }

      String label() {
        return label;
      }
    }

    static String yaml(Variant v) {
      boolean unique = v != Variant.PLAIN;
      boolean pools = unique && v != Variant.UNIQUE_IDS;
      boolean typeRefs = v == Variant.TYPE_REFS_05 || v == Variant.TYPE_REFS_01;
      String pop = v == Variant.POOLS_ZIPF ? ", distribution: {type: \"zipf\", exponent: 1.1}" : "";
      String country = "{type: \"string\", values: [\"US\", \"DE\", \"FR\", \"BR\"], weights: [0.4, 0.25, 0.2, 0.15]}";
      String tier = "{type: \"enum\", values: [\"FREE\", \"PLUS\", \"PRO\"], weights: [0.7, 0.2, 0.1]}";
      String sku = "{type: \"sequence\", prefix: \"SKU-\", start: 1000}";
      String price = "{type: \"decimal\", precision: 8, scale: 2, range: [1, 900]}";
      String category = "{type: \"string\", values: [\"books\", \"games\", \"garden\", \"tools\"]}";
      String uuid = "{type: \"uuid\"}";
      String orderId = "{type: \"long\", range: [1, 9000000000]" + (unique ? ", unique: true}" : "}");
      String userId = pools ? "{ref: \"users.id\"" + pop + "}" : uuid;
      String sellerId = pools ? "{ref: \"users.id\", role: \"seller\"" + pop + "}" : uuid;
      String userCountry = pools ? "{ref: \"users.country\"" + pop + "}" : country;
      String userTier = pools ? "{ref: \"users.tier\"" + pop + "}" : tier;
      String productSku = pools ? "{ref: \"products.sku\"" + pop + "}" : sku;
      String productPrice = pools ? "{ref: \"products.price\"" + pop + "}" : price;
      String productCategory = pools ? "{ref: \"products.category\"" + pop + "}" : category;
      String orderedProduct = !typeRefs ? uuid
          : "{ref: \"" + (v == Variant.TYPE_REFS_05 ? "product.created" : "product.recalled") + ".product_id\", match: 0.98}";
      String shippedOrder = typeRefs ? "{ref: \"order.placed.order_id\"}" : "{type: \"long\", range: [1, 9000000000]}";

      StringBuilder y = new StringBuilder("# The relationships benchmark's web shop, variant " + v.label() + " (generated).\n");
      if (pools) {
        y.append("entities:\n");
        y.append("  users:\n    count: 20000\n    fields:\n");
        y.append("      id: {type: \"uuid\", unique: true}\n");
        y.append("      country: ").append(country).append('\n');
        y.append("      tier: ").append(tier).append('\n');
        y.append("  products:\n    count: 500\n    fields:\n");
        y.append("      sku: ").append(sku).append('\n');
        y.append("      price: ").append(price).append('\n');
        y.append("      category: ").append(category).append('\n');
      }
      y.append("common_fields:\n");
      y.append("  event_id: ").append(unique ? "{type: \"uuid\", unique: true}" : uuid).append('\n');
      y.append("  user_id: ").append(userId).append('\n');
      y.append("  event_time: {type: \"timestamp\"}\n");
      y.append("event_types:\n");
      for (String[] product : new String[][] {{"product.created", "0.05"}, {"product.recalled", "0.01"}}) {
        y.append("  - event_type_id: \"").append(product[0]).append("\"\n    weight: ").append(product[1]).append("\n    fields:\n");
        y.append("      product_id: ").append(uuid).append('\n');
        y.append("      sku: ").append(productSku).append('\n');
        y.append("      price: ").append(productPrice).append('\n');
      }
      y.append("  - event_type_id: \"page.view\"\n    weight: 0.55\n    fields:\n");
      y.append("      country: ").append(userCountry).append('\n');
      y.append("      tier: ").append(userTier).append('\n');
      y.append("      sku: ").append(productSku).append('\n');
      y.append("      category: ").append(productCategory).append('\n');
      y.append("  - event_type_id: \"order.placed\"\n    weight: 0.3\n    fields:\n");
      y.append("      order_id: ").append(orderId).append('\n');
      y.append("      product_id: ").append(orderedProduct).append('\n');
      y.append("      country: ").append(userCountry).append('\n');
      y.append("      seller_id: ").append(sellerId).append('\n');
      y.append("      amount: {type: \"float\", range: [5, 500]}\n");
      y.append("  - event_type_id: \"order.shipped\"\n    weight: 0.09\n    fields:\n");
      y.append("      order_id: ").append(shippedOrder).append('\n');
      y.append("      carrier: {type: \"string\", values: [\"DHL\", \"UPS\", \"USPS\"]}\n");
      y.append("\ngeneration_mode: \"batch\"\nbatch_config:\n  total_rows: 1000000\n  partitions: 2\n");
      y.append("serialization_format: \"json\"\nsink_config:\n  type: \"noop\"\n");
      return y.toString();
    }
  }

  /**
   * The change-stream benchmark's catalogs: two change streams (customers, weight 0.2, and products,
   * a rarer 0.05, whose previous-change search tests more rows) beside page views and orders reading
   * the same pools, and its plain twin with the same event types, weights and field names, each
   * field of the same kind: the envelope's {@code op} a weighted string, {@code key} a uuid or
   * sequence, the images nullable structs of the pool's fields (null about as often as the stream's
   * inserts and deletes make them), {@code version} and {@code ts_ms} long ranges, {@code source} a
   * struct of one-value strings and long ranges; the references plain fields.
   */
  static final class CdcCatalogs {
    static final List<String> VARIANTS = List.of("plain", "cdc");

    static String yaml(String v) {
      boolean cdc = v.equals("cdc");
      String uuid = "{type: \"uuid\"}";
      String email = "{type: \"template\", template: \"user{{int:1..99999}}@example.com\"}";
      String tier = "{type: \"string\", values: [\"FREE\", \"PLUS\", \"PRO\"], weights: [0.7, 0.2, 0.1]}";
      String country = "{type: \"string\", values: [\"US\", \"DE\", \"FR\", \"BR\"]}";
      String sku = "{type: \"sequence\", prefix: \"SKU-\", start: 1000}";
      String price = "{type: \"decimal\", precision: 8, scale: 2, range: [1, 900]}";
      String category = "{type: \"string\", values: [\"books\", \"games\", \"garden\", \"tools\"]}";
      StringBuilder y = new StringBuilder("# The change-stream benchmark's catalog, variant " + v + " (generated).\n");
      if (cdc) {
        y.append("entities:\n");
        y.append("  customers:\n    count: 20000\n    fields:\n");
        y.append("      id: {type: \"uuid\", unique: true}\n");
        y.append("      email: ").append(email).append('\n');
        y.append("      tier: ").append(tier).append('\n');
        y.append("      country: ").append(country).append('\n');
        y.append("  products:\n    count: 500\n    fields:\n");
        y.append("      sku: ").append(sku).append('\n');
        y.append("      price: ").append(price).append('\n');
        y.append("      category: ").append(category).append('\n');
      }
      y.append("event_types:\n");
      y.append("  - event_type_id: \"customers.cdc\"\n    weight: 0.2\n");
      if (cdc) {
        y.append("    changes: {entity: \"customers\", updates: [\"email\", \"tier\"], delete_ratio: 0.05}\n");
      } else {
        envelope(y, uuid, "customers", new String[][] {{"id", uuid}, {"email", email}, {"tier", tier}, {"country", country}});
      }
      y.append("  - event_type_id: \"products.cdc\"\n    weight: 0.05\n");
      if (cdc) {
        y.append("    changes: {entity: \"products\", updates: [\"price\"], delete_ratio: 0.02}\n");
      } else {
        envelope(y, sku, "products", new String[][] {{"sku", sku}, {"price", price}, {"category", category}});
      }
      y.append("  - event_type_id: \"page.view\"\n    weight: 0.6\n    fields:\n");
      y.append("      key: ").append(cdc ? "{ref: \"customers.id\"}" : uuid).append('\n');
      y.append("      country: ").append(cdc ? "{ref: \"customers.country\"}" : country).append('\n');
      y.append("      url: {type: \"string\", values: [\"/\", \"/cart\", \"/checkout\"]}\n");
      y.append("  - event_type_id: \"order.placed\"\n    weight: 0.15\n    fields:\n");
      y.append("      key: ").append(cdc ? "{ref: \"customers.id\"}" : uuid).append('\n');
      y.append("      sku: ").append(cdc ? "{ref: \"products.sku\"}" : sku).append('\n');
      y.append("      amount: {type: \"float\", range: [5, 500]}\n");
      y.append("\ngeneration_mode: \"batch\"\nbatch_config:\n  total_rows: 1000000\n  partitions: 2\n");
      y.append("serialization_format: \"json\"\nsink_config:\n  type: \"noop\"\n");
      return y.toString();
    }

    /** The plain twin of a change type's envelope: op, key, before, after, version, ts_ms, source. */
    private static void envelope(StringBuilder y, String key, String pool, String[][] image) {
      y.append("    fields:\n");
      y.append("      op: {type: \"string\", values: [\"c\", \"u\", \"d\"], weights: [0.08, 0.88, 0.04]}\n");
      y.append("      key: ").append(key).append('\n');
      for (String side : new String[] {"before", "after"}) {
        y.append("      ").append(side).append(":\n        type: \"struct\"\n        nullable: true\n        null_ratio: ")
            .append(side.equals("before") ? "0.08" : "0.04").append("\n        fields:\n");
        for (String[] f : image) {
          y.append("          ").append(f[0]).append(": ").append(f[1]).append('\n');
        }
      }
      y.append("      version: {type: \"long\", range: [1, 200]}\n");
      y.append("      ts_ms: {type: \"long\", range: [1700000000000, 1800000000000]}\n");
      y.append("      source:\n        type: \"struct\"\n        fields:\n");
      y.append("          connector: {type: \"string\", values: [\"streamgen\"]}\n");
      y.append("          name: {type: \"string\", values: [\"").append(pool).append("\"]}\n");
      y.append("          ts_ms: {type: \"long\", range: [1700000000000, 1800000000000]}\n");
      y.append("          snapshot: {type: \"string\", values: [\"false\"]}\n");
      y.append("          table: {type: \"string\", values: [\"").append(pool).append("\"]}\n");
      y.append("          lsn: {type: \"long\", range: [0, 100000000]}\n");
    }
  }

  /**
   * The sessions benchmark's catalogs: a web shop whose visits are one session machine of six event
   * types (concurrency 5,000, weight 0.75, sessions of a users pool) beside two independent types,
   * and its plain twin: the same types, field names and kinds, with each machine type's weight its
   * expected share of the machine's rows (computed from the transitions, max_events cut included),
   * session fields plain uuids, int and timestamp fields, and references to the users pool plain
   * fields of the target's kind. So a row writes the same fields in both; only where the session's
   * values come from differs.
   */
  static final class SessionCatalogs {
    static final String[] TYPES = {"session.start", "page.view", "search", "cart.add", "order.placed", "session.end"};
    /** Transition weights: row from, column to (indexes into TYPES). */
    static final double[][] NEXT = {
      {0, 0.7, 0.3, 0, 0, 0},
      {0, 0.5, 0.15, 0.15, 0, 0.2},
      {0, 0.8, 0, 0, 0, 0.2},
      {0, 0.4, 0, 0, 0.4, 0.2},
      {0, 0.3, 0, 0, 0, 0.7},
      {0, 0, 0, 0, 0, 0},
    };
    static final double MACHINE_WEIGHT = 0.75;
    static final int MAX_EVENTS = 50;

    static String label(boolean sessions) {
      return sessions ? "sessions" : "sessions_plain";
    }

    /** The expected share of each type among a session's events (the distribution walked step by step, cut at MAX_EVENTS). */
    static double[] shares() {
      double[] at = new double[TYPES.length];
      double[] visits = new double[TYPES.length];
      at[0] = 1;
      for (int step = 0; step < MAX_EVENTS; step++) {
        double[] next = new double[TYPES.length];
        for (int s = 0; s < TYPES.length; s++) {
          visits[s] += at[s];
          for (int t = 0; t < TYPES.length; t++) {
            next[t] += at[s] * NEXT[s][t];
          }
        }
        at = next;
      }
      double total = 0;
      for (double v : visits) {
        total += v;
      }
      for (int s = 0; s < TYPES.length; s++) {
        visits[s] /= total;
      }
      return visits;
    }

    static String yaml(boolean sessions) {
      StringBuilder y = new StringBuilder("# The sessions benchmark's web shop, " + (sessions ? "sessionized" : "plain twin") + " (generated).\n");
      String country = "{type: \"string\", values: [\"US\", \"DE\", \"FR\", \"BR\"], weights: [0.4, 0.25, 0.2, 0.15]}";
      if (sessions) {
        y.append("entities:\n  users:\n    count: 20000\n    fields:\n");
        y.append("      id: {type: \"uuid\", unique: true}\n");
        y.append("      country: ").append(country).append('\n');
        y.append("sessions:\n  visit:\n    weight: ").append(MACHINE_WEIGHT).append("\n    concurrency: 5000\n    max_events: ")
            .append(MAX_EVENTS).append("\n    entity: \"users\"\n    start: \"session.start\"\n    transitions:\n");
        for (int s = 0; s < TYPES.length; s++) {
          StringBuilder targets = new StringBuilder();
          for (int t = 0; t < TYPES.length; t++) {
            if (NEXT[s][t] > 0) {
              targets.append(targets.length() == 0 ? "" : ", ").append(TYPES[t]).append(": ").append(NEXT[s][t]);
            }
          }
          if (targets.length() > 0) {
            y.append("      ").append(TYPES[s]).append(": {").append(targets).append("}\n");
          }
        }
      }
      y.append("common_fields:\n  event_id: {type: \"uuid\"}\n  event_time: {type: \"timestamp\"}\n");
      y.append("event_types:\n");
      String uuid = "{type: \"uuid\"}";
      String sessionId = sessions ? "{session: \"id\"}" : uuid;
      String userId = sessions ? "{ref: \"users.id\"}" : uuid;
      String userCountry = sessions ? "{ref: \"users.country\"}" : country;
      String[][] own = {
        {"country: " + userCountry, "device: {type: \"string\", values: [\"ios\", \"android\", \"web\"], weights: [0.3, 0.3, 0.4]}"},
        {"url: {type: \"string\", values: [\"/\", \"/search\", \"/item\", \"/help\", \"/cart\"]}", "duration_ms: {type: \"int\", range: [50, 30000]}"},
        {"query: {type: \"string\", values: [\"shoes\", \"books\", \"garden\", \"lamp\", \"tent\"]}", "results: {type: \"int\", range: [0, 500]}"},
        {"sku: {type: \"sequence\", prefix: \"SKU-\", start: 1000}", "quantity: {type: \"int\", range: [1, 5]}",
            "price: {type: \"decimal\", precision: 8, scale: 2, range: [1, 900]}"},
        {"order_id: " + uuid, "amount: {type: \"float\", range: [5, 500]}", "country: " + userCountry},
        {"reason: {type: \"string\", values: [\"logout\", \"timeout\"], weights: [0.3, 0.7]}"},
      };
      double[] shares = shares();
      for (int s = 0; s < TYPES.length; s++) {
        y.append("  - event_type_id: \"").append(TYPES[s]).append("\"\n");
        if (!sessions) {
          y.append("    weight: ").append(new BigDecimal(MACHINE_WEIGHT * shares[s]).setScale(12, RoundingMode.HALF_EVEN).toPlainString())
              .append('\n');
        }
        y.append("    fields:\n      session_id: ").append(sessionId).append("\n      user_id: ").append(userId).append('\n');
        for (String f : own[s]) {
          y.append("      ").append(f).append('\n');
        }
      }
      y.append("  - event_type_id: \"heartbeat\"\n    weight: 0.15\n    fields:\n");
      y.append("      host: {type: \"string\", values: [\"web-1\", \"web-2\", \"web-3\"]}\n      cpu: {type: \"double\", range: [0, 100]}\n");
      y.append("  - event_type_id: \"product.updated\"\n    weight: 0.1\n    fields:\n");
      y.append("      product_id: ").append(uuid).append("\n      price: {type: \"decimal\", precision: 8, scale: 2, range: [1, 900]}\n");
      y.append("\ngeneration_mode: \"batch\"\nbatch_config:\n  total_rows: 1000000\n  partitions: 2\n");
      y.append("serialization_format: \"json\"\nsink_config:\n  type: \"noop\"\n");
      return y.toString();
    }
  }

  /**
   * A catalog like a real one: N event types, each with 2 to 12 fields of random kinds (int, float,
   * weighted string, uuid, timestamp) with random names, ranges and value lists, and random weights.
   * With -Dbench.variedKinds=all (the default), one field in four is instead one of the kinds and
   * options added since the seed ({@link KindCatalogs#KINDS}, seed kinds excluded); with {@code
   * seed}, only the seed's kinds (the catalogs issue 12 was measured on). Seeded, so the same N and
   * setting give the same YAML.
   */
  static final class VariedCatalog {
    private static final String[] NAMES = {
      "user_id", "account_id", "session_id", "order_id", "item_id", "sku", "amount", "price", "quantity",
      "discount", "currency", "country", "region", "city", "device", "os", "browser", "app_version",
      "status", "reason", "channel", "campaign", "referrer", "page", "duration_ms", "latency_ms", "retries",
      "score", "rating", "temperature", "pressure", "battery", "signal", "plan", "tier", "locale", "event_ts",
      "created_at", "updated_at", "trace_id", "span_id", "request_id", "error_code", "level", "service",
      "host", "zone", "cpu", "memory_mb", "bytes_in", "bytes_out", "lat", "lon", "speed", "heading", "vendor",
      "category", "brand", "color", "size"
    };
    private static final String[] WORDS = {
      "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
      "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor",
      "whiskey", "xray", "yankee", "zulu", "ok", "failed", "pending", "retry", "US", "DE", "FR", "JP", "BR", "IN"
    };

    private static final boolean RICH = !"seed".equals(System.getProperty("bench.variedKinds", "all"));
    private static final List<String> RICH_KINDS = KindCatalogs.KINDS.entrySet().stream()
        .filter(e -> !KindCatalogs.SEED_KINDS.contains(e.getKey()) && !KindCatalogs.REFERRING.contains(e.getKey()))
        .map(java.util.Map.Entry::getValue)
        .toList();

    private final List<String> types;
    private final List<Long> units;

    private VariedCatalog(List<String> types, List<Long> units) {
      this.types = types;
      this.units = units;
    }

    static VariedCatalog generate(int n, long seed) {
      java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
      List<String> types = new ArrayList<>();
      List<Long> units = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        StringBuilder t = new StringBuilder();
        t.append("  - event_type_id: \"v.").append(NAMES[rnd.nextInt(NAMES.length)]).append('.').append(k).append("\"\n");
        t.append("    weight: @WEIGHT@\n    fields:\n");
        int fields = 2 + rnd.nextInt(11);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int f = 0; f < fields; f++) {
          String name = NAMES[rnd.nextInt(NAMES.length)];
          while (!used.add(name)) {
            name = name + "_" + f;
          }
          t.append("      ").append(name).append(":\n");
          int kind = rnd.nextInt(100);
          if (RICH && rnd.nextInt(4) == 0) {
            String definition = RICH_KINDS.get(rnd.nextInt(RICH_KINDS.size()));
            // The flow mapping as a block: "{type: x, k: v}" -> "type: x" lines would need a YAML writer;
            // a flow mapping is valid YAML in block context too.
            t.setLength(t.length() - 1);
            t.append(" ").append(definition).append('\n');
          } else if (kind < 25) {
            long min = rnd.nextInt(3) == 0 ? -rnd.nextInt(100_000) : rnd.nextInt(100_000);
            long max = min + 1 + rnd.nextInt(10_000_000);
            t.append("        type: \"int\"\n        range: [").append(min).append(", ").append(max).append("]\n");
          } else if (kind < 45) {
            double min = Math.round(rnd.nextDouble(-1000, 1000) * 100) / 100.0;
            double max = min + Math.round(rnd.nextDouble(0.01, 100_000) * 100) / 100.0;
            t.append("        type: \"float\"\n        range: [").append(min).append(", ").append(max).append("]\n");
          } else if (kind < 70) {
            int values = 2 + rnd.nextInt(11);
            java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
            while (chosen.size() < values) {
              chosen.add(WORDS[rnd.nextInt(WORDS.length)] + (rnd.nextInt(4) == 0 ? "-" + rnd.nextInt(100) : ""));
            }
            t.append("        type: \"string\"\n        values: [");
            int i = 0;
            for (String v : chosen) {
              t.append(i++ == 0 ? "" : ", ").append('"').append(v).append('"');
            }
            t.append("]\n");
            if (rnd.nextBoolean()) {
              long[] w = new long[values];
              long total = 0;
              for (int j = 0; j < values; j++) {
                w[j] = 1 + rnd.nextInt(50);
                total += w[j];
              }
              t.append("        weights: [").append(weights(w, total)).append("]\n");
            }
          } else if (kind < 85) {
            t.append("        type: \"uuid\"\n");
          } else {
            t.append("        type: \"timestamp\"\n");
          }
        }
        types.add(t.toString());
        units.add(1L + rnd.nextInt(100));
      }
      return new VariedCatalog(types, units);
    }

    /** {@code m} of its types, drawn at random, with their relative weights. */
    VariedCatalog sample(int m, long seed) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < types.size(); i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, new java.util.Random(seed));
      List<Integer> picked = new ArrayList<>(order.subList(0, Math.min(m, order.size())));
      picked.sort(null);
      List<String> t = new ArrayList<>();
      List<Long> u = new ArrayList<>();
      for (int i : picked) {
        t.add(types.get(i));
        u.add(units.get(i));
      }
      return new VariedCatalog(t, u);
    }

    String yaml() {
      long[] w = new long[units.size()];
      long total = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = units.get(i);
        total += w[i];
      }
      String[] weights = weights(w, total).split(", ");
      StringBuilder y = new StringBuilder();
      y.append("# ").append(types.size()).append(" varied event types for the streamgen benchmarks (generated).\n");
      y.append("event_types:\n");
      for (int i = 0; i < types.size(); i++) {
        y.append(types.get(i).replace("@WEIGHT@", weights[i]));
      }
      y.append("\ngeneration_mode: \"batch\"\nbatch_config:\n  total_rows: 1000000\n  partitions: 2\n");
      y.append("serialization_format: \"json\"\nsink_config:\n  type: \"noop\"\n");
      return y.toString();
    }

    /** Units as decimal fractions of their total that sum to exactly 1 (the last takes the rest). */
    private static String weights(long[] units, long total) {
      StringBuilder b = new StringBuilder();
      BigDecimal sum = BigDecimal.ZERO;
      for (int i = 0; i < units.length; i++) {
        BigDecimal w;
        if (i < units.length - 1) {
          w = BigDecimal.valueOf(units[i]).divide(BigDecimal.valueOf(total), 15, RoundingMode.HALF_EVEN);
          sum = sum.add(w);
        } else {
          w = BigDecimal.ONE.subtract(sum);
        }
        b.append(i == 0 ? "" : ", ").append(w.toPlainString());
      }
      return b.toString();
    }
  }
}
