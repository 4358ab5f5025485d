package dev.streamgen.runtime.it.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.streamgen.runtime.api.AliasTable;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.columns.ColumnCatalog;
import dev.streamgen.runtime.columns.RngColumns;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.PackedCatalog;
import dev.streamgen.runtime.kinds.SessionTypePick;
import dev.streamgen.runtime.source.EventRowWriter;
import dev.streamgen.runtime.source.EventTime;
import dev.streamgen.runtime.source.GenerationPlan;
import dev.streamgen.runtime.source.LoadedCatalog;
import dev.streamgen.runtime.source.RowTypes;
import dev.streamgen.runtime.source.SourceOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The runtime benchmarks of issue 4, side by side in one JVM on local[2]: the streamgen source at 3
 * and 10,000 types, a hand-written Spark baseline, the seed's union strategy over the generated
 * Column code, the plain-Java single-thread loop, and each format. Prints a Markdown report (also
 * written to {@code -Dbench.out}). A command, not a test: see the bench profile in this module's pom.
 */
public final class RuntimeBenchmark {
  private static final long ROWS = Long.getLong("bench.rows", 20_000_000L);
  private static final long SEED = 42;
  private static final long START = 1_767_225_600_000_000L;
  private static final int CORES = 2;
  /** Input partitions of the streamgen source (and of spark.range in the baseline). */
  private static final int PARTITIONS = Integer.getInteger("bench.partitions", CORES);
  /** A union-strategy run is cancelled after this many seconds (plan build included). */
  private static final double UNION_BUDGET_SECONDS =
      Double.parseDouble(System.getProperty("bench.unionBudget", "300"));

  private static final String T3 = "dev.streamgen.bench.t3.SyntheticCatalog";
  private static final String T100 = "dev.streamgen.bench.t100.SyntheticCatalog";
  private static final String T1000 = "dev.streamgen.bench.t1000.SyntheticCatalog";
  private static final String T10000 = "dev.streamgen.bench.t10000.SyntheticCatalog";

  private final SparkSession spark;
  private final List<String> report = new ArrayList<>();

  private RuntimeBenchmark(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(taskCpu);
  }

