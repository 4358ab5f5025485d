package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.PackedCatalog;
import dev.streamgen.runtime.kinds.StringField;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code type: faker} pools: the same in every build, different per field name, and a pool of the
 * maximum size (100,000 values) compiles and draws. Prints the compile time of a 1,000- and a
 * 100,000-value pool (docs/benchmarks.md, "Faker pools").
 */
class FakerPoolsTest {
  @TempDir Path dir;

  private Path config(String name, String fields) throws Exception {
    Path yaml = dir.resolve(name + ".yaml");
    Files.writeString(
        yaml,
        "event_types:\n  - event_type_id: \"people\"\n    weight: 1.0\n    fields:\n" + fields,
        StandardCharsets.UTF_8);
    return yaml;
  }

  private static String faker(String field, String expression, int poolSize) {
    return "      " + field + ":\n        type: \"faker\"\n        faker: \"" + expression + "\"\n        pool_size: " + poolSize + "\n";
  }

  /** Compiles {@code yaml} into {@code out}; returns the milliseconds it took. */
  private static long compile(Path yaml, Path out) {
    long start = System.nanoTime();
    CompileResult result = Compiler.compile(GeneratedSources.request(yaml, out));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(result.errors()).isEmpty();
    return millis;
  }

  @Test
  void poolsAreTheSameInEveryBuildAndDifferPerFieldName() throws Exception {
    Path yaml = config("people", faker("first", "#{Name.firstName} #{Name.lastName}", 200) + faker("second", "#{Name.firstName} #{Name.lastName}", 200));
    compile(yaml, dir.resolve("a"));
    compile(yaml, dir.resolve("b"));
    List<Path> a = GeneratedSources.files(dir.resolve("a"));
    List<Path> b = GeneratedSources.files(dir.resolve("b"));
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(dir.resolve("a").relativize(a.get(i))).isEqualTo(dir.resolve("b").relativize(b.get(i)));
      assertThat(Files.readAllBytes(a.get(i))).as("%s", a.get(i)).isEqualTo(Files.readAllBytes(b.get(i)));
    }
    try (URLClassLoader loader = GeneratedSources.compileAndLoad(GeneratedSources.request(yaml, dir.resolve("a")), dir.resolve("classes"))) {
      EventTypeKernel kernel = (EventTypeKernel) ((Catalog) loader.loadClass("streamgen.generated.PeopleCatalog").getConstructor().newInstance()).kernel(0);
      List<String> first = List.of(((StringField) kernel.field(0)).values());
      List<String> second = List.of(((StringField) kernel.field(1)).values());
      assertThat(first).hasSize(200).isNotEqualTo(second);
      assertThat(kernel.field(0).kind()).isEqualTo("faker");
    }
  }

  @Test
  void aPoolOfTheMaximumSizeCompilesAndDraws() throws Exception {
    // Datafaker loads its locale files on first use: a warm-up, so both timings below are warm.
    compile(config("warmup", faker("name", "#{Name.firstName}", 10)), dir.resolve("warmup"));
    long small = compile(config("small", faker("name", "#{Name.firstName} #{Name.lastName}", 1_000)), dir.resolve("small"));
    Path yaml = config("large", faker("name", "#{Name.firstName} #{Name.lastName}", 100_000));
    long large = compile(yaml, dir.resolve("large"));
    long start = System.nanoTime();
    try (URLClassLoader loader = GeneratedSources.compileAndLoad(GeneratedSources.request(yaml, dir.resolve("large")), dir.resolve("classes"))) {
      long javac = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "Faker pools, \"#{Name.firstName} #{Name.lastName}\": compile 1,000 values %d ms, 100,000 values %d ms (javac of the latter %d ms)%n",
          small, large, javac);
      Catalog catalog = (Catalog) loader.loadClass("streamgen.generated.LargeCatalog").getConstructor().newInstance();
      EventKernel kernel = catalog.kernel(0);
      String[] pool = ((StringField) ((EventTypeKernel) kernel).field(0)).values();
      assertThat(pool).hasSize(100_000);
      Set<String> values = new HashSet<>(List.of(pool));
      PackedCatalog packed = PackedCatalog.of(List.of((EventTypeKernel) kernel), Format.BINARY);
      for (long row = 0; row < 1_000; row++) {
        String text = kernel.fieldText(3, row, 0, 0);
        assertThat(values).contains(text);
        assertThat(packed.fieldText(0, 0, 3, row, 0)).isEqualTo(text);
        ByteWriter out = new ByteWriter();
        kernel.write(3, row, 0, Format.JSON, out);
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).contains(text);
      }
    }
  }
}
