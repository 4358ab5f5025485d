package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the generated output byte for byte (Java sources, resources, .avsc, .proto, JSON Schema and
 * manifest) of the seed's Quick Start config ({@code golden/events.yaml}, under {@code
 * golden/expected/}) and of the config using every field kind and option ({@code
 * configs/all_kinds.yaml}, under {@code golden/all_kinds/}). After an intended change, regenerate them with
 *
 * <pre>./mvnw -pl streamgen-compiler -am test -Dtest=GoldenFilesTest -Dsurefire.failIfNoSpecifiedTests=false -Dstreamgen.updateGolden=true</pre>
 *
 * and review the diff. (GeneratedCodeTest compiles and runs generated code.)
 */
class GoldenFilesTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path out;

  @ParameterizedTest
  @CsvSource({
    "src/test/resources/golden/events.yaml, src/test/resources/golden/expected",
    "src/test/resources/configs/all_kinds.yaml, src/test/resources/golden/all_kinds"
  })
  void outputMatchesTheGoldenFiles(Path config, Path expected) throws IOException {
    CompileRequest request = GeneratedSources.request(config, out);
    CompileResult result = Compiler.compile(request);
    assertThat(result.errors()).isEmpty();
    if (Boolean.getBoolean("streamgen.updateGolden")) {
      deleteRecursively(expected);
      for (Path file : GeneratedSources.files(out)) {
        Path target = expected.resolve(out.relativize(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    List<Path> actual = relative(out);
    assertThat(actual).as("generated file set").isEqualTo(relative(expected));
    assertThat(result.generatedFiles()).hasSize(actual.size());
    for (Path file : actual) {
      assertThat(Files.readString(out.resolve(file))).as("%s", file).isEqualTo(Files.readString(expected.resolve(file)));
      assertThat(Files.readAllBytes(out.resolve(file))).as("%s", file).isEqualTo(Files.readAllBytes(expected.resolve(file)));
    }
  }

  @Test
  void sameInputGivesByteIdenticalOutputWhateverTheSourceOrder(@TempDir Path second) throws IOException {
    Path a = out.resolve("in/events.yaml");
    Path b = out.resolve("in/more.yaml");
    Files.createDirectories(a.getParent());
    Files.copy(GOLDEN.resolve("events.yaml"), a);
    Files.writeString(
        b,
        "event_types:\n  - event_type_id: \"other.type\"\n    weight: 1\n    fields:\n      n:\n        type: \"int\"\n        range: [1, 9]\n");
    assertThat(Compiler.compile(request(List.of(a, b), out.resolve("one"))).errors()).isEmpty();
    assertThat(Compiler.compile(request(List.of(b, a), second)).errors()).isEmpty();
    List<Path> files = relative(out.resolve("one"));
    assertThat(files).isEqualTo(relative(second)).hasSizeGreaterThan(20);
    for (Path f : files) {
      assertThat(Files.readAllBytes(second.resolve(f))).as("%s", f).isEqualTo(Files.readAllBytes(out.resolve("one").resolve(f)));
    }
    assertThat(Files.readString(second.resolve("resources/META-INF/streamgen/catalogs")))
        .isEqualTo("streamgen.generated.EventsCatalog\nstreamgen.generated.MoreCatalog\n");
  }

  @Test
  void unchangedFilesAreNotRewritten() throws IOException {
    CompileRequest request = GeneratedSources.request(GOLDEN.resolve("events.yaml"), out);
    Compiler.compile(request);
    Path catalog = request.javaOutputDirectory().resolve("streamgen/generated/EventsCatalog.java");
    Files.setLastModifiedTime(catalog, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
    Compiler.compile(request);
    assertThat(Files.getLastModifiedTime(catalog).toMillis()).isEqualTo(1_000_000L);
  }

  private static CompileRequest request(List<Path> sources, Path dir) {
    return GeneratedSources.request(sources.get(0), dir).toBuilder().sources(sources).build();
  }

  private static List<Path> relative(Path root) {
    List<Path> files = new ArrayList<>();
    for (Path f : GeneratedSources.files(root)) {
      files.add(root.relativize(f));
    }
    return files;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
