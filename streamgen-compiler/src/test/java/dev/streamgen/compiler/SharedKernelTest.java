package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.compiler.model.Identifiers;
import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.EventKernel;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.api.Rng;
import dev.streamgen.runtime.encode.ByteWriter;
import dev.streamgen.runtime.encode.Uuids;
import dev.streamgen.runtime.kinds.EventTypeKernel;
import dev.streamgen.runtime.kinds.FloatField;
import dev.streamgen.runtime.kinds.IntField;
import dev.streamgen.runtime.kinds.UuidField;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event type, whatever its field kinds and their order, runs the same kernel class and one
 * generator class per kind (so 10,000 types of thousands of shapes JIT-compile the same few methods),
 * the catalog builds its kernels without loading the per-type event classes, and each type still
 * writes its own names and values.
 */
class SharedKernelTest {
  private static final String CONFIG =
      """
      event_types:
        - event_type_id: "a.one"
          weight: 0.25
          fields:
            count:
              type: "int"
              range: [1, 10]
            id:
              type: "uuid"
            price:
              type: "float"
              range: [0.5, 2.5]
        - event_type_id: "b.two"
          weight: 0.25
          fields:
            n:
              type: "int"
              range: [100, 200]
            key:
              type: "uuid"
            ratio:
              type: "float"
              range: [-1.0, 1.0]
        - event_type_id: "c.three"
          weight: 0.25
          fields:
            delta:
              type: "int"
              range: [-5, 5]
            id:
              type: "uuid"
            price:
              type: "float"
              range: [0.5, 2.5]
        - event_type_id: "d.four"
          weight: 0.25
          fields:
            price:
              type: "float"
              range: [0.5, 2.5]
            count:
              type: "int"
              range: [1, 10]
            id:
              type: "uuid"
      """;

  @TempDir Path dir;

  @Test
  void typesOfAnyShapeRunOneKernelClassAndEachKeepsItsValues() throws Exception {
    Path yaml = dir.resolve("sharing.yaml");
    Files.writeString(yaml, CONFIG);
    CompileRequest request = GeneratedSources.request(yaml, dir.resolve("out"));
    assertThat(Compiler.compile(request).errors()).isEmpty();
    assertThat(request.javaOutputDirectory().resolve("streamgen/generated/shapes")).doesNotExist();
    try (URLClassLoader compiled = GeneratedSources.compileAndLoad(request, dir.resolve("classes"));
        RecordingLoader loader = new RecordingLoader(compiled.getURLs())) {
      Catalog catalog = (Catalog) loader.loadClass("streamgen.generated.SharingCatalog").getConstructor().newInstance();
      assertThat(loader.loaded)
          .as("the catalog builds kernels without the per-type classes")
          .contains("streamgen.generated.SharingCatalog")
          .noneMatch(name -> name.matches("streamgen\\.generated\\.(AOne|BTwo|CThree|DFour).*"));
      Set<Class<?>> generators = new HashSet<>();
      for (int t = 0; t < catalog.size(); t++) {
        assertThat(catalog.kernel(t)).isExactlyInstanceOf(EventTypeKernel.class);
        EventTypeKernel kernel = (EventTypeKernel) catalog.kernel(t);
        for (int f = 0; f < kernel.fieldCount(); f++) {
          generators.add(kernel.field(f).getClass());
        }
      }
      assertThat(generators).containsExactlyInAnyOrder(IntField.class, UuidField.class, FloatField.class);

      for (long row = 0; row < 200; row++) {
        JsonNode a = json(catalog.kernel(0), 5, row);
        JsonNode b = json(catalog.kernel(1), 5, row);
        assertThat(a.fieldNames()).toIterable().containsExactly("count", "id", "price");
        assertThat(b.fieldNames()).toIterable().containsExactly("n", "key", "ratio");
        assertThat(a.get("count").intValue()).isEqualTo(intValue(5, row, "count", 1, 10));
        assertThat(b.get("n").intValue()).isEqualTo(intValue(5, row, "n", 100, 200));
        assertThat(a.get("id").textValue()).isEqualTo(uuid(5, row, "id"));
        assertThat(b.get("key").textValue()).isEqualTo(uuid(5, row, "key"));
        assertThat(a.get("price").doubleValue()).isEqualTo(Rng.between(hash(5, row, "price", 0), 0.5, 2.5));
        assertThat(b.get("ratio").doubleValue()).isEqualTo(Rng.between(hash(5, row, "ratio", 0), -1.0, 1.0));
        assertThat(catalog.kernel(1).fieldText(5, row, 0, 0)).isEqualTo(Integer.toString(intValue(5, row, "n", 100, 200)));
      }
    }
  }

  /** Records the names of the classes it defines itself (not its parent's). */
  private static final class RecordingLoader extends URLClassLoader {
    final List<String> loaded = new CopyOnWriteArrayList<>();

    RecordingLoader(URL[] urls) {
      super(urls, SharedKernelTest.class.getClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      loaded.add(name);
      return super.findClass(name);
    }
  }

  /** The documented value of a field (docs/formats.md): a hash of the row on the name's FNV-1a salt. */
  private static long hash(long seed, long row, String field, int saltOffset) {
    return Rng.hash(row, Rng.stream(seed, Identifiers.fnv1a64(field) + saltOffset));
  }

  private static int intValue(long seed, long row, String field, long min, long max) {
    return (int) Rng.between(hash(seed, row, field, 0), min, max);
  }

  private static String uuid(long seed, long row, String field) {
    return new UUID(Uuids.msb(hash(seed, row, field, 0)), Uuids.lsb(hash(seed, row, field, 1))).toString();
  }

  private static JsonNode json(EventKernel kernel, long seed, long row) throws Exception {
    ByteWriter out = new ByteWriter();
    kernel.write(seed, row, 0, Format.JSON, out);
    return new ObjectMapper().readTree(new String(out.toByteArray(), StandardCharsets.UTF_8));
  }
}
