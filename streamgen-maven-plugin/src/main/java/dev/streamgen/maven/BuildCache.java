package dev.streamgen.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incremental-build cache of one execution: a small versioned text file under
 * {@code target/streamgen-cache/}. It is written only after a generation succeeded (to a temporary
 * file, then moved into place), and deleted before a regeneration starts, so a failed or
 * interrupted build can never leave a cache that claims stale or half-written outputs are current.
 *
 * <pre>
 * streamgen-cache 1
 * digest 3f1a…
 * eventTypes 3
 * sourceFiles 1
 * output /abs/path/target/generated-sources/streamgen/…/UserPurchase.java
 * </pre>
 */
final class BuildCache {
  /** Bumped whenever the layout changes; a cache of another version is ignored (full rebuild). */
  static final String HEADER = "streamgen-cache 1";

  private final Path file;

  BuildCache(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** The last successful generation, or empty when there is none or the file is unreadable. */
  Optional<BuildRecord> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      return Optional.empty();
    }
    BuildRecord.Builder record = BuildRecord.builder();
    List<Path> outputs = new ArrayList<>();
    try {
      for (String line : lines.subList(1, lines.size())) {
        int space = line.indexOf(' ');
        if (space < 0) {
          return Optional.empty();
        }
        String key = line.substring(0, space);
        String value = line.substring(space + 1);
        switch (key) {
          case "digest":
            record.digest(value);
            break;
          case "eventTypes":
            record.eventTypes(Integer.parseInt(value));
            break;
          case "sourceFiles":
            record.sourceFiles(Integer.parseInt(value));
            break;
          case "output":
            outputs.add(Path.of(value));
            break;
          default:
            return Optional.empty();
        }
      }
      return Optional.of(record.outputs(outputs).build());
    } catch (RuntimeException corrupt) {
      return Optional.empty();
    }
  }

  void write(BuildRecord record) throws IOException {
    StringBuilder text = new StringBuilder()
        .append(HEADER).append('\n')
        .append("digest ").append(record.digest()).append('\n')
        .append("eventTypes ").append(record.eventTypes()).append('\n')
        .append("sourceFiles ").append(record.sourceFiles()).append('\n');
    for (Path output : record.outputs()) {
      text.append("output ").append(output).append('\n');
    }
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    try {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
