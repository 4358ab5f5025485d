package dev.streamgen.maven;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The YAML files of a source directory that the include patterns select and no exclude pattern
 * removes. Patterns are Ant-style, as everywhere else in Maven: {@code *} and {@code ?} stay within
 * one path segment, {@code **} spans any number of segments (including none, so {@code **}{@code
 * /*.yaml} matches {@code events.yaml} at the top too).
 */
final class SourceSelection {
  private final Path directory;
  private final List<String> includes;
  private final List<String> excludes;

  private SourceSelection(Builder builder) {
    this.directory = requireNonNull(builder.directory, "directory");
    this.includes = List.copyOf(builder.includes);
    this.excludes = List.copyOf(builder.excludes);
    if (includes.isEmpty()) {
      throw new IllegalArgumentException("includes must not be empty");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * The selected regular files, sorted by their path relative to the directory (with {@code /}), so
   * the order, and with it the generated output, never depends on the file system. A missing
   * directory selects nothing.
   */
  List<Path> files() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Pattern> in = compile(includes);
    List<Pattern> out = compile(excludes);
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> {
            String relative = relative(file);
            return matchesAny(in, relative) && !matchesAny(out, relative);
          })
          .sorted((a, b) -> relative(a).compareTo(relative(b)))
          .collect(Collectors.toUnmodifiableList());
    }
  }

  private String relative(Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  private static boolean matchesAny(List<Pattern> patterns, String path) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> compile(List<String> patterns) {
    List<Pattern> compiled = new ArrayList<>(patterns.size());
    for (String pattern : patterns) {
      compiled.add(antPattern(pattern));
    }
    return compiled;
  }

  /** Translates one Ant-style pattern into a regular expression over {@code /}-separated paths. */
  static Pattern antPattern(String pattern) {
    String p = pattern.trim().replace('\\', '/');
    if (p.isEmpty()) {
      throw new IllegalArgumentException("empty include/exclude pattern");
    }
    if (p.endsWith("/")) {
      p = p + "**"; // Ant: a trailing slash means everything below
    }
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      if (p.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 3;
      } else if (p.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else {
        char c = p.charAt(i++);
        if (c == '*') {
          regex.append("[^/]*");
        } else if (c == '?') {
          regex.append("[^/]");
        } else {
          regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
    }
    return Pattern.compile(regex.toString());
  }

  static final class Builder {
    private Path directory;
    private List<String> includes = Generation.DEFAULT_INCLUDES;
    private List<String> excludes = List.of();

    private Builder() {}

    Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    Builder includes(List<String> includes) {
      this.includes = List.copyOf(includes);
      return this;
    }

    Builder excludes(List<String> excludes) {
      this.excludes = List.copyOf(excludes);
      return this;
    }

    SourceSelection build() {
      return new SourceSelection(this);
    }
  }
}
