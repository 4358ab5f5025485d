package dev.streamgen.maven;

import dev.streamgen.compiler.CompileRequest;
import dev.streamgen.compiler.CompileResult;
import dev.streamgen.compiler.Compiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A benchmark, not a test: generates configs of growing size (the seed's 3-type Quick Start as the
 * baseline, then 100, 1,000 and 10,000 types), runs the compiler on each and compiles the generated
 * Java with {@code javac --release 8}, all in this one JVM, and prints the times and their ratio to
 * the baseline. Run it with the command in docs/benchmarks.md; results go there.
 *
 * <p>Arguments: type counts to measure after the baseline (default 100 1000 10000).
 */
public final class GenerateAndCompileBenchmark {

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String arg : args) {
      sizes.add(Integer.parseInt(arg));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(100, 1_000, 10_000);
    }
    Path work = Files.createTempDirectory("streamgen-bench");
    try {
      System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB, load average %s%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20, loadAverage());
      // One throw-away round warms up the compiler and javac, so the baseline is not a cold start.
      measure(work.resolve("warmup"), 3);
      Measurement baseline = measure(work.resolve("baseline"), 3);
      System.out.println();
      System.out.println("| event types | YAML lines | generated files | generated Java lines | generate ms | javac ms | generate / type vs baseline | javac / type vs baseline |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
      print(baseline, baseline);
      for (int size : sizes) {
        print(measure(work.resolve("types-" + size), size), baseline);
      }
      System.out.println();
      System.out.println("load average at the end: " + loadAverage());
    } finally {
      deleteRecursively(work);
    }
  }

  private static void print(Measurement m, Measurement baseline) {
    System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %,d | %.2f | %.2f |%n",
        m.types, m.yamlLines, m.files, m.javaLines, m.generateMillis, m.javacMillis,
        perType(m.generateMillis, m.types) / perType(baseline.generateMillis, baseline.types),
        perType(m.javacMillis, m.types) / perType(baseline.javacMillis, baseline.types));
  }

  private static double perType(long millis, int types) {
    return Math.max(1, millis) / (double) types;
  }

  private static Measurement measure(Path dir, int types) throws IOException {
    Path yaml = dir.resolve("events.yaml");
    Files.createDirectories(dir);
    String config = types == 3 ? seedQuickStart() : synthetic(types);
    Files.writeString(yaml, config);

    long t0 = System.nanoTime();
    CompileResult result = Compiler.compile(CompileRequest.builder()
        .sources(List.of(yaml))
        .javaOutputDirectory(dir.resolve("java"))
        .resourceOutputDirectory(dir.resolve("resources"))
        .schemaOutputDirectory(dir.resolve("schemas"))
        .build());
    long generateMillis = (System.nanoTime() - t0) / 1_000_000;
    if (!result.success()) {
      throw new IllegalStateException("config of " + types + " types rejected: " + result.errors());
    }
    List<Path> javaFiles = result.generatedFiles().stream()
        .filter(p -> p.toString().endsWith(".java"))
        .sorted()
        .collect(Collectors.toList());
    long javaLines = 0;
    for (Path file : javaFiles) {
      try (Stream<String> lines = Files.lines(file)) {
        javaLines += lines.count();
      }
    }

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> javacArgs = new ArrayList<>(List.of(
        "--release", "8", "-nowarn", "-Xlint:none", "-encoding", "UTF-8",
        "-proc:none", "-implicit:none",
        "-classpath", System.getProperty("java.class.path"),
        "-d", dir.resolve("classes").toString()));
    for (Path file : javaFiles) {
      javacArgs.add(file.toString());
    }
    ByteArrayOutputStream javacOutput = new ByteArrayOutputStream();
    long t1 = System.nanoTime();
    int exit = javac.run(null, javacOutput, javacOutput, javacArgs.toArray(new String[0]));
    long javacMillis = (System.nanoTime() - t1) / 1_000_000;
    if (exit != 0) {
      throw new IllegalStateException("javac failed on " + types + " types:\n"
          + javacOutput.toString(StandardCharsets.UTF_8));
    }
    return new Measurement(types, config.split("\n", -1).length - 1, result.generatedFiles().size(),
        javaLines, generateMillis, javacMillis);
  }

  /** The seed README's Quick Start config, as examples/quickstart has it (system property seed.yaml). */
  private static String seedQuickStart() {
    String path = System.getProperty("seed.yaml", "examples/quickstart/src/main/streamgen/events.yaml");
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the baseline config " + path, e);
    }
  }

  /**
   * {@code types} event types in the seed's format, each with one field of every kind, and weights
   * that sum to exactly 1 in decimal (the remainder goes to the first type).
   */
  static String synthetic(int types) {
    StringBuilder yaml = new StringBuilder()
        .append("common_fields:\n")
        .append("  user_id:\n    type: \"int\"\n    range: [1, 1000000]\n")
        .append("event_types:\n");
    long unit = 1_000_000L / types; // weights in millionths
    long first = 1_000_000L - unit * (types - 1);
    for (int i = 0; i < types; i++) {
      long micro = i == 0 ? first : unit;
      yaml.append("  - event_type_id: \"bench.type_").append(i).append("\"\n")
          .append("    weight: ").append(String.format(Locale.ROOT, "%d.%06d", micro / 1_000_000, micro % 1_000_000)).append('\n')
          .append("    fields:\n")
          .append("      id_").append(i).append(":\n        type: \"uuid\"\n")
          .append("      count_").append(i).append(":\n        type: \"int\"\n        range: [0, ").append(1000 + i).append("]\n")
          .append("      amount_").append(i).append(":\n        type: \"float\"\n        range: [0.5, 99.5]\n")
          .append("      device_").append(i).append(":\n        type: \"string\"\n        values: [\"iOS\", \"Android\", \"Web\"]\n        weights: [0.4, 0.4, 0.2]\n")
          .append("      seen_at_").append(i).append(":\n        type: \"timestamp\"\n");
    }
    yaml.append("generation_mode: \"batch\"\n")
        .append("batch_config:\n  total_rows: 1000000\n  partitions: 8\n")
        .append("serialization_format: \"json\"\n")
        .append("sink_config:\n  type: \"delta\"\n  path: \"target/bench-delta\"\n  mode: \"overwrite\"\n");
    return yaml.toString();
  }

  /** The machine's 1/5/15-minute load, so a reader can judge how busy the cores were. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  private static final class Measurement {
    final int types;
    final int yamlLines;
    final int files;
    final long javaLines;
    final long generateMillis;
    final long javacMillis;

    Measurement(int types, int yamlLines, int files, long javaLines, long generateMillis, long javacMillis) {
      this.types = types;
      this.yamlLines = yamlLines;
      this.files = files;
      this.javaLines = javaLines;
      this.generateMillis = generateMillis;
      this.javacMillis = javacMillis;
    }
  }
}
