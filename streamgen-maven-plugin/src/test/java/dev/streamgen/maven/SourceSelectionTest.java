package dev.streamgen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSelectionTest {
  @TempDir Path dir;

  @Test
  void doubleStarSlashAlsoMatchesTopLevelFiles() {
    assertThat(SourceSelection.antPattern("**/*.yaml").matcher("events.yaml").matches()).isTrue();
    assertThat(SourceSelection.antPattern("**/*.yaml").matcher("a/b/events.yaml").matches()).isTrue();
  }

  @Test
  void singleStarStaysWithinOneSegment() {
    assertThat(SourceSelection.antPattern("*.yaml").matcher("events.yaml").matches()).isTrue();
    assertThat(SourceSelection.antPattern("*.yaml").matcher("a/events.yaml").matches()).isFalse();
    assertThat(SourceSelection.antPattern("a/*/x.yml").matcher("a/b/x.yml").matches()).isTrue();
    assertThat(SourceSelection.antPattern("a/*/x.yml").matcher("a/b/c/x.yml").matches()).isFalse();
  }

  @Test
  void questionMarkIsOneCharacterAndDotsAreLiteral() {
    assertThat(SourceSelection.antPattern("v?.yaml").matcher("v1.yaml").matches()).isTrue();
    assertThat(SourceSelection.antPattern("v?.yaml").matcher("v12.yaml").matches()).isFalse();
    assertThat(SourceSelection.antPattern("*.yaml").matcher("eventsXyaml").matches()).isFalse();
  }

  @Test
  void trailingSlashMeansEverythingBelow() {
    assertThat(SourceSelection.antPattern("drafts/").matcher("drafts/a/b.yaml").matches()).isTrue();
  }

  @Test
  void selectsIncludedFilesMinusExcludedSortedByRelativePath() throws IOException {
    write("z.yaml");
    write("b/events.yml");
    write("a.yaml");
    write("drafts/wip.yaml");
    write("notes.txt");
    write("events.yaml.bak");

    List<Path> files = SourceSelection.builder()
        .directory(dir)
        .excludes(List.of("drafts/**"))
        .build()
        .files();

    assertThat(files).containsExactly(dir.resolve("a.yaml"), dir.resolve("b/events.yml"), dir.resolve("z.yaml"));
  }

  @Test
  void missingDirectorySelectsNothing() throws IOException {
    assertThat(SourceSelection.builder().directory(dir.resolve("absent")).build().files()).isEmpty();
  }

  @Test
  void rejectsEmptyPattern() {
    assertThatThrownBy(() -> SourceSelection.antPattern(" "))
        .hasMessage("empty include/exclude pattern");
  }

  @Test
  void rejectsEmptyIncludes() {
    assertThatThrownBy(() -> SourceSelection.builder().directory(dir).includes(List.of()).build())
        .hasMessage("includes must not be empty");
  }

  private void write(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, relative);
  }
}
