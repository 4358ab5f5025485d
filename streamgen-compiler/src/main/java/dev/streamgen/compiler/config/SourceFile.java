package dev.streamgen.compiler.config;

import java.nio.file.Path;

/**
 * One parsed YAML file: where it came from, its exact text (copied into the jar as the run-time
 * defaults) and its located node tree (null when the file could not be parsed).
 */
public record SourceFile(Path path, String text, Node root) {

  /** The file name, e.g. {@code events.yaml}. */
  public String fileName() {
    return path.getFileName().toString();
  }

  /** The file name without its extension, e.g. {@code events}. */
  public String stem() {
    String name = fileName();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
