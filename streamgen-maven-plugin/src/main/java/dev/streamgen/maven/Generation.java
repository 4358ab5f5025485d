package dev.streamgen.maven;

import static java.util.Objects.requireNonNull;

import dev.streamgen.compiler.CompileRequest;
import dev.streamgen.compiler.TypedClasses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Everything that decides what one {@code streamgen:generate} execution produces: the selected YAML
 * files, the plugin build and every parameter. Immutable; {@link #digest()} is the incremental-build
 * key, so anything added here that can change the output must also be fed into the digest.
 */
final class Generation {
  static final String DEFAULT_JAVA_PACKAGE = "streamgen.generated";
  static final List<String> DEFAULT_INCLUDES = List.of("**/*.yaml", "**/*.yml");

  /** Bumped when the digest's layout changes, so old caches never match. */
  private static final String DIGEST_FORMAT = "streamgen-generation-digest 1";

  private final Path sourceDirectory;
  private final List<Path> sources;
  private final List<String> includes;
  private final List<String> excludes;
  private final String javaPackage;
  private final TypedClasses typedClasses;
  private final Path javaOutputDirectory;
  private final Path resourceOutputDirectory;
  private final Path schemaOutputDirectory;
  private final Optional<Path> schemaArchive;
  private final Instant archiveTimestamp;
  private final String pluginFingerprint;
  private final CompileRequest compileRequest;

  private Generation(Builder builder) {
    this.sourceDirectory = requireNonNull(builder.sourceDirectory, "sourceDirectory");
    this.sources = List.copyOf(builder.sources);
    this.includes = List.copyOf(builder.includes);
    this.excludes = List.copyOf(builder.excludes);
    this.javaPackage = requireNonNull(builder.javaPackage, "javaPackage");
    this.typedClasses = TypedClasses.parse(requireNonNull(builder.typedClasses, "typedClasses"));
    this.javaOutputDirectory = requireNonNull(builder.javaOutputDirectory, "javaOutputDirectory");
    this.resourceOutputDirectory =
        requireNonNull(builder.resourceOutputDirectory, "resourceOutputDirectory");
    this.schemaOutputDirectory = requireNonNull(builder.schemaOutputDirectory, "schemaOutputDirectory");
    this.schemaArchive = requireNonNull(builder.schemaArchive, "schemaArchive");
    this.archiveTimestamp = requireNonNull(builder.archiveTimestamp, "archiveTimestamp");
    this.pluginFingerprint = requireNonNull(builder.pluginFingerprint, "pluginFingerprint");
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a generation needs at least one source file");
    }
    // Built here so that a parameter the compiler rejects (say, javaPackage "1events") fails when
    // the configuration is read, as the user's mistake, not later as an unexpected compiler error.
    this.compileRequest = CompileRequest.builder()
        .sources(sources)
        .javaPackage(javaPackage)
        .typedClasses(typedClasses)
        .javaOutputDirectory(javaOutputDirectory)
        .resourceOutputDirectory(resourceOutputDirectory)
        .schemaOutputDirectory(schemaOutputDirectory)
        .build();
  }

  static Builder builder() {
    return new Builder();
  }

  Path sourceDirectory() {
    return sourceDirectory;
  }

  List<Path> sources() {
    return sources;
  }

  Path schemaOutputDirectory() {
    return schemaOutputDirectory;
  }

  /** Where the schemas jar goes, when schemas are attached. */
  Optional<Path> schemaArchive() {
    return schemaArchive;
  }

  Instant archiveTimestamp() {
    return archiveTimestamp;
  }

  /** The directories this generation writes into; only files inside them are ever deleted. */
  List<Path> outputDirectories() {
    return List.of(javaOutputDirectory, resourceOutputDirectory, schemaOutputDirectory);
  }

  CompileRequest toCompileRequest() {
    return compileRequest;
  }

  /**
   * SHA-256 over the plugin build, every parameter and every source file's path and bytes, each
   * length-prefixed so that no two different inputs can produce the same byte stream.
   */
  String digest() throws IOException {
    MessageDigest sha = sha256();
    update(sha, DIGEST_FORMAT);
    update(sha, "plugin", pluginFingerprint);
    update(sha, "sourceDirectory", sourceDirectory.toAbsolutePath().normalize().toString());
    update(sha, "includes", String.join("\n", includes));
    update(sha, "excludes", String.join("\n", excludes));
    update(sha, "javaPackage", javaPackage);
    update(sha, "typedClasses", typedClasses.toString());
    update(sha, "outputDirectory", javaOutputDirectory.toAbsolutePath().normalize().toString());
    update(sha, "resourceOutputDirectory",
        resourceOutputDirectory.toAbsolutePath().normalize().toString());
    update(sha, "schemaOutputDirectory",
        schemaOutputDirectory.toAbsolutePath().normalize().toString());
    update(sha, "schemaArchive",
        schemaArchive.map(p -> p.toAbsolutePath().normalize().toString()).orElse("-"));
    update(sha, "outputTimestamp", archiveTimestamp.toString());
    update(sha, "sources", Integer.toString(sources.size()));
    byte[] buffer = new byte[64 * 1024];
    for (Path source : sources) {
      update(sha, "source", sourceDirectory.relativize(source).toString().replace('\\', '/'));
      update(sha, "size", Long.toString(Files.size(source)));
      try (InputStream in = Files.newInputStream(source)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String name, String value) {
    update(sha, name);
    update(sha, value);
  }

  private static void update(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static final class Builder {
    private Path sourceDirectory;
    private List<Path> sources = List.of();
    private List<String> includes = DEFAULT_INCLUDES;
    private List<String> excludes = List.of();
    private String javaPackage = DEFAULT_JAVA_PACKAGE;
    private String typedClasses = "all";
    private Path javaOutputDirectory;
    private Path resourceOutputDirectory;
    private Path schemaOutputDirectory;
    private Optional<Path> schemaArchive = Optional.empty();
    private Instant archiveTimestamp = SchemaArchive.DEFAULT_TIMESTAMP;
    private String pluginFingerprint;

    private Builder() {}

    Builder sourceDirectory(Path sourceDirectory) {
      this.sourceDirectory = sourceDirectory;
      return this;
    }

    Builder sources(List<Path> sources) {
      this.sources = List.copyOf(sources);
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

    Builder typedClasses(String typedClasses) {
      this.typedClasses = typedClasses;
      return this;
    }

    Builder javaPackage(String javaPackage) {
      this.javaPackage = javaPackage;
      return this;
    }

    Builder javaOutputDirectory(Path javaOutputDirectory) {
      this.javaOutputDirectory = javaOutputDirectory;
      return this;
    }

    Builder resourceOutputDirectory(Path resourceOutputDirectory) {
      this.resourceOutputDirectory = resourceOutputDirectory;
      return this;
    }

    Builder schemaOutputDirectory(Path schemaOutputDirectory) {
      this.schemaOutputDirectory = schemaOutputDirectory;
      return this;
    }

    Builder schemaArchive(Optional<Path> schemaArchive) {
      this.schemaArchive = schemaArchive;
      return this;
    }

    Builder archiveTimestamp(Instant archiveTimestamp) {
      this.archiveTimestamp = archiveTimestamp;
      return this;
    }

    Builder pluginFingerprint(String pluginFingerprint) {
      this.pluginFingerprint = pluginFingerprint;
      return this;
    }

    Generation build() {
      return new Generation(this);
    }
  }
}
