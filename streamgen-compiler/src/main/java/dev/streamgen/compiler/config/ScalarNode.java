package dev.streamgen.compiler.config;

/**
 * A YAML scalar: its text exactly as written (so messages quote what the user typed), its resolved
 * kind, and for numbers the value YAML resolved ({@code 0x10}, {@code 1_000}, {@code .inf} included):
 * a Long or BigInteger for whole numbers, a Double otherwise.
 */
public record ScalarNode(String text, Kind kind, Number number, Location location) implements Node {

  public static ScalarNode string(String text, Location location) {
    return new ScalarNode(text, Kind.STRING, null, location);
  }

  /** What YAML resolved the scalar to. Quoted scalars are always strings. */
  public enum Kind {
    STRING("a string"),
    INT("a whole number"),
    FLOAT("a number"),
    BOOLEAN("a boolean"),
    NULL("empty");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public boolean isNumber() {
    return kind == Kind.INT || kind == Kind.FLOAT;
  }

  public boolean isNull() {
    return kind == Kind.NULL;
  }

  @Override
  public String kindName() {
    return kind.description();
  }

  @Override
  public String describe() {
    return kind == Kind.NULL ? "nothing" : "'" + text + "'";
  }
}
