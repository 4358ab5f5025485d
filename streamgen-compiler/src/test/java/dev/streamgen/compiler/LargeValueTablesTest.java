package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.compiler.model.StringKind;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.compiler.model.Identifiers;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Types whose string fields hold the most values allowed stay within the JVM's class-file limits:
 * each field's generator is built in a method of its own (64 KB per method), and kernels classes split
 * by literal count (65,535 constant-pool entries per class), and the values are still the documented ones.
 */
class LargeValueTablesTest {
  private static final int TYPES = 3;
  private static final int FIELDS = 8;

  @TempDir Path dir;

  static String config() {
    StringBuilder b = new StringBuilder("event_types:\n");
    for (int t = 0; t < TYPES; t++) {
      b.append("  - event_type_id: \"big.t").append(t).append("\"\n")
          .append("    weight: ").append(t == TYPES - 1 ? 1.0 - (TYPES - 1) * (1.0 / TYPES) : 1.0 / TYPES).append('\n')
          .append("    fields:\n");
      for (int f = 0; f < FIELDS; f++) {
        b.append("      s").append(f).append(":\n        type: \"string\"\n        values: [");
        for (int v = 0; v < StringKind.MAX_VALUES; v++) {
          b.append(v == 0 ? "" : ", ").append("\"t").append(t).append("f").append(f).append("v").append(v).append('"');
        }
        b.append("]\n");
      }
    }
    return b.toString();
  }

  @Test
  void maximalValueTablesCompileIntoSeveralKernelsClassesAndKeepTheirValues() throws Exception {
    Path yaml = dir.resolve("big.yaml");
    Files.writeString(yaml, config());
    CompileRequest request = GeneratedSources.request(yaml, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    // About 16,000 literals a type against 20,000 a class: one type per kernels (and columns) class.
    assertThat(GeneratedSources.files(request.javaOutputDirectory().resolve("streamgen/generated/kernels")))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "BigColumns0.java", "BigColumns1.java", "BigColumns2.java", "BigKernels0.java", "BigKernels1.java", "BigKernels2.java");
    try (URLClassLoader loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"))) {
      Catalog catalog = (Catalog) loader.loadClass("streamgen.generated.BigCatalog").getConstructor().newInstance();
      for (long row = 0; row < 50; row++) {
        ByteWriter out = new ByteWriter();
        catalog.kernel(2).write(9, row, 0, Format.JSON, out);
        String json = new String(out.toByteArray(), StandardCharsets.UTF_8);
        double u = Rng.unit(Rng.hash(row, Rng.stream(9, Identifiers.fnv1a64("s7"))));
        int index = (int) (u * StringKind.MAX_VALUES);
        assertThat(json).contains("\"s7\":\"t2f7v" + index + "\"");
      }
    }
  }
}
