package dev.streamgen.compiler;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a YAML source, located at the key or value it is about. {@link #toString()} is the
 * form compilers and IDEs understand: {@code events.yaml:14:9: event 'user.purchase' field 'amount':
 * range [10, 1] is empty (min > max)}.
 */
public final class ConfigError {
  /** File, then line, then column: the order a user fixes them in. */
  public static final Comparator<ConfigError> ORDER =
      Comparator.comparing((ConfigError e) -> e.file().toString())
          .thenComparingInt(ConfigError::line)
          .thenComparingInt(ConfigError::column)
          .thenComparing(ConfigError::message);

  private final Path file;
  private final int line;
  private final int column;
  private final String message;

  public ConfigError(Path file, int line, int column, String message) {
    this.file = Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    this.line = line;
    this.column = column;
    this.message = Objects.requireNonNull(message, "message");
  }

  /** The source file, as it was given to the compiler. */
  public Path file() {
    return file;
  }

  /** 1-based line. */
  public int line() {
    return line;
  }

  /** 1-based column. */
  public int column() {
    return column;
  }

  /** The message alone, without the location. */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigError e
        && file.equals(e.file)
        && line == e.line
        && column == e.column
        && message.equals(e.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, line, column, message);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
