package dev.streamgen.compiler;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Compiler#compile}: either errors (and nothing written) or the files written.
 */
public final class CompileResult {
  private final List<ConfigError> errors;
  private final List<Path> generatedFiles;
  private final int eventTypeCount;

  private CompileResult(List<ConfigError> errors, List<Path> generatedFiles, int eventTypeCount) {
    this.errors = errors.stream().sorted(ConfigError.ORDER).toList();
    this.generatedFiles = generatedFiles.stream().sorted().toList();
    this.eventTypeCount = eventTypeCount;
  }

  static CompileResult failure(List<ConfigError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a failure needs errors");
    }
    return new CompileResult(errors, List.of(), 0);
  }

  static CompileResult success(List<Path> generatedFiles, int eventTypeCount) {
    return new CompileResult(List.of(), generatedFiles, eventTypeCount);
  }

  /** Every problem found, sorted by file, line and column; empty on success. */
  public List<ConfigError> errors() {
    return errors;
  }

  /** Every file the compilation produced (written or already up to date), sorted; empty on failure. */
  public List<Path> generatedFiles() {
    return generatedFiles;
  }

  /** Event types compiled, over all sources; 0 on failure. */
  public int eventTypeCount() {
    return eventTypeCount;
  }

  public boolean success() {
    return errors.isEmpty();
  }

  @Override
  public String toString() {
    return success()
        ? "CompileResult{" + generatedFiles.size() + " files}"
        : "CompileResult{" + errors.size() + " errors}";
  }
}
