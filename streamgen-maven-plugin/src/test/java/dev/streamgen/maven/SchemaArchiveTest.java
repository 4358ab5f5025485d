package dev.streamgen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaArchiveTest {
  @TempDir Path dir;
  static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

  private Path schemas(String... names) throws IOException {
    Path root = dir.resolve("schemas-" + names.length + "-" + System.nanoTime());
    for (String name : names) {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "content of " + name);
    }
    return root;
  }

  @Test
  void entriesAreSortedAndStampedWithTheGivenTime() throws IOException {
    Path archive = dir.resolve("x-schemas.jar");
    SchemaArchive.write(schemas("user_purchase.avsc", "events.proto", "json/a.schema.json"), archive, TIME);
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        names.add(entry.getName());
        assertThat(entry.getTimeLocal()).isEqualTo(LocalDateTime.parse("2026-01-01T00:00:00"));
      }
    }
    assertThat(names).containsExactly("events.proto", "json/a.schema.json", "user_purchase.avsc");
  }

  @Test
  void sameSchemasGiveIdenticalBytesWhateverTheTimeZoneAndCreationOrder() throws IOException {
    Path first = dir.resolve("first.jar");
    Path second = dir.resolve("second.jar");
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
      SchemaArchive.write(schemas("b.avsc", "a.avsc"), first, TIME);
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      SchemaArchive.write(schemas("a.avsc", "b.avsc"), second, TIME);
    } finally {
      TimeZone.setDefault(original);
    }
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
  }

  @Test
  void aMissingSchemaDirectoryGivesAnEmptyArchive() throws IOException {
    Path archive = dir.resolve("empty-schemas.jar");
    SchemaArchive.write(dir.resolve("absent"), archive, TIME);
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      assertThat(zip.size()).isZero();
    }
  }

  @Test
  void readsMavensOutputTimestampForms() {
    assertThat(SchemaArchive.timestamp("2026-01-01T00:00:00Z")).isEqualTo(TIME);
    assertThat(SchemaArchive.timestamp("2026-01-01T02:00:00+02:00")).isEqualTo(TIME);
    assertThat(SchemaArchive.timestamp("1767225600")).isEqualTo(TIME);
    assertThat(SchemaArchive.timestamp(null)).isEqualTo(SchemaArchive.DEFAULT_TIMESTAMP);
    assertThat(SchemaArchive.timestamp("")).isEqualTo(SchemaArchive.DEFAULT_TIMESTAMP);
    assertThat(SchemaArchive.timestamp("a")).isEqualTo(SchemaArchive.DEFAULT_TIMESTAMP);
    assertThat(SchemaArchive.timestamp("0")).isEqualTo(SchemaArchive.DEFAULT_TIMESTAMP);
  }

  @Test
  void rejectsATimestampThatIsNoDate() {
    assertThatThrownBy(() -> SchemaArchive.timestamp("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outputTimestamp 'yesterday' is not a date; use an ISO-8601 date-time with"
            + " offset (2026-01-01T00:00:00Z) or seconds since the epoch");
  }
}
