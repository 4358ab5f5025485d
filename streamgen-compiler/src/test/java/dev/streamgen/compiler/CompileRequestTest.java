package dev.streamgen.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileRequestTest {
  @TempDir Path dir;

  @Test
  void defaultsToStreamgenGeneratedPackage() {
    assertThat(request().javaPackage()).isEqualTo("streamgen.generated");
  }

  @Test
  void rejectsPackagesJavaOrProtobufCannotUse() {
    for (String bad : List.of("", "com..x", "1com", "com.class", "com.x$y", "com-x", ".com")) {
      assertThatThrownBy(() -> CompileRequest.builder().javaPackage(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("java package '" + bad + "' is not a valid package name (e.g. com.example.events)");
    }
    assertThat(request().toBuilder().javaPackage("com.example.events_v2").build().javaPackage()).isEqualTo("com.example.events_v2");
  }

  @Test
  void outputDirectoriesAreRequired() {
    assertThatThrownBy(() -> CompileRequest.builder().build()).isInstanceOf(NullPointerException.class).hasMessage("javaOutputDirectory");
  }

  @Test
  void configErrorPrintsLikeACompiler() {
    ConfigError e = new ConfigError(Path.of("src/main/streamgen/events.yaml"), 14, 9, "event 'user.purchase' field 'amount': range [10, 1] is empty (min > max)");
    assertThat(e).hasToString("src/main/streamgen/events.yaml:14:9: event 'user.purchase' field 'amount': range [10, 1] is empty (min > max)");
  }

  @Test
  void missingSourceIsALocatedErrorAndNothingIsWritten() {
    CompileResult result = Compiler.compile(request().toBuilder().sources(List.of(dir.resolve("missing.yaml"))).build());
    assertThat(result.success()).isFalse();
    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.message()).startsWith("cannot read file: java.nio.file.NoSuchFileException");
    });
    assertThat(dir.resolve("java")).doesNotExist();
  }

  @Test
  void noSourcesCompileToNothing() {
    CompileResult result = Compiler.compile(request());
    assertThat(result.success()).isTrue();
    assertThat(result.generatedFiles()).isEmpty();
    assertThat(result.eventTypeCount()).isZero();
  }

  private CompileRequest request() {
    return CompileRequest.builder()
        .javaOutputDirectory(dir.resolve("java"))
        .resourceOutputDirectory(dir.resolve("resources"))
        .schemaOutputDirectory(dir.resolve("schemas"))
        .build();
  }
}
