package dev.streamgen.compiler.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.compiler.CompileRequest;
import dev.streamgen.compiler.CompileResult;
import dev.streamgen.compiler.Compiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzer's regression corpus: inputs that once crashed, hung, or got a misleading message, and
 * inputs worth keeping valid. {@code fuzz-corpus/<case>.yaml} is compiled alone; {@code <case>.expected}
 * holds either the single word {@code valid} (then the generated Java must compile with javac
 * {@code --release 8}) or the exact errors, one per line as {@code <file name>:line:col: message}.
 */
class FuzzCorpusTest {
  static final Path CORPUS = Path.of("src/test/resources/fuzz-corpus");

  @TempDir static Path out;
  private static final List<GeneratedJava.Sample> VALID = new ArrayList<>();

  @TestFactory
  Stream<DynamicTest> everyCorpusCaseEndsAsExpected() throws IOException {
    List<Path> cases;
    try (Stream<Path> files = Files.list(CORPUS)) {
      cases = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThan(10);
    return cases.stream().map(yaml -> DynamicTest.dynamicTest(yaml.getFileName().toString(), () -> check(yaml)));
  }

  private void check(Path yaml) throws IOException {
    String name = yaml.getFileName().toString().replaceAll("\\.yaml$", "");
    Path expectedFile = yaml.resolveSibling(name + ".expected");
    Path dir = out.resolve(name);
    CompileRequest request =
        CompileRequest.builder()
            .sources(List.of(yaml))
            .javaPackage("corpus." + name.replaceAll("[^A-Za-z0-9]", "_"))
            .javaOutputDirectory(dir.resolve("java"))
            .resourceOutputDirectory(dir.resolve("resources"))
            .schemaOutputDirectory(dir.resolve("schemas"))
            .build();
    CompileResult result = Compiler.compile(request);
    List<String> actual =
        result.errors().stream()
            .map(e -> e.file().getFileName() + ":" + e.line() + ":" + e.column() + ": " + e.message())
            .toList();
    assertThat(expectedFile).as("missing %s; actual:%n%s", expectedFile, String.join("\n", actual)).exists();
    List<String> expected =
        Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    if (expected.equals(List.of("valid"))) {
      assertThat(actual).as("errors of a case expected valid").isEmpty();
      assertThat(result.generatedFiles()).isNotEmpty();
      if (Files.isDirectory(dir.resolve("java"))) {
        VALID.add(new GeneratedJava.Sample(name, dir.resolve("java")));
      }
      return;
    }
    assertThat(result.success()).isFalse();
    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(dir).as("nothing written").doesNotExist();
  }

  /** The valid cases' Java, compiled together once (javac start-up dominates). */
  @AfterAll
  static void validCasesCompile() {
    assertThat(GeneratedJava.compile(VALID, out.resolve("classes"))).isEmpty();
  }
}
