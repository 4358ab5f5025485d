package dev.streamgen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental-build key: every input that can change the output must change the digest. */
class GenerationTest {
  @TempDir Path dir;
  Path events;
  Path more;

  @BeforeEach
  void sources() throws IOException {
    events = dir.resolve("src/events.yaml");
    more = dir.resolve("src/more/more.yaml");
    Files.createDirectories(more.getParent());
    Files.writeString(events, "event_types: []\n");
    Files.writeString(more, "event_types: []\n");
  }

  private Generation.Builder base() {
    return Generation.builder()
        .sourceDirectory(dir.resolve("src"))
        .sources(List.of(events, more))
        .javaOutputDirectory(dir.resolve("out/java"))
        .resourceOutputDirectory(dir.resolve("out/resources"))
        .schemaOutputDirectory(dir.resolve("out/schemas"))
        .schemaArchive(Optional.of(dir.resolve("out/x-schemas.jar")))
        .pluginFingerprint("dev.streamgen:streamgen-maven-plugin:0.1.0");
  }

  private String digestWith(UnaryOperator<Generation.Builder> change) throws IOException {
    return change.apply(base()).build().digest();
  }

  @Test
  void sameInputsGiveTheSameDigest() throws IOException {
    assertThat(base().build().digest()).isEqualTo(base().build().digest()).hasSize(64);
  }

  @Test
  void fileTimestampsDoNotMatter() throws IOException {
    String before = base().build().digest();
    Files.setLastModifiedTime(events, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    assertThat(base().build().digest()).isEqualTo(before);
  }

  @Test
  void oneChangedByteChangesTheDigest() throws IOException {
    String before = base().build().digest();
    Files.writeString(events, "event_types: [ ]\n");
    assertThat(base().build().digest()).isNotEqualTo(before);
  }

  @Test
  void renamingASourceChangesTheDigest() throws IOException {
    String before = base().build().digest();
    Path renamed = dir.resolve("src/renamed.yaml");
    Files.move(events, renamed);
    assertThat(digestWith(b -> b.sources(List.of(renamed, more)))).isNotEqualTo(before);
  }

  @Test
  void everyParameterIsPartOfTheDigest() throws IOException {
    String before = base().build().digest();
    List<UnaryOperator<Generation.Builder>> changes = List.of(
        b -> b.sources(List.of(events)),
        b -> b.includes(List.of("**/*.yaml")),
        b -> b.excludes(List.of("drafts/**")),
        b -> b.javaPackage("com.example.events"),
        b -> b.typedClasses("none"),
        b -> b.typedClasses("user.*"),
        b -> b.javaOutputDirectory(dir.resolve("other/java")),
        b -> b.resourceOutputDirectory(dir.resolve("other/resources")),
        b -> b.schemaOutputDirectory(dir.resolve("other/schemas")),
        b -> b.schemaArchive(Optional.empty()),
        b -> b.archiveTimestamp(Instant.parse("2026-01-01T00:00:00Z")),
        b -> b.pluginFingerprint("dev.streamgen:streamgen-maven-plugin:0.1.1"));
    for (UnaryOperator<Generation.Builder> change : changes) {
      assertThat(digestWith(change)).isNotEqualTo(before);
    }
  }

  @Test
  void rejectsAnInvalidJavaPackageWhenBuilt() {
    assertThatThrownBy(() -> base().javaPackage("1events.x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java package '1events.x' is not a valid package name (e.g. com.example.events)");
  }

  @Test
  void rejectsInvalidTypedClassesWhenBuilt() {
    assertThatThrownBy(() -> base().typedClasses("user login").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("typedClasses 'user login' is not valid: use all, none, or event type ids");
  }

  @Test
  void theCompileRequestCarriesEveryCompilerParameter() {
    Generation generation = base().javaPackage("com.example.events").typedClasses("user.*").build();
    assertThat(generation.toCompileRequest().typedClasses()).hasToString("user.*");
    assertThat(generation.toCompileRequest().sources()).containsExactly(events, more);
    assertThat(generation.toCompileRequest().javaPackage()).isEqualTo("com.example.events");
    assertThat(generation.toCompileRequest().javaOutputDirectory()).isEqualTo(dir.resolve("out/java"));
    assertThat(generation.toCompileRequest().resourceOutputDirectory()).isEqualTo(dir.resolve("out/resources"));
    assertThat(generation.toCompileRequest().schemaOutputDirectory()).isEqualTo(dir.resolve("out/schemas"));
  }

  @Test
  void contentMovedAcrossFileBoundariesChangesTheDigest() throws IOException {
    // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
    Files.writeString(events, "ab");
    Files.writeString(more, "c");
    String before = base().build().digest();
    Files.writeString(events, "a");
    Files.writeString(more, "bc");
    assertThat(base().build().digest()).isNotEqualTo(before);
  }
}
