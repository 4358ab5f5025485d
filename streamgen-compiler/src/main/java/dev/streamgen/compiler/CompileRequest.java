package dev.streamgen.compiler;

import dev.streamgen.compiler.model.Identifiers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to compile and where to put the results. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * CompileRequest request = CompileRequest.builder()
 *     .sources(List.of(Path.of("src/main/streamgen/events.yaml")))
 *     .javaPackage("com.example.events")
 *     .javaOutputDirectory(Path.of("target/generated-sources/streamgen"))
 *     .resourceOutputDirectory(Path.of("target/generated-resources/streamgen"))
 *     .schemaOutputDirectory(Path.of("target/streamgen-schemas"))
 *     .build();
 * }</pre>
 */
public final class CompileRequest {
  /** The package of generated classes unless one is set. */
  public static final String DEFAULT_JAVA_PACKAGE = "streamgen.generated";

  /** Segments valid in Java and in a Protobuf package (no '$'), and not Java keywords. */
  private static final Pattern PACKAGE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private final List<Path> sources;
  private final String javaPackage;
  private final Path javaOutputDirectory;
  private final Path resourceOutputDirectory;
  private final Path schemaOutputDirectory;
  private final TypedClasses typedClasses;

  private CompileRequest(Builder b) {
    this.sources = List.copyOf(b.sources);
    this.javaPackage = b.javaPackage;
    this.javaOutputDirectory = Objects.requireNonNull(b.javaOutputDirectory, "javaOutputDirectory");
    this.resourceOutputDirectory =
        Objects.requireNonNull(b.resourceOutputDirectory, "resourceOutputDirectory");
    this.schemaOutputDirectory = Objects.requireNonNull(b.schemaOutputDirectory, "schemaOutputDirectory");
    this.typedClasses = b.typedClasses;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .sources(sources)
        .javaPackage(javaPackage)
        .javaOutputDirectory(javaOutputDirectory)
        .resourceOutputDirectory(resourceOutputDirectory)
        .schemaOutputDirectory(schemaOutputDirectory)
        .typedClasses(typedClasses);
  }

  /** The YAML files, in the order given (output does not depend on it). */
  public List<Path> sources() {
    return sources;
  }

  public String javaPackage() {
    return javaPackage;
  }

  /** Generated {@code .java} files go here, in package directories. */
  public Path javaOutputDirectory() {
    return javaOutputDirectory;
  }

  /** Generated class-path resources ({@code META-INF/streamgen/...}) go here. */
  public Path resourceOutputDirectory() {
    return resourceOutputDirectory;
  }

  /** {@code avro/}, {@code proto/}, {@code json-schema/} and {@code manifest.json} go here. */
  public Path schemaOutputDirectory() {
    return schemaOutputDirectory;
  }

  /** The event types that get a typed event class (default: all). */
  public TypedClasses typedClasses() {
    return typedClasses;
  }

  /** Builds a {@link CompileRequest}. */
  public static final class Builder {
    private final List<Path> sources = new ArrayList<>();
    private String javaPackage = DEFAULT_JAVA_PACKAGE;
    private Path javaOutputDirectory;
    private Path resourceOutputDirectory;
    private Path schemaOutputDirectory;
    private TypedClasses typedClasses = TypedClasses.ALL;

    private Builder() {}

    /** Replaces the sources. */
    public Builder sources(List<Path> sources) {
      this.sources.clear();
      for (Path p : sources) {
        this.sources.add(Objects.requireNonNull(p, "source"));
      }
      return this;
    }

    public Builder javaPackage(String javaPackage) {
      Objects.requireNonNull(javaPackage, "javaPackage");
      if (!PACKAGE.matcher(javaPackage).matches()
          || java.util.Arrays.stream(javaPackage.split("\\.")).anyMatch(Identifiers.JAVA_KEYWORDS::contains)) {
        throw new IllegalArgumentException(
            "java package '" + javaPackage + "' is not a valid package name (e.g. com.example.events)");
      }
      this.javaPackage = javaPackage;
      return this;
    }

    public Builder javaOutputDirectory(Path dir) {
      this.javaOutputDirectory = dir;
      return this;
    }

    public Builder resourceOutputDirectory(Path dir) {
      this.resourceOutputDirectory = dir;
      return this;
    }

    public Builder schemaOutputDirectory(Path dir) {
      this.schemaOutputDirectory = dir;
      return this;
    }

    public Builder typedClasses(TypedClasses typedClasses) {
      this.typedClasses = Objects.requireNonNull(typedClasses, "typedClasses");
      return this;
    }

    public CompileRequest build() {
      return new CompileRequest(this);
    }
  }
}
