package dev.streamgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
  @TempDir Path dir;

  private BuildRecord record(Path... outputs) {
    return BuildRecord.builder()
        .digest("abc123")
        .eventTypes(3)
        .sourceFiles(1)
        .outputs(List.of(outputs))
        .build();
  }

  @Test
  void roundTripsARecord() throws IOException {
    BuildCache cache = new BuildCache(dir.resolve("cache/default.cache"));
    BuildRecord record = record(dir.resolve("b.java"), dir.resolve("a.avsc"));
    cache.write(record);
    assertThat(cache.read()).contains(record);
    assertThat(Files.readAllLines(cache.file())).containsExactly(
        "streamgen-cache 1",
        "digest abc123",
        "eventTypes 3",
        "sourceFiles 1",
        "output " + dir.resolve("a.avsc"),
        "output " + dir.resolve("b.java"));
  }

  @Test
  void noFileMeansNoRecord() throws IOException {
    assertThat(new BuildCache(dir.resolve("absent.cache")).read()).isEmpty();
  }

  @Test
  void anotherFormatVersionIsIgnored() throws IOException {
    Path file = dir.resolve("old.cache");
    Files.writeString(file, "streamgen-cache 0\ndigest abc123\n");
    assertThat(new BuildCache(file).read()).isEmpty();
  }

  @Test
  void aCorruptFileIsIgnored() throws IOException {
    Path file = dir.resolve("corrupt.cache");
    Files.writeString(file, "streamgen-cache 1\neventTypes many\n");
    assertThat(new BuildCache(file).read()).isEmpty();
    Files.writeString(file, "streamgen-cache 1\nsurprise value\n");
    assertThat(new BuildCache(file).read()).isEmpty();
  }

  @Test
  void upToDateOnlyWithTheSameDigestAndEveryOutputInPlace() throws IOException {
    Path output = Files.writeString(dir.resolve("Event.java"), "class Event {}");
    BuildRecord record = record(output);
    assertThat(record.isUpToDate("abc123")).isTrue();
    assertThat(record.isUpToDate("abc124")).isFalse();
    Files.delete(output);
    assertThat(record.isUpToDate("abc123")).isFalse();
  }

  @Test
  void deletesOnlyOutputsInsideTheGivenDirectories() throws IOException {
    Path owned = dir.resolve("out/Event.java");
    Path foreign = dir.resolve("elsewhere/Event.java");
    Files.createDirectories(owned.getParent());
    Files.createDirectories(foreign.getParent());
    Files.writeString(owned, "x");
    Files.writeString(foreign, "x");
    record(owned, foreign).deleteOutputsWithin(List.of(dir.resolve("out")));
    assertThat(owned).doesNotExist();
    assertThat(foreign).exists();
  }

  @Test
  void summarySpellsCounts() {
    assertThat(record().summary()).isEqualTo("3 event types from 1 file");
    assertThat(BuildRecord.builder().digest("d").eventTypes(1).sourceFiles(2).build().summary())
        .isEqualTo("1 event type from 2 files");
  }
}
