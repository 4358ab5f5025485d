package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamgen.runtime.api.Catalog;
import dev.streamgen.runtime.api.Format;
import dev.streamgen.runtime.encode.ByteWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * typedClasses chooses which types get a typed event class; the catalog, kernels and schemas cover
 * every type either way (also for pools, references and unique fields), and a pattern that names no
 * type is an error rather than a silent no-op.
 */
class TypedClassesTest {
  @TempDir Path dir;

  private CompileRequest request(String typedClasses) throws Exception {
    return request(GeneratedCodeTest.CONFIG, typedClasses);
  }

  /** {@code config} compiled as {@code events.yaml} (its catalog: EventsCatalog). */
  private CompileRequest request(Path config, String typedClasses) throws Exception {
    Path yaml = dir.resolve("events.yaml");
    Files.copy(config, yaml, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return GeneratedSources.request(yaml, dir.resolve("out-" + typedClasses.replace('*', 'x')))
        .toBuilder()
        .typedClasses(TypedClasses.parse(typedClasses))
        .build();
  }

  @Test
  void parsesAllNoneAndPatterns() {
    assertThat(TypedClasses.parse("all")).isEqualTo(TypedClasses.ALL);
    assertThat(TypedClasses.parse(" none ")).isEqualTo(TypedClasses.NONE);
    TypedClasses some = TypedClasses.parse("user.*, page.view");
    assertThat(some.includes("user.login")).isTrue();
    assertThat(some.includes("page.view")).isTrue();
    assertThat(some.includes("page.viewed")).isFalse();
    assertThat(some).hasToString("user.*,page.view");
    assertThat(TypedClasses.ALL.includes("anything")).isTrue();
    assertThat(TypedClasses.NONE.includes("anything")).isFalse();
    assertThatThrownBy(() -> TypedClasses.parse("user.login,,x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("typedClasses 'user.login,,x' is not valid: use all, none, or event type ids separated by commas"
            + " (letters, digits, '.', '_', '-', and '*' for any characters), e.g. user.*,order.created");
  }

  @ParameterizedTest
  @ValueSource(strings = {"src/test/resources/configs/all_kinds.yaml", "src/test/resources/configs/entities.yaml"})
  void noneGeneratesNoEventClassesAndTheCatalogStillRunsEveryType(Path config) throws Exception {
    CompileRequest all = request(config, "all");
    CompileRequest none = request(config, "none");
    assertThat(Compiler.compile(all).success()).isTrue();
    assertThat(Compiler.compile(none).success()).isTrue();
    Path generated = Path.of("streamgen", "generated");
    assertThat(GeneratedSources.files(none.javaOutputDirectory().resolve(generated)))
        .extracting(p -> none.javaOutputDirectory().relativize(p).toString())
        .allMatch(p -> p.contains("/kernels/") || p.endsWith("Catalog.java"));
    // Same schemas and resources either way.
    for (Path f : GeneratedSources.files(all.schemaOutputDirectory())) {
      assertThat(none.schemaOutputDirectory().resolve(all.schemaOutputDirectory().relativize(f))).hasSameBinaryContentAs(f);
    }
    try (URLClassLoader loader = GeneratedSources.compileAndLoad(none, dir.resolve("classes"))) {
      Catalog catalog = (Catalog) loader.loadClass("streamgen.generated.EventsCatalog").getConstructor().newInstance();
      for (int t = 0; t < catalog.size(); t++) {
        ByteWriter out = new ByteWriter();
        catalog.kernel(t).write(1, 2, 3, Format.JSON, out);
        assertThat(out.size()).isPositive();
      }
    }
  }

  @Test
  void aPatternMatchingNoTypeFailsNamingIt() throws Exception {
    CompileRequest typo = request("user.*,usr.*");
    assertThatThrownBy(() -> Compiler.compile(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("typedClasses [usr.*] match no event type; the event types are [");
    assertThat(typo.javaOutputDirectory()).doesNotExist();
  }
}
