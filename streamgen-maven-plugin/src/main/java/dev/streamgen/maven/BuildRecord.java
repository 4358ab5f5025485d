package dev.streamgen.maven;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a successful generation produced, kept in the {@link BuildCache} so the next build can tell
 * whether its inputs are unchanged and its outputs still in place.
 */
final class BuildRecord {
  private final String digest;
  private final int eventTypes;
  private final int sourceFiles;
  private final List<Path> outputs;

  private BuildRecord(Builder builder) {
    this.digest = requireNonNull(builder.digest, "digest");
    this.eventTypes = builder.eventTypes;
    this.sourceFiles = builder.sourceFiles;
    this.outputs = builder.outputs.stream()
        .map(p -> p.toAbsolutePath().normalize())
        .sorted()
        .distinct()
        .collect(java.util.stream.Collectors.toUnmodifiableList());
    if (eventTypes < 0 || sourceFiles < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  String digest() {
    return digest;
  }

  int eventTypes() {
    return eventTypes;
  }

  int sourceFiles() {
    return sourceFiles;
  }

  /** Every file written, absolute and sorted. */
  List<Path> outputs() {
    return outputs;
  }

  /** Same inputs, and nobody deleted an output since (a partial {@code clean} forces a rebuild). */
  boolean isUpToDate(String currentDigest) {
    if (!digest.equals(currentDigest)) {
      return false;
    }
    for (Path output : outputs) {
      if (!Files.isRegularFile(output)) {
        return false;
      }
    }
    return true;
  }

  /** "3 event types from 1 file", the start of both log lines. */
  String summary() {
    return GenerateMojo.plural(eventTypes, "event type")
        + " from " + GenerateMojo.plural(sourceFiles, "file");
  }

  /**
   * Deletes this record's outputs that lie inside one of {@code directories}: a regeneration starts
   * clean, but never touches a file the plugin does not currently own (say, after outputDirectory
   * was pointed elsewhere).
   */
  void deleteOutputsWithin(List<Path> directories) throws IOException {
    for (Path output : outputs) {
      for (Path directory : directories) {
        if (output.startsWith(directory.toAbsolutePath().normalize())) {
          Files.deleteIfExists(output);
          break;
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BuildRecord)) {
      return false;
    }
    BuildRecord that = (BuildRecord) o;
    return digest.equals(that.digest) && eventTypes == that.eventTypes
        && sourceFiles == that.sourceFiles && outputs.equals(that.outputs);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "BuildRecord{" + digest + ", " + summary() + ", " + outputs.size() + " outputs}";
  }

  static final class Builder {
    private String digest;
    private int eventTypes;
    private int sourceFiles;
    private List<Path> outputs = List.of();

    private Builder() {}

    Builder digest(String digest) {
      this.digest = digest;
      return this;
    }

    Builder eventTypes(int eventTypes) {
      this.eventTypes = eventTypes;
      return this;
    }

    Builder sourceFiles(int sourceFiles) {
      this.sourceFiles = sourceFiles;
      return this;
    }

    Builder outputs(List<Path> outputs) {
      this.outputs = List.copyOf(outputs);
      return this;
    }

    BuildRecord build() {
      return new BuildRecord(this);
    }
  }
}
