package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config with more event types than one catalog chunk holds generates code that javac accepts
 * (no method over 64 KB, no class over its constant-pool limit) and that dispatches every type.
 * Sized to cross a chunk boundary while keeping the suite fast; 10,000 types are measured by
 * the benchmark command (streamgen-compiler/README.md).
 */
class ManyTypesTest {
  static final int TYPES = 501;

  @TempDir Path dir;

  /** N types with a common field and one of each kind; weights 1/N each. */
  static String config(int types) {
    StringBuilder b = new StringBuilder("common_fields:\n  user_id:\n    type: \"int\"\n    range: [1, 1000000]\nevent_types:\n");
    for (int i = 0; i < types; i++) {
      b.append("  - event_type_id: \"type.").append(String.format("%05d", i)).append("\"\n")
          .append("    weight: ").append(1.0 / types).append('\n')
          .append("    fields:\n")
          .append("      session_id:\n        type: \"uuid\"\n")
          .append("      amount:\n        type: \"float\"\n        range: [0.0, ").append(i + 1).append(".5]\n")
          .append("      device:\n        type: \"string\"\n        values: [\"a\", \"b\", \"c\"]\n")
          .append("      ts:\n        type: \"timestamp\"\n");
    }
    return b.toString();
  }

  @Test
  void moreTypesThanOneChunkGenerateCompileAndDispatch() throws Exception {
    Path yaml = dir.resolve("many.yaml");
    Files.writeString(yaml, config(TYPES));
    CompileRequest request = GeneratedSources.request(yaml, dir.resolve("out"));
    CompileResult result = Compiler.compile(request);
    assertThat(result.errors()).isEmpty();
    // Per type: class, .avsc, JSON Schema; once: catalog, .proto, YAML, index, manifest; and a kernels
    // and a columns class per 500 types.
    int chunks = (TYPES + 499) / 500;
    assertThat(chunks).isGreaterThan(1);
    assertThat(result.generatedFiles()).hasSize(3 * TYPES + 5 + 2 * chunks);
    try (URLClassLoader loader = GeneratedSources.compileAndLoad(request, dir.resolve("classes"))) {
      Catalog catalog = (Catalog) loader.loadClass("streamgen.generated.ManyCatalog").getConstructor().newInstance();
      assertThat(catalog.size()).isEqualTo(TYPES);
      double sum = 0;
      for (int i = 0; i < TYPES; i++) {
        assertThat(catalog.kernel(i).eventTypeId()).isEqualTo(String.format("type.%05d", i));
        sum += catalog.weight(i);
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      ByteWriter out = new ByteWriter();
      catalog.kernel(TYPES - 1).write(1, 2, 3, Format.JSON, out);
      assertThat(new String(out.toByteArray(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"user_id\":").endsWith("\"ts\":\"1970-01-01T00:00:00.000003Z\"}");
    }
  }
}
