import dev.streamgen.compiler.CompileRequest;
import dev.streamgen.compiler.CompileResult;
import dev.streamgen.compiler.Compiler;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The benchmark catalogs: a seed-format YAML with N event types of the Quick Start's shape (a common
 * int user_id; per type a uuid, a float range, a weighted string and an int range; weights 1..10
 * repeating), compiled with the streamgen compiler into package dev.streamgen.bench.tN, for N = 3,
 * 100, 1,000 and 10,000, then compiled (javac --release 8, like a user's build) into DIR/classes/tN.
 * A catalog whose YAML is unchanged is neither generated nor compiled again. The classes stay out of
 * the module's test classes, so editing the benchmark does not recompile 20,000 generated files.
 *
 * <p>Run by the bench profile: {@code java -cp <test classpath> GenerateBenchCatalogs.java DIR}.
 */
public final class GenerateBenchCatalogs {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    for (int n : new int[] {3, 100, 1000, 10000}) {
      Path yaml = dir.resolve("yaml/t" + n + "/synthetic.yaml");
      String text = yaml(n);
      Path classes = dir.resolve("classes/t" + n);
      Path marker = classes.resolve("dev/streamgen/bench/t" + n + "/SyntheticCatalog.class");
      if (Files.exists(marker) && Files.exists(yaml) && Files.readString(yaml).equals(text)) {
        System.out.println("bench catalog t" + n + ": up to date");
        continue;
      }
      deleteTree(dir.resolve("java/t" + n));
      deleteTree(classes);
      Files.createDirectories(yaml.getParent());
      Files.writeString(yaml, text, StandardCharsets.UTF_8);
      long t0 = System.nanoTime();
      CompileResult result =
          Compiler.compile(
              CompileRequest.builder()
                  .sources(List.of(yaml))
                  .javaPackage("dev.streamgen.bench.t" + n)
                  .javaOutputDirectory(dir.resolve("java/t" + n))
                  .resourceOutputDirectory(dir.resolve("resources/t" + n))
                  .schemaOutputDirectory(dir.resolve("schemas/t" + n))
                  .build());
      if (!result.success()) {
        result.errors().forEach(System.err::println);
        System.exit(1);
      }
      System.out.printf(
          "bench catalog t%d: %d files generated in %d ms%n",
          n, result.generatedFiles().size(), (System.nanoTime() - t0) / 1_000_000);
      compile(dir.resolve("java/t" + n), classes, n);
      // The catalog's own resources (its YAML), beside its classes.
      try (Stream<Path> files = Files.walk(dir.resolve("resources/t" + n))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(f)) {
            Path to = classes.resolve(dir.resolve("resources/t" + n).relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
          }
        }
      }
    }
  }

  private static void compile(Path sources, Path classes, int n) throws IOException {
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
      System.err.println("javac failed for t" + n);
      System.exit(1);
    }
    System.out.printf("bench catalog t%d: compiled in %d s%n", n, (System.nanoTime() - t0) / 1_000_000_000);
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
}