  public static void main(String[] args) throws Exception {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("streamgen-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    RuntimeBenchmark b = new RuntimeBenchmark(spark);
    try {
      b.run();
    } finally {
      spark.stop();
    }
    String text = String.join("\n", b.report) + "\n";
    System.out.println("\n" + text);
    String out = System.getProperty("bench.out");
    if (out != null) {
      Path p = Paths.get(out);
      Files.createDirectories(p.toAbsolutePath().getParent());
      Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void run() throws IOException {
    line("Run " + Instant.now() + ": Java " + System.getProperty("java.version") + ", Spark " + spark.version()
        + ", local[" + CORES + "], " + Runtime.getRuntime().availableProcessors() + " processors, load average at start "
        + loadAverage()
        + (System.getProperty("bench.only", "all").matches("(relationships|sessions|cdc|rate).*") ? ""
            : ", " + String.format(Locale.ROOT, "%,d", ROWS) + " rows per measurement")
        + ", " + PARTITIONS + " partitions"
        + jvmFlags() + ".");
    line("");
    String only = System.getProperty("bench.only", "all");
    if ("relationships".equals(only) || "relationships-plain".equals(only)) {
      // Its own catalogs and warm-up (the generator built no others).
      relationships(!"relationships-plain".equals(only), "relationships", REL_TITLE, REL_VARIANTS, REL_LABELS);
      line("Load average at the end: " + loadAverage() + ".");
      return;
    }
    if ("sessions".equals(only) || "sessions-plain".equals(only)) {
      // The relationships comparison over the session catalogs (the generator built no others).
      relationships(!"sessions-plain".equals(only), "sessions", SESSION_TITLE, SESSION_VARIANTS, SESSION_LABELS);
      line("Load average at the end: " + loadAverage() + ".");
      return;
    }
    if ("rate".equals(only)) {
      // Streams of the quickstart catalog (compiled with this module's tests) beside Spark's rate source.
      report.addAll(new RateBenchmark(spark, Long.getLong("bench.seconds", 120)).run());
      line("Load average at the end: " + loadAverage() + ".");
      return;
    }
    if ("cdc".equals(only) || "cdc-plain".equals(only)) {
      cdc(!"cdc-plain".equals(only));
      line("Load average at the end: " + loadAverage() + ".");
      return;
    }
    progress("warm-up");
    streamgen(T3, Format.JSON, ROWS / 10);
    streamgen(T3, Format.JSON, ROWS / 10);
    if ("varied".equals(only)) {
      varied();
      return;
    }
    if ("varied-plain".equals(only)) {
      variedPlain();
      return;
    }
    if ("line".equals(only)) {
      sparkLine();
      return;
    }
    if ("kinds".equals(only)) {
      kinds();
      return;
    }
    boolean all = !"startup".equals(only);

    // 1. streamgen batch JSON -> noop at 3 types (10,000 types come last: their 10,000 kernel
    //    classes fill the JIT's code cache, which would slow everything measured after them).
    Startup s3 = startup(T3);
    Rate sg3 = best(() -> streamgen(T3, Format.JSON, ROWS));
    progress("streamgen json 3 types " + rate(sg3.wall));

    // 2. The hand-written baseline: one spark.range, column expressions, to_json.
    Rate baseline = all ? best(() -> baseline(ROWS)) : null;

    // 3. The seed's union strategy over the generated Column code.
    List<String[]> union = new ArrayList<>();
    UnionResult union3 = null;
    for (String catalog : all ? new String[] {T3, T100, T1000} : new String[0]) {
      UnionResult u = union(catalog, ROWS);
      if (union3 == null) {
        union3 = u;
      }
      union.add(
          new String[] {
            String.format(Locale.ROOT, "%,d", types(catalog)),
            secs(u.planSeconds),
            u.finished ? rate(u.rowsPerSecond) : "cancelled after " + (int) UNION_BUDGET_SECONDS + " s",
            u.finished ? rate(u.rowsPerCpuSecond) : ""
          });
      progress("union " + types(catalog) + ": plan " + secs(u.planSeconds) + " s, " + union.get(union.size() - 1)[2]);
      if (!u.finished) {
        break;
      }
    }

    // 4. The plain-Java limit: one thread, same events, same buffer reuse, per format.
    Rate[] plain = new Rate[Format.values().length];
    Rate[] plainRow = new Rate[Format.values().length];
    for (Format f : all ? Format.values() : new Format[0]) {
      plain[f.ordinal()] = best(() -> plainJava(T3, f, ROWS / 4));
      plainRow[f.ordinal()] = best(() -> plainJavaRows(T3, f, ROWS / 4));
    }

    // 5. Each format through the source.
    Rate[] formats = new Rate[Format.values().length];
    formats[Format.JSON.ordinal()] = sg3;
    for (Format f : all ? new Format[] {Format.AVRO, Format.BINARY, Format.PROTOBUF} : new Format[0]) {
      formats[f.ordinal()] = best(() -> streamgen(T3, f, ROWS));
    }

    // 6. streamgen at 10,000 types, last.
    Startup s10k = startup(T10000);
    Startup s10kWarm = startup(T10000);
    Rate sg10kFirst = streamgen(T10000, Format.JSON, ROWS);
    Rate sg10k = best(() -> streamgen(T10000, Format.JSON, ROWS));
    Rate plain10k = best(() -> plainJava(T10000, Format.JSON, ROWS / 4));
    progress("streamgen json 10,000 types: first " + rate(sg10kFirst.wall) + ", best " + rate(sg10k.wall));
    String codeCache = codeCache();

    line("### streamgen source, batch JSON -> noop");
    line("");
    line("| event types | rows/s | rows per task CPU-second | plan (ms) | plan + start of a 1,000-row job (s) |");
    line("|---:|---:|---:|---:|---:|");
    line("| 3 | " + rate(sg3.wall) + " | " + rate(sg3.cpu) + " | " + ms(s3.planSeconds) + " | " + secs(s3.firstJobSeconds) + " |");
    line("| 10,000, first run in the JVM (catalog load, JIT of the kernels) | " + rate(sg10kFirst.wall) + " | " + rate(sg10kFirst.cpu) + " | " + ms(s10k.planSeconds) + " | " + secs(s10k.firstJobSeconds) + " |");
    line("| 10,000, best of the next 3 | " + rate(sg10k.wall) + " | " + rate(sg10k.cpu) + " | " + ms(s10kWarm.planSeconds) + " | " + secs(s10kWarm.firstJobSeconds) + " |");
    line("");
    if (all) {
      line("### Hand-written Spark baseline (spark.range + column expressions + to_json, 3 types)");
      line("");
      line("| strategy | rows/s | rows per task CPU-second |");
      line("|---|---:|---:|");
      line("| baseline | " + rate(baseline.wall) + " | " + rate(baseline.cpu) + " |");
      line("| streamgen, 3 types | " + rate(sg3.wall) + " | " + rate(sg3.cpu) + " |");
      line("");
      line("### The seed's union strategy (one DataFrame per type over the generated Column code, unioned)");
      line("");
      line("| event types | plan build (s) | rows/s (end to end) | rows per task CPU-second |");
      line("|---:|---:|---:|---:|");
      for (String[] u : union) {
        line("| " + u[0] + " | " + u[1] + " | " + u[2] + " | " + u[3] + " |");
      }
      line("");
      line("### Plain-Java limit (one thread: type pick + kernel.write into a reused buffer) and each format");
      line("");
      line("Rows per CPU-second of the working threads (plain loop: its thread; streamgen: its tasks).");
      line("");
      line("| format | plain Java | + unified row (UnsafeRow) | streamgen (per task CPU-second) | streamgen ÷ plain Java | streamgen local[2] rows/s (wall) |");
      line("|---|---:|---:|---:|---:|---:|");
      for (Format f : Format.values()) {
        Rate pj = plain[f.ordinal()];
        Rate sg = formats[f.ordinal()];
        line("| " + f.configName() + " | " + rate(pj.cpu) + " | " + rate(plainRow[f.ordinal()].cpu) + " | " + rate(sg.cpu)
            + " | " + pct(sg.cpu / pj.cpu) + " | " + rate(sg.wall) + " |");
      }
      line("| json, 10,000 types | " + rate(plain10k.cpu) + " | | " + rate(sg10k.cpu) + " | " + pct(sg10k.cpu / plain10k.cpu) + " | " + rate(sg10k.wall) + " |");
      line("");
    }
    line("### Ratios");
    line("");
    if (all) {
      line("- streamgen ÷ hand-written baseline (3 types, JSON): " + ratio(sg3.wall / baseline.wall) + " wall, "
          + ratio(sg3.cpu / baseline.cpu) + " per CPU-second (target ≥ 4×)");
      line("- streamgen per core ÷ plain-Java limit (3 types, JSON, per CPU-second): "
          + pct(sg3.cpu / plain[Format.JSON.ordinal()].cpu) + " (target ≥ 60%)");
      if (union3 != null && union3.finished) {
        line("- streamgen ÷ union strategy at 3 types: " + ratio(sg3.wall / union3.rowsPerSecond) + " wall");
      }
    }
    line("- streamgen 10,000 types ÷ 3 types: " + pct(sg10k.wall / sg3.wall) + " wall, " + pct(sg10k.cpu / sg3.cpu)
        + " per CPU-second (target ≥ 90%); plan + start at 10,000 types: " + secs(s10k.firstJobSeconds)
        + " s first use, " + secs(s10kWarm.firstJobSeconds) + " s after (target < 5 s)");
    line("");
    line("JIT code cache after the 10,000-type runs: " + codeCache + ".");
    line("");
    if (all) {
      varied();
    }
    line("Load average at the end: " + loadAverage() + " (the machine is shared; numbers move with it).");
  }

  /** The varied catalogs' sizes (GenerateBenchCatalogs builds the same list). */
  private static final int[] VARIED = Arrays.stream(System.getProperty("bench.varied", "3 30 100 1000 10000 100000").trim()
      .split("\\s+")).mapToInt(Integer::parseInt).toArray();
  private static final int SAMPLE = 30;
  private static final long VARIED_ROWS = Long.getLong("bench.variedRows", ROWS / 2);

  private static String variedCatalog(int n) {
    return "dev.streamgen.bench.v" + n + ".VariedV" + n + "Catalog";
  }

  private static String variedSample(int n) {
    return n > SAMPLE ? "dev.streamgen.bench.v" + n + "s" + SAMPLE + ".VariedV" + n + "s" + SAMPLE + "Catalog" : variedCatalog(n);
  }

  /**
   * Issue 12: catalogs like users' (2-12 fields of random kinds and parameters per type, random
   * weights), each against a 30-type sample drawn from it, every format, in one JVM. The sample and
   * the catalog run alternately (best of 3 each), so a change in the machine's load hits both.
   */
  private void varied() {
    line("### Varied catalogs: N types of random shapes vs a 30-type sample of the same catalog");
    line("");
    line("Each type: 2-12 fields of random kinds (int, float, weighted string, uuid, timestamp"
        + ("seed".equals(System.getProperty("bench.variedKinds", "all")) ? ""
            : "; one field in four of the kinds and options added since the seed, as in the kinds benchmark")
        + ") with random names, ranges and value lists; random weights. " + String.format(Locale.ROOT, "%,d", VARIED_ROWS)
        + " rows per run, batch to noop, local[" + CORES + "], best of 3 runs each, sample and catalog alternating.");
    line("");
    line("Per-row work differs between a catalog and its sample (a type has 2-12 fields), so besides rows/s the "
        + "table gives the ratio per field written: rows/s × the weighted mean of fields per row (from the types' "
        + "weights). The plain-Java column is one thread running the packed catalog's loop without Spark "
        + "(fields per CPU-second, catalog ÷ sample).");
    line("");
    line("| event types | distinct field-kind sequences | fields per row (catalog / sample) | catalog heap (MiB) | plan + start (s) | format | sample rows/s | catalog rows/s | catalog ÷ sample (rows, wall) | catalog ÷ sample (fields, wall) | catalog ÷ sample (fields, per task CPU-s) | plain Java catalog ÷ sample (fields) |");
    line("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
    for (int n : VARIED) {
      String sample = variedSample(n);
      String catalog = variedCatalog(n);
      double heapMiB = catalogHeapMiB(catalog);
      Startup startup = startup(catalog);
      int shapes = shapes(catalog);
      double fieldsCatalog = fieldsPerRow(catalog);
      double fieldsSample = fieldsPerRow(sample);
      double work = fieldsCatalog / fieldsSample;
      for (Format f : Format.values()) {
        Rate[] pair = alternating(sample, catalog, f, VARIED_ROWS);
        Rate plainSample = best(() -> plainJava(sample, f, VARIED_ROWS / 4));
        Rate plainCatalog = best(() -> plainJava(catalog, f, VARIED_ROWS / 4));
        line("| " + String.format(Locale.ROOT, "%,d", n) + " | " + String.format(Locale.ROOT, "%,d", shapes) + " | "
            + String.format(Locale.ROOT, "%.2f / %.2f", fieldsCatalog, fieldsSample) + " | "
            + String.format(Locale.ROOT, "%.1f", heapMiB) + " | " + secs(startup.firstJobSeconds) + " | " + f.configName()
            + " | " + rate(pair[0].wall) + " | " + rate(pair[1].wall) + " | " + pct(pair[1].wall / pair[0].wall) + " | "
            + pct(work * pair[1].wall / pair[0].wall) + " | " + pct(work * pair[1].cpu / pair[0].cpu) + " | "
            + pct(work * plainCatalog.cpu / plainSample.cpu) + " |");
        progress("varied " + n + " " + f.configName() + ": " + pct(work * pair[1].wall / pair[0].wall) + " per field");
      }
    }
    line("");
    line("JIT code cache after the varied runs: " + codeCache() + ".");
    line("");
  }

  /**
   * The varied catalogs' plain-Java loop alone (no Spark): quick to run while changing the loop. A
   * third column splits the catalog's loss: a "replica" catalog of as many types as the catalog,
   * each a copy of one of the sample's types (so its data spreads as wide as the catalog's while
   * its shapes are the sample's 30). Sample, replica and catalog alternate, best of 3 each.
   */
  private static final long KINDS_ROWS = Long.getLong("bench.kindsRows", ROWS / 5);
  private static final List<String> KIND_LABELS = List.of(
      "int", "uuid", "float", "string", "timestamp", "long", "double_precision", "boolean", "date", "decimal", "bytes", "enum",
      "timestamp_window", "sequence", "template", "int_normal", "float_lognormal", "int_zipf", "int_buckets", "string_nullable",
      "regex", "faker", "struct", "array");

  private static String kindCatalog(String name) {
    StringBuilder simple = new StringBuilder("K");
    for (String part : name.split("_")) {
      simple.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return "dev.streamgen.bench.k." + name + "." + simple + "Catalog";
  }

  /**
   * Issue 14: what the field kinds cost. A 20-field event of the kinds added since the seed, mixed,
   * beside one of the seed's five kinds, through the source and in the plain-Java loop (the limit
   * for the same event); then 20 fields of each kind alone, plain Java, per field.
   */
  private void kinds() {
    if (!System.getProperty("bench.kinds", "").isBlank()) {
      kindsAlone();
      return;
    }
    line("### Field kinds: 20-field events (batch -> noop, one event type)");
    line("");
    line("`seed`: the seed's five kinds, four fields each. `rich`: the kinds and options added since "
        + "(long, double with precision, boolean, date, decimal, bytes, enum, timestamp window, sequence, template, "
        + "normal/lognormal/zipf/buckets distributions, a nullable string, regex, faker, a struct of two fields, an array of 0-4 ints, an expr over the long): "
        + "20 fields, one each. "
        + String.format(Locale.ROOT, "%,d", KINDS_ROWS) + " rows per run, best of 3, seed and rich alternating; "
        + "plain Java: one thread, the packed catalog's per-row loop without Spark.");
    line("");
    line("| event | format | rows/s (source, wall) | rows per task CPU-second | plain Java rows/s | source CPU ÷ plain Java | rich ÷ seed (source CPU) | rich ÷ seed (plain Java) |");
    line("|---|---|---:|---:|---:|---:|---:|---:|");
    String seed = kindCatalog("seed");
    String rich = kindCatalog("rich");
    for (Format f : Format.values()) {
      Rate[] pair = alternating(seed, rich, f, KINDS_ROWS);
      Rate plainSeed = best(() -> plainJava(seed, f, KINDS_ROWS));
      Rate plainRich = best(() -> plainJava(rich, f, KINDS_ROWS));
      for (int i = 0; i < 2; i++) {
        Rate source = pair[i];
        Rate plain = i == 0 ? plainSeed : plainRich;
        line("| " + (i == 0 ? "seed" : "rich") + " | " + f.configName() + " | " + rate(source.wall) + " | " + rate(source.cpu) + " | "
            + rate(plain.cpu) + " | " + pct(source.cpu / plain.cpu) + " | "
            + (i == 0 ? "" : pct(pair[1].cpu / pair[0].cpu)) + " | " + (i == 0 ? "" : pct(plainRich.cpu / plainSeed.cpu)) + " |");
      }
      progress("kinds " + f.configName() + ": seed " + rate(pair[0].cpu) + ", rich " + rate(pair[1].cpu) + " rows per CPU-s");
    }
    line("");
    if (!Boolean.getBoolean("bench.kindsTableOnly")) {
      kindsAlone();
    }
  }

  private void kindsAlone() {
    line("#### Each kind alone: plain Java, fields per CPU-second (20 fields of the kind per row)");
    line("");
    line("A struct counts as one field (here two values), an array as one (0-4 values, 2 on average).");
    line("");
    line("| kind | json | avro | binary | protobuf | json ÷ int |");
    line("|---|---:|---:|---:|---:|---:|");
    double intJson = 0;
    // -Dbench.kinds=int,faker,...: only these (int first, the ratios' base).
    List<String> labels = System.getProperty("bench.kinds", "").isBlank()
        ? KIND_LABELS
        : Arrays.asList(System.getProperty("bench.kinds").split(","));
    for (String kind : labels) {
      String catalog = kindCatalog("only_" + kind);
      StringBuilder row = new StringBuilder("| " + kind + " |");
      double json = 0;
      for (Format f : Format.values()) {
        double fields = best(() -> plainJava(catalog, f, KINDS_ROWS / 2)).cpu * 20;
        row.append(' ').append(rate(fields)).append(" |");
        if (f == Format.JSON) {
          json = fields;
        }
      }
      if (kind.equals("int")) {
        intJson = json;
      }
      line(row + " " + pct(json / intJson) + " |");
      progress("kind " + kind + " json " + rate(json) + " fields/s");
    }
    line("");
  }

  private void variedPlain() {
    line("### Varied catalogs, plain-Java loop only: fields per CPU-second");
    line("");
    line("One thread, the packed catalog's per-row loop as the source runs it, no Spark. Replica: as many types as "
        + "the catalog, copies of the sample's 30 types (the catalog's memory footprint with the sample's shapes).");
    line("");
    line("| event types | format | packed bytes per type | sample fields/s | replica ÷ sample | catalog ÷ sample |");
    line("|---:|---|---:|---:|---:|---:|");
    for (int n : VARIED) {
      LoadedCatalog sample = LoadedCatalog.load(variedSample(n));
      LoadedCatalog catalog = LoadedCatalog.load(variedCatalog(n));
      double fieldsSample = fieldsPerRow(sample);
      double fieldsCatalog = fieldsPerRow(catalog);
      for (Format f : Format.values()) {
        PackedCatalog replica = replica(sample, catalog.size(), f);
        AliasTable uniform = uniform(catalog.size());
        double fieldsReplica = fieldsPerRow(sample, catalog.size());
        double[] cpu = new double[3];
        for (int i = 0; i < 3; i++) {
          cpu[0] = Math.max(cpu[0], plainJava(sample.aliasTable(), sample.packed(f), VARIED_ROWS / 4).cpu * fieldsSample);
          cpu[1] = Math.max(cpu[1], plainJava(uniform, replica, VARIED_ROWS / 4).cpu * fieldsReplica);
          cpu[2] = Math.max(cpu[2], plainJava(catalog.aliasTable(), catalog.packed(f), VARIED_ROWS / 4).cpu * fieldsCatalog);
        }
        PackedCatalog packed = catalog.packed(f);
        line("| " + String.format(Locale.ROOT, "%,d", n) + " | " + f.configName() + " | "
            + String.format(Locale.ROOT, "%,d", packed.packedBytes() / packed.size()) + " | " + rate(cpu[0]) + " | "
            + pct(cpu[1] / cpu[0]) + " | " + pct(cpu[2] / cpu[0]) + " |");
      }
    }
    line("");
  }

  /** {@code n} types, type {@code t} a copy of the sample's type {@code t mod size}, each packed on its own. */
  private static PackedCatalog replica(LoadedCatalog sample, int n, Format format) {
    List<EventTypeKernel> kernels = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      kernels.add((EventTypeKernel) sample.kernel(t % sample.size()));
    }
    return PackedCatalog.of(kernels, format);
  }

  private static AliasTable uniform(int n) {
    double[] weights = new double[n];
    Arrays.fill(weights, 1.0);
    return AliasTable.of(weights);
  }

  /** Mean fields per row of {@link #replica}: uniform weights over copies of the sample's types. */
  private static double fieldsPerRow(LoadedCatalog sample, int n) {
    double fields = 0;
    for (int t = 0; t < n; t++) {
      fields += sample.kernel(t % sample.size()).fieldNames().size();
    }
    return fields / n;
  }

  /**
   * The figures that compare Spark lines (run once per line, -Pspark-4.0 for Spark 4): the source at
   * 3 types in every format and at 10,000 types, the hand-written baseline, plan + start. Two lines
   * cannot share a JVM, so each run's ratios are its own and the rates of two runs are compared side
   * by side (docs/benchmarks.md, "Spark 4 beside Spark 3.5").
   */
  private void sparkLine() {
    line("### Spark " + spark.version() + ", Scala " + scala.util.Properties$.MODULE$.versionNumberString()
        + ", Java " + System.getProperty("java.version"));
    line("");
    Startup s3 = startup(T3);
    Rate[] formats = new Rate[Format.values().length];
    for (Format f : Format.values()) {
      formats[f.ordinal()] = best(() -> streamgen(T3, f, ROWS));
      progress("line: streamgen " + f.configName() + " " + rate(formats[f.ordinal()].wall));
    }
    Rate baseline = best(() -> baseline(ROWS));
    Startup s10k = startup(T10000);
    Rate sg10k = best(() -> streamgen(T10000, Format.JSON, ROWS));
    line("| measurement | rows/s | rows per task CPU-second |");
    line("|---|---:|---:|");
    for (Format f : Format.values()) {
      Rate r = formats[f.ordinal()];
      line("| streamgen, 3 types, " + f.configName() + " | " + rate(r.wall) + " | " + rate(r.cpu) + " |");
    }
    line("| streamgen, 10,000 types (one shape), json | " + rate(sg10k.wall) + " | " + rate(sg10k.cpu) + " |");
    line("| hand-written baseline, 3 types, json | " + rate(baseline.wall) + " | " + rate(baseline.cpu) + " |");
    line("");
    Rate json = formats[Format.JSON.ordinal()];
    line(String.format(Locale.ROOT, "streamgen ÷ baseline (json, per task CPU-second): %.2f×; plan + start of a 1,000-row job: "
        + "%s s at 3 types, %s s at 10,000 types.", json.cpu / baseline.cpu, secs(s3.firstJobSeconds), secs(s10k.firstJobSeconds)));
    line("");
  }

  private static final long REL_ROWS = Long.getLong("bench.relRows", 3_000_000L);
  private static final int REL_ROUNDS = Integer.getInteger("bench.relRounds", 5);
  /** The relationships catalogs (GenerateBenchCatalogs.RelationshipCatalogs), the baseline first. */
  private static final List<String> REL_VARIANTS = List.of("plain", "unique_ids", "pools_uniform", "pools_zipf", "type_refs_05", "type_refs_01");
  private static final List<String> REL_LABELS = List.of(
      "(a) plain fields",
      "(a) + unique event_id, order_id",
      "(b) pool refs, uniform + unique ids",
      "(b) pool refs, zipf 1.1 + unique ids",
      "(c) (b) uniform + type refs, target w 0.05",
      "(c) (b) uniform + type refs, target w 0.01");

  private static final String REL_TITLE = "Relationships: a web shop with pools, references and unique ids vs the same with plain fields";
  /** The session catalogs (GenerateBenchCatalogs.SessionCatalogs), the plain twin first. */
  private static final List<String> SESSION_VARIANTS = List.of("sessions_plain", "sessions");
  private static final List<String> SESSION_LABELS = List.of("(a) plain twin", "(s) sessions");
  private static final String SESSION_TITLE = "Sessions: a web shop's visits as a session machine vs its plain twin";

  private static String relCatalog(String variant) {
    StringBuilder simple = new StringBuilder("R");
    for (String part : variant.split("_")) {
      simple.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return "dev.streamgen.bench.r." + variant + "." + simple + "Catalog";
  }

  /**
   * What relationships cost: a web shop whose user and product fields are references to entity
   * pools (uniform or zipf), with unique ids, and with references to ids other types emitted (the
   * searched type of weight 0.05 or 0.01), beside the same catalog with every such field a plain
   * field of the same kind (same types, weights, field names and kinds: the same fields per row).
   * Per format, every catalog runs once per round in a rotating order (so a change in the machine's
   * load hits all of them), {@code bench.relRounds} rounds; each catalog's best run, and the median
   * of its per-round ratios to the plain catalog of the same round, are reported. Then the
   * single-thread plain-Java loop over the same packed catalogs (no Spark), alternating likewise.
   * The sessions benchmark runs the same comparison over its two catalogs ({@code allVariants}, the
   * baseline first; -Dbench.relVariants picks among them).
   */
  private void relationships(boolean withSpark, String name, String title, List<String> allVariants, List<String> allLabels) {
    // -Dbench.relVariants=plain,pools_zipf: only these (for a profile); ratios are to the first.
    String only = System.getProperty("bench.relVariants", "");
    List<String> variants = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < allVariants.size(); i++) {
      if (only.isBlank() || Arrays.asList(only.split(",")).contains(allVariants.get(i))) {
        variants.add(allVariants.get(i));
        labels.add(allLabels.get(i));
      }
    }
    List<String> catalogs = new ArrayList<>();
    for (String v : variants) {
      catalogs.add(relCatalog(v));
    }
    line("### " + title);
    line("");
    sideBySide(name, variants, labels, catalogs, withSpark);
  }

  /** The change-stream catalogs (GenerateBenchCatalogs.CdcCatalogs), the plain twin first. */
  private static final List<String> CDC_VARIANTS = List.of("plain", "cdc");
  private static final List<String> CDC_LABELS = List.of("(a) plain twin", "(b) change streams");

  /**
   * What change streams cost: two change types (of pools of 20,000 and 500 members, weights 0.2 and
   * 0.05) beside page views and orders referring to the pools, against its plain twin (same types,
   * weights, field names and kinds, every value a plain field), run side by side like {@link
   * #relationships}.
   */
  private void cdc(boolean withSpark) {
    List<String> catalogs = new ArrayList<>();
    for (String v : CDC_VARIANTS) {
      catalogs.add("dev.streamgen.bench.c." + v + ".C" + Character.toUpperCase(v.charAt(0)) + v.substring(1) + "Catalog");
    }
    line("### Change streams: two CDC types of pools vs the same catalog with plain fields");
    line("");
    sideBySide("cdc", CDC_VARIANTS, CDC_LABELS, catalogs, withSpark);
  }

  /**
   * Catalogs measured side by side in this JVM, the baseline first: per format, {@code
   * bench.relRounds} rounds each running every catalog once in a rotating order, through the
   * source (unless {@code withSpark} is false) and in the plain-Java loop; best runs and ratios to
   * the baseline.
   */
  private void sideBySide(String name, List<String> variants, List<String> labels, List<String> catalogs, boolean withSpark) {
    List<Format> formats = new ArrayList<>();
    for (String f : System.getProperty("bench.relFormats", "json,avro,binary,protobuf").split(",")) {
      formats.add(Format.parse(f.trim()));
    }
    int n = catalogs.size();
    line(!withSpark ? String.format(Locale.ROOT, "Plain Java only: one thread, the packed catalog's per-row loop (no Spark), %,d rows "
        + "per run, %d rounds, each running every catalog once in a rotating order; best run.", REL_ROWS / 4, REL_ROUNDS)
        : String.format(Locale.ROOT, "%,d rows per run, batch to noop, local[%d], %d partitions; per format %d rounds, each running every "
        + "catalog once in a rotating order; best run and median of the per-round ratios to (a). Plain Java: one thread, the "
        + "packed catalog's per-row loop (no Spark), %,d rows per run, %d rounds likewise.", REL_ROWS, CORES, PARTITIONS, REL_ROUNDS,
        REL_ROWS / 4, REL_ROUNDS));
    line("");
    StringBuilder fields = new StringBuilder("Fields per row (weighted mean):");
    for (int i = 0; i < n; i++) {
      fields.append(String.format(Locale.ROOT, " %s %.2f;", variants.get(i), fieldsPerRow(catalogs.get(i))));
    }
    line(fields.substring(0, fields.length() - 1) + ".");
    line("");

    progress(name + " warm-up");
    for (Format f : formats) {
      for (String c : catalogs) {
        if (withSpark) {
          streamgen(c, f, REL_ROWS / 4);
        }
        plainJava(c, f, REL_ROWS / 8);
      }
    }
    if (!withSpark) {
      sideBySidePlain(name, variants, labels, catalogs, formats);
      return;
    }

    line("| catalog | format | rows/s (wall, best) | ÷ (a), wall, best | ÷ (a), wall, median of rounds (min-max) | rows per task CPU-s (best) | ÷ (a), per task CPU-s | plain Java rows per CPU-s (best) | ÷ (a), plain Java | load avg |");
    line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Format f : formats) {
      String load = loadAverage();
      double[][] wall = new double[n][REL_ROUNDS];
      double[][] cpu = new double[n][REL_ROUNDS];
      double[][] plainCpu = new double[n][REL_ROUNDS];
      for (int r = 0; r < REL_ROUNDS; r++) {
        for (int k = 0; k < n; k++) {
          int i = (k + r) % n;
          Rate rate = streamgen(catalogs.get(i), f, REL_ROWS);
          wall[i][r] = rate.wall;
          cpu[i][r] = rate.cpu;
        }
      }
      for (int r = 0; r < REL_ROUNDS; r++) {
        for (int k = 0; k < n; k++) {
          int i = (k + r) % n;
          plainCpu[i][r] = plainJava(catalogs.get(i), f, REL_ROWS / 4).cpu;
        }
      }
      load = load + "-" + loadAverage();
      double baseWall = max(wall[0]);
      double baseCpu = max(cpu[0]);
      double basePlain = max(plainCpu[0]);
      for (int i = 0; i < n; i++) {
        double[] ratios = new double[REL_ROUNDS];
        for (int r = 0; r < REL_ROUNDS; r++) {
          ratios[r] = wall[i][r] / wall[0][r];
        }
        Arrays.sort(ratios);
        String median = i == 0 ? "" : pct(ratios[REL_ROUNDS / 2]) + " (" + pct(ratios[0]) + "-" + pct(ratios[REL_ROUNDS - 1]) + ")";
        line("| " + labels.get(i) + " | " + f.configName() + " | " + rate(max(wall[i])) + " | "
            + (i == 0 ? "" : pct(max(wall[i]) / baseWall)) + " | " + median + " | " + rate(max(cpu[i])) + " | "
            + (i == 0 ? "" : pct(max(cpu[i]) / baseCpu)) + " | " + rate(max(plainCpu[i])) + " | "
            + (i == 0 ? "" : pct(max(plainCpu[i]) / basePlain)) + " | " + load + " |");
        progress(name + " " + f.configName() + " " + variants.get(i) + ": " + rate(max(wall[i])) + " rows/s, "
            + pct(max(wall[i]) / baseWall) + " of plain");
      }
    }
    line("");
  }

  /** -Dbench.only=relationships-plain or cdc-plain: the plain-Java loop alone (a minute; for changing the loop). */
  private void sideBySidePlain(String name, List<String> variants, List<String> labels, List<String> catalogs, List<Format> formats) {
    int n = catalogs.size();
    line("Payload digest: SHA-256 of the first " + String.format(Locale.ROOT, "%,d", DIGEST_ROWS) + " rows' payloads as the loop "
        + "writes them (first 12 hex digits): a change to the loop must leave it as it was.");
    line("");
    line("| catalog | format | plain Java rows per CPU-s (best) | ÷ (a) | load avg | payload digest |");
    line("|---|---|---:|---:|---:|---|");
    for (Format f : formats) {
      String load = loadAverage();
      double[] best = new double[n];
      for (int r = 0; r < REL_ROUNDS; r++) {
        for (int k = 0; k < n; k++) {
          int i = (k + r) % n;
          best[i] = Math.max(best[i], plainJava(catalogs.get(i), f, REL_ROWS / 4).cpu);
        }
      }
      load = load + "-" + loadAverage();
      for (int i = 0; i < n; i++) {
        line("| " + labels.get(i) + " | " + f.configName() + " | " + rate(best[i]) + " | " + (i == 0 ? "" : pct(best[i] / best[0]))
            + " | " + load + " | " + payloadDigest(catalogs.get(i), f) + " |");
        progress(name + " plain " + f.configName() + " " + variants.get(i) + ": " + rate(best[i]) + " rows per CPU-s, "
            + pct(best[i] / best[0]) + " of plain");
      }
    }
    line("");
  }

  private static final long DIGEST_ROWS = 200_000;

  /** The first 12 hex digits of the SHA-256 of the first {@link #DIGEST_ROWS} rows' payloads, as the loop writes them. */
  private static String payloadDigest(String catalog, Format format) {
    LoadedCatalog c = LoadedCatalog.load(catalog);
    PackedCatalog packed = c.packed(format);
    RowTypes types = new RowTypes(c.aliasTable(), SEED, packed);
    SessionTypePick sessions = machines(c);
    ByteWriter out = new ByteWriter(1024);
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (long i = 0; i < DIGEST_ROWS; i++) {
      out.reset();
      packed.write(typeOf(types, sessions, i), SEED, i, EventTime.micros(START, i, 1000), out);
      sha.update(out.array(), 0, out.size());
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : sha.digest()) {
      hex.append(String.format(Locale.ROOT, "%02x", b));
    }
    return hex.substring(0, 12);
  }

  private static double max(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** Best of 3 for each of two catalogs, measured alternately: [a, b]. */
  private Rate[] alternating(String a, String b, Format format, long rows) {
    double[] wall = new double[2];
    double[] cpu = new double[2];
    for (int i = 0; i < 3; i++) {
      String[] order = {a, b};
      for (int k = 0; k < 2; k++) {
        Rate r = streamgen(order[k], format, rows);
        wall[k] = Math.max(wall[k], r.wall);
        cpu[k] = Math.max(cpu[k], r.cpu);
      }
    }
    return new Rate[] {new Rate(wall[0], cpu[0]), new Rate(wall[1], cpu[1])};
  }

  /** The weighted mean number of fields of a row's event type. */
  private static double fieldsPerRow(String catalog) {
    return fieldsPerRow(LoadedCatalog.load(catalog));
  }

  private static double fieldsPerRow(LoadedCatalog c) {
    double fields = 0;
    for (int t = 0; t < c.size(); t++) {
      fields += c.catalog().weight(t) * c.kernel(t).fieldNames().size();
    }
    return fields;
  }

  /** Distinct field-kind sequences among the catalog's types. */
  private static int shapes(String catalog) {
    LoadedCatalog c = LoadedCatalog.load(catalog);
    Set<List<String>> shapes = new HashSet<>();
    for (int t = 0; t < c.size(); t++) {
      EventTypeKernel k = (EventTypeKernel) c.kernel(t);
      List<String> kinds = new ArrayList<>();
      for (int f = 0; f < k.fieldCount(); f++) {
        kinds.add(k.field(f).kind());
      }
      shapes.add(kinds);
    }
    return shapes.size();
  }

  /** Heap the loaded catalog holds (used heap after GC, before and after its first load in this JVM). */
  /** Heap the loaded catalog holds, packed for one format (JSON, the largest) as a run uses it. */
  private static double catalogHeapMiB(String catalog) {
    long before = usedAfterGc();
    LoadedCatalog c = LoadedCatalog.load(catalog);
    PackedCatalog packed = c.packed(Format.JSON);
    long after = usedAfterGc();
    if (c.size() < 0 || packed == null) {
      System.out.println("(keeps the catalog alive)");
    }
    return (after - before) / (1024.0 * 1024.0);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * A measurement: rows per wall-clock second, and rows per CPU-second of the threads that did the
   * work (Spark's executor CPU time of the job's tasks; the plain loop's thread CPU time). On a
   * shared machine the second is the fair per-core figure: it does not count time other processes
   * took.
   */
  private static final class Rate {
    final double wall;
    final double cpu;

    Rate(double wall, double cpu) {
      this.wall = wall;
      this.cpu = cpu;
    }
  }

  private interface Measure {
    Rate run();
  }

  /** The best of three runs (each figure separately): the least disturbed by other processes. */
  private static Rate best(Measure m) {
    double wall = 0;
    double cpu = 0;
    for (int i = 0; i < 3; i++) {
      Rate r = m.run();
      wall = Math.max(wall, r.wall);
      cpu = Math.max(cpu, r.cpu);
    }
    return new Rate(wall, cpu);
  }

  /** Sums the executor CPU time of finished tasks. */
  private static final class TaskCpu extends SparkListener {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (taskEnd.taskMetrics() != null) {
        nanos.addAndGet(taskEnd.taskMetrics().executorCpuTime() + taskEnd.taskMetrics().executorDeserializeCpuTime());
      }
    }
  }

  private final TaskCpu taskCpu = new TaskCpu();

  /** Waits until the listener has seen every finished task, so CPU sums cover the whole job. */
  private void drainListenerBus() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    }
  }

  /** Runs a Spark action and measures it: wall time, and the CPU time of its tasks. */
  private Rate sparkRate(long rows, Runnable action) {
    drainListenerBus();
    long cpu0 = taskCpu.nanos.get();
    long t0 = System.nanoTime();
    action.run();
    double wall = (System.nanoTime() - t0) / 1e9;
    drainListenerBus();
    double cpu = (taskCpu.nanos.get() - cpu0) / 1e9;
    return new Rate(rows / wall, rows / cpu);
  }

  private Dataset<Row> source(String catalog, Format format, long rows) {
    return spark.read()
        .format("streamgen")
        .option("catalog", catalog)
        .option("rows", rows)
        .option("partitions", PARTITIONS)
        .option("seed", SEED)
        .option("format", format.configName())
        .option("startTimeMicros", START)
        .load();
  }

  /** Rows per second, end to end (planning included), writing to Spark's noop sink. */
  private Rate streamgen(String catalog, Format format, long rows) {
    progress("streamgen " + types(catalog) + " types " + format.configName());
    return sparkRate(rows, () -> source(catalog, format, rows).write().format("noop").mode("overwrite").save());
  }

  private static final class Startup {
    double planSeconds;
    double firstJobSeconds;
  }

  private Startup startup(String catalog) {
    progress("startup " + types(catalog) + " types");
    Startup s = new Startup();
    long t0 = System.nanoTime();
    Dataset<Row> df = source(catalog, Format.JSON, 1000);
    df.queryExecution().executedPlan();
    s.planSeconds = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    source(catalog, Format.JSON, 1000).write().format("noop").mode("overwrite").save();
    s.firstJobSeconds = (System.nanoTime() - t1) / 1e9 + s.planSeconds;
    return s;
  }

  /** Event time of row id as a column (EventTime.micros at 1000 rows/s). */
  private static Column eventTime() {
    return expr("(id div 1000) * 1000000 + ((id % 1000) * 1000000) div 1000 + " + START + "L");
  }

  /**
   * The hand-written baseline: the same three synthetic types in ONE DataFrame, type by a weighted
   * pick on a hash, each field from xxhash64 like the generated code, payload by to_json per type.
   */
  private Rate baseline(long rows) {
    progress("baseline");
    LoadedCatalog c = LoadedCatalog.load(T3);
    double[] cumulative = new double[2];
    cumulative[0] = c.catalog().weight(0);
    cumulative[1] = cumulative[0] + c.catalog().weight(1);
    Column id = col("id");
    Column typeUnit = RngColumns.unit(RngColumns.hash(id, Rng.stream(SEED, Rng.TYPE_SALT)));
    Column type = when(typeUnit.lt(cumulative[0]), 0).when(typeUnit.lt(cumulative[1]), 1).otherwise(2);
    Column userId = RngColumns.between(RngColumns.hash(id, Rng.stream(SEED, 101)), 1, 1_000_000).cast("int").as("user_id");
    Column amount = RngColumns.between(RngColumns.hash(id, Rng.stream(SEED, 102)), 0.99, 999.99).as("amount");
    Column device =
        RngColumns.pick(RngColumns.hash(id, Rng.stream(SEED, 103)), new double[] {0.4, 0.8}, new String[] {"iOS", "Android", "Web"})
            .as("device");
    Column duration = RngColumns.between(RngColumns.hash(id, Rng.stream(SEED, 104)), 60, 7200).cast("int").as("duration_sec");
    Column payload = null;
    Column typeId = null;
    for (int t = 0; t < 3; t++) {
      Column uuid =
          RngColumns.uuid(RngColumns.hash(id, Rng.stream(SEED, 200 + t)), RngColumns.hash(id, Rng.stream(SEED, 300 + t)))
              .as("id_" + t);
      Column json = to_json(struct(userId, uuid, amount, device, duration));
      String name = c.kernel(t).eventTypeId();
      payload = payload == null ? when(type.equalTo(t), json) : payload.when(type.equalTo(t), json);
      typeId = typeId == null ? when(type.equalTo(t), lit(name)) : typeId.when(type.equalTo(t), lit(name));
    }
    Dataset<Row> df =
        spark.range(0, rows, 1, PARTITIONS)
            .select(
                typeId.as("event_type_id"),
                expr("timestamp_micros((id div 1000) * 1000000 + ((id % 1000) * 1000000) div 1000 + " + START + "L)").as("timestamp"),
                typeId.as("partition_key"),
                payload.cast("binary").as("serialized_payload"));
    return sparkRate(rows, () -> df.write().format("noop").mode("overwrite").save());
  }

  private static final class UnionResult {
    double planSeconds;
    double rowsPerSecond;
    double rowsPerCpuSecond;
    boolean finished;
  }

  /** The seed's strategy: one DataFrame per type (rows x weight), serialized with to_json, unioned. */
  private UnionResult union(String catalog, long rows) {
    progress("union " + types(catalog) + " types");
    LoadedCatalog c = LoadedCatalog.load(catalog);
    ColumnCatalog columns = (ColumnCatalog) c.catalog();
    long t0 = System.nanoTime();
    Dataset<Row> union = null;
    long total = 0;
    for (int t = 0; t < c.size(); t++) {
      long rowsT = Math.round(rows * c.catalog().weight(t));
      total += rowsT;
      String name = c.kernel(t).eventTypeId();
      Column[] fields = columns.columns(t, SEED, col("id"), eventTime());
      Dataset<Row> d =
          spark.range(rowsT)
              .select(
                  lit(name).as("event_type_id"),
                  expr("timestamp_micros((id div 1000) * 1000000 + ((id % 1000) * 1000000) div 1000 + " + START + "L)").as("timestamp"),
                  lit(name).as("partition_key"),
                  to_json(struct(fields)).cast("binary").as("serialized_payload"));
      union = union == null ? d : union.unionAll(d);
    }
    final Dataset<Row> plan = union;
    UnionResult r = new UnionResult();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    long budgetMillis = (long) (UNION_BUDGET_SECONDS * 1000) - (System.nanoTime() - t0) / 1_000_000;
    watchdog.schedule(() -> spark.sparkContext().cancelJobGroup("streamgen-union"), Math.max(1, budgetMillis), TimeUnit.MILLISECONDS);
    try {
      spark.sparkContext().setJobGroup("streamgen-union", "union strategy", true);
      plan.queryExecution().executedPlan();
      r.planSeconds = (System.nanoTime() - t0) / 1e9;
      Rate run = sparkRate(total, () -> plan.write().format("noop").mode("overwrite").save());
      r.rowsPerSecond = total / ((System.nanoTime() - t0) / 1e9);
      r.rowsPerCpuSecond = run.cpu;
      r.finished = true;
    } catch (Exception e) {
      // Cancelled by the watchdog (SparkException is checked in Java's eyes, hence Exception).
      r.finished = false;
      if (r.planSeconds == 0) {
        r.planSeconds = (System.nanoTime() - t0) / 1e9;
      }
    } finally {
      watchdog.shutdownNow();
      spark.sparkContext().clearJobGroup();
    }
    return r;
  }

  /** Wall and CPU time of the calling thread from {@link #start()}: the single-thread loops' clock. */
  private static final class ThreadTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long cpu0 = THREADS.getCurrentThreadCpuTime();
    private final long wall0 = System.nanoTime();

    static ThreadTimer start() {
      return new ThreadTimer();
    }

    Rate rate(long rows) {
      return new Rate(rows / ((System.nanoTime() - wall0) / 1e9), rows / ((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9));
    }
  }

  /** One thread: the type pick and the packed catalog writing into a reused buffer; nothing else. */
  private static Rate plainJava(String catalog, Format format, long rows) {
    LoadedCatalog c = LoadedCatalog.load(catalog);
    return plainJava(c.aliasTable(), c.packed(format), rows, machines(c));
  }

  private static Rate plainJava(AliasTable aliasTable, PackedCatalog packed, long rows) {
    return plainJava(aliasTable, packed, rows, null);
  }

  /** The catalog's session machines' type pick (EventRowWriter's); null without sessions. */
  private static SessionTypePick machines(LoadedCatalog c) {
    SessionTypePick sessions = new SessionTypePick(c.catalog().sessionMachines());
    return sessions.hasMachines() ? sessions : null;
  }

  /** As EventRowWriter.typeOf: a pick of a machine's start type is the type the row's session is at. */
  private static int typeOf(RowTypes types, SessionTypePick sessions, long i) {
    int type = types.next(i);
    return sessions == null ? type : sessions.typeOf(SEED, i, type);
  }

  private static Rate plainJava(AliasTable aliasTable, PackedCatalog packed, long rows, SessionTypePick sessions) {
    // As the source does: types come a window of rows ahead, their data loading meanwhile.
    RowTypes types = new RowTypes(aliasTable, SEED, packed);
    ByteWriter out = new ByteWriter(1024);
    long bytes = 0;
    ThreadTimer timer = ThreadTimer.start();
    for (long i = 0; i < rows; i++) {
      out.reset();
      packed.write(typeOf(types, sessions, i), SEED, i, EventTime.micros(START, i, 1000), out);
      bytes += out.size();
    }
    Rate r = timer.rate(rows);
    if (bytes == 42) {
      System.out.println("(keeps the loop alive)");
    }
    return r;
  }

  /** One thread: the source's own per-row path (type pick, kernel, partition key, UnsafeRow). */
  private static Rate plainJavaRows(String catalog, Format format, long rows) {
    EventRowWriter w =
        new EventRowWriter(
            GenerationPlan.resolve(
                SourceOptions.builder().catalog(catalog).seed(SEED).format(format).rows(rows).build()));
    long sum = 0;
    ThreadTimer timer = ThreadTimer.start();
    for (long i = 0; i < rows; i++) {
      sum += w.write(i, START).getSizeInBytes();
    }
    Rate r = timer.rate(rows);
    if (sum == 42) {
      System.out.println("(keeps the loop alive)");
    }
    return r;
  }

  private static int types(String catalog) {
    return LoadedCatalog.load(catalog).size();
  }

  /** How full the JIT's code cache segments are (from the JVM's memory pools). */
  private static String codeCache() {
    List<String> parts = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().startsWith("CodeHeap")) {
        MemoryUsage u = pool.getUsage();
        parts.add(String.format(Locale.ROOT, "%s %d of %d MiB (peak %d)", pool.getName(), u.getUsed() >> 20,
            u.getMax() >> 20, pool.getPeakUsage().getUsed() >> 20));
      }
    }
    return String.join(", ", parts);
  }

  /** The benchmark JVM's -XX flags (code cache size and the like), or "". */
  private static String jvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-XX:")) {
        flags.add(a);
      }
    }
    return flags.isEmpty() ? "" : ", JVM flags " + String.join(" ", flags);
  }

  static String loadAverage() {
    try {
      return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.UTF_8).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private void line(String s) {
    report.add(s);
  }


  static void progress(String what) {
    System.err.println("[bench] " + Instant.now() + " " + what);
  }

  private static String rate(double r) {
    return String.format(Locale.ROOT, "%,.0f", r);
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }

  private static String ms(double s) {
    return String.format(Locale.ROOT, "%.0f", s * 1000);
  }

  private static String pct(double r) {
    return String.format(Locale.ROOT, "%.0f%%", r * 100);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f×", r);
  }

}
