package dev.streamgen.compiler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which event types get a typed event class (the typed API: fields, {@code generate}, writers). The
 * catalog, the kernels, the Spark columns and the schemas cover every type regardless; a typed class
 * is only for code that builds one type's events itself. A catalog of 100,000 types compiles in a
 * fraction of the time without them (docs/plugin.md has the figures).
 *
 * <p>Given as {@code all} (the default), {@code none}, or event type ids separated by commas, where
 * {@code *} matches any run of characters ({@code user.*}).
 */
public final class TypedClasses {
  public static final TypedClasses ALL = new TypedClasses(List.of("*"));
  public static final TypedClasses NONE = new TypedClasses(List.of());

  private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._*-]+");

  private final List<String> patterns;
  private final List<Pattern> regexes;

  private TypedClasses(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    List<Pattern> regexes = new ArrayList<>();
    for (String p : patterns) {
      regexes.add(Pattern.compile(Pattern.quote(p).replace("*", "\\E.*\\Q")));
    }
    this.regexes = List.copyOf(regexes);
  }

  /** Parses {@code all}, {@code none} or comma-separated id patterns; rejects anything else. */
  public static TypedClasses parse(String text) {
    Objects.requireNonNull(text, "typedClasses");
    String t = text.trim();
    if (t.equals("all")) {
      return ALL;
    }
    if (t.equals("none")) {
      return NONE;
    }
    List<String> patterns = new ArrayList<>();
    for (String part : t.split(",", -1)) {
      String p = part.trim();
      if (!PATTERN.matcher(p).matches()) {
        throw new IllegalArgumentException(
            "typedClasses '" + text + "' is not valid: use all, none, or event type ids separated by commas"
                + " (letters, digits, '.', '_', '-', and '*' for any characters), e.g. user.*,order.created");
      }
      patterns.add(p);
    }
    return new TypedClasses(patterns);
  }

  /** Whether type {@code eventTypeId} gets a typed class. */
  public boolean includes(String eventTypeId) {
    for (Pattern r : regexes) {
      if (r.matcher(eventTypeId).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The patterns that match none of {@code eventTypeIds}: a misspelt id is an error, not a silent no-op. */
  List<String> unmatched(Collection<String> eventTypeIds) {
    List<String> unmatched = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      Pattern r = regexes.get(i);
      if (eventTypeIds.stream().noneMatch(id -> r.matcher(id).matches())) {
        unmatched.add(patterns.get(i));
      }
    }
    return unmatched;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypedClasses t && patterns.equals(t.patterns);
  }

  @Override
  public int hashCode() {
    return patterns.hashCode();
  }

  /** The form {@link #parse} reads back: {@code all}, {@code none} or the patterns. */
  @Override
  public String toString() {
    if (equals(ALL)) {
      return "all";
    }
    return patterns.isEmpty() ? "none" : String.join(",", patterns);
  }
}
