package dev.streamgen.compiler.config;

/** A 1-based line and column in a YAML file, as Jackson reports them. */
public record Location(int line, int column) {
  /** For problems that belong to the file as a whole (unreadable, empty). */
  public static final Location START = new Location(1, 1);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
