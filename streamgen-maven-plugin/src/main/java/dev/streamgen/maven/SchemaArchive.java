package dev.streamgen.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The schemas jar attached with classifier {@code schemas}: every file of the schema directory,
 * entries sorted by path and stamped with one fixed time, so the same schemas always give the same
 * bytes (whatever the file system order, the build time or the machine's time zone).
 */
final class SchemaArchive {
  static final String CLASSIFIER = "schemas";

  /** The earliest instant a zip entry can hold (DOS time starts 1980, in 2-second steps). */
  static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:02Z");

  private SchemaArchive() {}

  /**
   * Writes {@code archive} from the files under {@code schemaDirectory}; the archive appears whole
   * or not at all (written beside it, then moved into place).
   */
  static void write(Path schemaDirectory, Path archive, Instant timestamp) throws IOException {
    List<Path> files = List.of();
    if (Files.isDirectory(schemaDirectory)) { // no schemas at all still gives a (empty) valid jar
      try (Stream<Path> walk = Files.walk(schemaDirectory)) {
        files = walk.filter(Files::isRegularFile)
            .sorted((a, b) -> entryName(schemaDirectory, a).compareTo(entryName(schemaDirectory, b)))
            .collect(Collectors.toList());
      }
    }
    // The entry time is written as a local date-time in UTC, never through the default time zone.
    LocalDateTime entryTime = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
    Files.createDirectories(archive.toAbsolutePath().getParent());
    Path temporary = archive.resolveSibling(archive.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(temporary);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Path file : files) {
        ZipEntry entry = new ZipEntry(entryName(schemaDirectory, file));
        entry.setTimeLocal(entryTime);
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String entryName(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  /**
   * Reads {@code project.build.outputTimestamp} the way Maven's own archivers do: an ISO-8601
   * date-time with offset, or seconds since the epoch; empty or a single character (Maven's "not
   * reproducible" marker) gives {@link #DEFAULT_TIMESTAMP}.
   */
  static Instant timestamp(String outputTimestamp) {
    if (outputTimestamp == null || outputTimestamp.trim().length() <= 1) {
      return DEFAULT_TIMESTAMP;
    }
    String value = outputTimestamp.trim();
    Instant instant;
    if (value.chars().allMatch(Character::isDigit)) {
      instant = Instant.ofEpochSecond(Long.parseLong(value));
    } else {
      try {
        instant = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("outputTimestamp '" + value + "' is not a date; use an"
            + " ISO-8601 date-time with offset (2026-01-01T00:00:00Z) or seconds since the epoch");
      }
    }
    return instant.isBefore(DEFAULT_TIMESTAMP) ? DEFAULT_TIMESTAMP : instant;
  }
}
