package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of bad configs: each {@code bad/<case>.yaml} must fail with exactly the messages in
 * {@code bad/<case>.expected} (one per line, {@code <file name>:line:col: message}), and write nothing.
 */
class BadConfigTest {
  static final Path CORPUS = Path.of("src/test/resources/bad");

  @TempDir Path out;

  @TestFactory
  Stream<DynamicTest> everyBadConfigFailsWithExactlyItsExpectedMessages() throws IOException {
    List<Path> cases;
    try (Stream<Path> files = Files.list(CORPUS)) {
      cases = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThan(20);
    return cases.stream().map(yaml -> DynamicTest.dynamicTest(yaml.getFileName().toString(), () -> check(yaml)));
  }

  private void check(Path yaml) throws IOException {
    Path expectedFile = Path.of(yaml.toString().replaceAll("\\.yaml$", ".expected"));
    CompileResult result = Compiler.compile(request(yaml));
    List<String> actual =
        result.errors().stream()
            .map(e -> e.file().getFileName() + ":" + e.line() + ":" + e.column() + ": " + e.message())
            .toList();
    assertThat(Files.exists(expectedFile))
        .as("missing %s; actual messages:%n%s", expectedFile, String.join("\n", actual))
        .isTrue();
    List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    assertThat(result.success()).isFalse();
    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(result.generatedFiles()).isEmpty();
    try (Stream<Path> written = Files.walk(out)) {
      assertThat(written.filter(Files::isRegularFile)).as("nothing written").isEmpty();
    }
  }

  private CompileRequest request(Path yaml) {
    return CompileRequest.builder()
        .sources(List.of(yaml))
        .javaOutputDirectory(out.resolve("java"))
        .resourceOutputDirectory(out.resolve("resources"))
        .schemaOutputDirectory(out.resolve("schemas"))
        .build();
  }
}
