package dev.streamgen.compiler.config;

import dev.streamgen.compiler.ConfigError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found in one file, so a user sees them all in one build instead of one
 * per build. Not thread-safe: one per file being checked.
 */
public final class Problems {
  private final Path file;
  private final List<ConfigError> errors = new ArrayList<>();

  public Problems(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public void add(Location at, String message) {
    errors.add(new ConfigError(file, at.line(), at.column(), message));
  }

  public void add(Node at, String message) {
    add(at.location(), message);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public int size() {
    return errors.size();
  }

  public List<ConfigError> errors() {
    return List.copyOf(errors);
  }
}
