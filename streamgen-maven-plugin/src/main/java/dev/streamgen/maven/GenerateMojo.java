package dev.streamgen.maven;

import dev.streamgen.compiler.CompileResult;
import dev.streamgen.compiler.Compiler;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Compiles streamgen event definitions (the YAML files under {@code src/main/streamgen}) into Java
 * sources, resources and schemas, and adds them to the build.
 *
 * <p>The generated sources are added as a compile source root, the generated resources (the catalog
 * index and run-time defaults) as a resource directory, and the schemas ({@code .avsc},
 * {@code .proto}, JSON Schema, manifest) are attached as an artifact with classifier
 * {@code schemas}. When neither the YAML files, the plugin nor any parameter changed since the last
 * successful run, nothing is regenerated.
 */
// This class only adapts Maven to Compiler: the parameters are copied into an immutable Generation
// (what to compile, and the incremental-build digest); the cache, archive and messages live beside it.
@Mojo(
    name = "generate",
    defaultPhase = LifecyclePhase.GENERATE_SOURCES,
    threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

  /**
   * Directory holding the YAML event definitions.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "streamgen.sourceDirectory",
      defaultValue = "${project.basedir}/src/main/streamgen",
      required = true)
  private File sourceDirectory;

  /**
   * Ant-style patterns, relative to {@code sourceDirectory}, of the files to compile. Defaults to
   * {@code **}{@code /*.yaml} and {@code **}{@code /*.yml}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.includes")
  private List<String> includes;

  /**
   * Ant-style patterns, relative to {@code sourceDirectory}, of files to leave out even when an
   * include matches them.
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.excludes")
  private List<String> excludes;

  /**
   * Java package of the generated classes.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "streamgen.javaPackage",
      defaultValue = Generation.DEFAULT_JAVA_PACKAGE,
      required = true)
  private String javaPackage;

  /**
   * Which event types get a typed event class (fields, {@code generate}, writers): {@code all},
   * {@code none}, or event type ids separated by commas, {@code *} matching any characters
   * ({@code user.*,order.created}). The streamgen source, the typed DataFrames and the schemas cover
   * every type either way; leaving the classes out makes catalogs of 100,000 types build in minutes.
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.typedClasses", defaultValue = "all", required = true)
  private String typedClasses;

  /**
   * Directory the generated Java sources are written to; added to the project's compile source
   * roots.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "streamgen.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/streamgen",
      required = true)
  private File outputDirectory;

  /**
   * Directory the generated resources are written to (the catalog index
   * {@code META-INF/streamgen/catalogs} and the run-time defaults); added to the project's resources.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "streamgen.resourceOutputDirectory",
      defaultValue = "${project.build.directory}/generated-resources/streamgen",
      required = true)
  private File resourceOutputDirectory;

  /**
   * Directory the generated schemas are written to: one {@code .avsc} and one JSON Schema per event
   * type, one {@code .proto} for all types, and a manifest with fingerprints.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "streamgen.schemaOutputDirectory",
      defaultValue = "${project.build.directory}/streamgen-schemas",
      required = true)
  private File schemaOutputDirectory;

  /**
   * Whether to package the schemas into {@code <finalName>-schemas.jar} and attach it to the
   * project with classifier {@code schemas}, so {@code install} and {@code deploy} publish it.
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.attachSchemas", defaultValue = "true")
  private boolean attachSchemas;

  /**
   * Entry timestamp of the schemas archive, for reproducible builds: an ISO-8601 instant or seconds
   * since the epoch. Without one, a fixed instant (1980-01-01T00:00:02Z) is used.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = "streamgen.outputTimestamp",
      defaultValue = "${project.build.outputTimestamp}")
  private String outputTimestamp;

  /**
   * Skips this goal: nothing is generated, no source root is added and no schemas are attached.
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  private final MavenProjectHelper projectHelper;

  @Inject
  public GenerateMojo(MavenProjectHelper projectHelper) {
    this.projectHelper = projectHelper;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("streamgen: skipped (streamgen.skip=true)");
      return;
    }
    Optional<Generation> generation = generation();
    if (generation.isEmpty()) {
      getLog().warn("streamgen: no event definitions in " + sourceDirectory + " match "
          + includesOrDefault() + ", nothing to generate");
      return;
    }
    BuildCache cache = new BuildCache(Path.of(project.getBuild().getDirectory(),
        "streamgen-cache", mojoExecution.getExecutionId() + ".cache"));
    try {
      String digest = generation.get().digest();
      Optional<BuildRecord> previous = cache.read();
      if (previous.isPresent() && previous.get().isUpToDate(digest)) {
        getLog().info("streamgen: " + previous.get().summary() + ", up to date");
      } else {
        BuildRecord record = regenerate(generation.get(), digest, previous, cache);
        getLog().info("streamgen: " + record.summary()
            + ", generated " + plural(record.outputs().size(), "file"));
      }
    } catch (IOException e) {
      // e.g. NoSuchFileException's message is the bare path: name the exception too.
      throw new MojoExecutionException("streamgen: generation failed: " + e, e);
    }
    addToProject(generation.get());
  }

  /** The parameters as one immutable value; empty when no file matches. */
  private Optional<Generation> generation() throws MojoExecutionException, MojoFailureException {
    try {
      List<Path> sources = SourceSelection.builder()
          .directory(sourceDirectory.toPath())
          .includes(includesOrDefault())
          .excludes(excludes == null ? List.of() : excludes)
          .build()
          .files();
      if (sources.isEmpty()) {
        return Optional.empty();
      }
      Path archive = Path.of(project.getBuild().getDirectory(),
          project.getBuild().getFinalName() + "-" + SchemaArchive.CLASSIFIER + ".jar");
      return Optional.of(Generation.builder()
          .sourceDirectory(sourceDirectory.toPath())
          .sources(sources)
          .includes(includesOrDefault())
          .excludes(excludes == null ? List.of() : excludes)
          .javaPackage(javaPackage)
          .typedClasses(typedClasses)
          .javaOutputDirectory(outputDirectory.toPath())
          .resourceOutputDirectory(resourceOutputDirectory.toPath())
          .schemaOutputDirectory(schemaOutputDirectory.toPath())
          .schemaArchive(attachSchemas ? Optional.of(archive) : Optional.empty())
          .archiveTimestamp(SchemaArchive.timestamp(outputTimestamp))
          .pluginFingerprint(PluginFingerprint.of(plugin))
          .build());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("streamgen: invalid configuration: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("streamgen: cannot read " + sourceDirectory + ": " + e, e);
    }
  }

  private List<String> includesOrDefault() {
    return includes == null || includes.isEmpty() ? Generation.DEFAULT_INCLUDES : includes;
  }

  /**
   * Regenerates everything. The cache goes first and the previous outputs next (so a removed event
   * type leaves no stale class behind); the new cache is written only once every output is.
   */
  private BuildRecord regenerate(
      Generation generation, String digest, Optional<BuildRecord> previous, BuildCache cache)
      throws IOException, MojoExecutionException, MojoFailureException {
    cache.delete();
    if (previous.isPresent()) {
      previous.get().deleteOutputsWithin(generation.outputDirectories());
    }
    CompileResult result;
    try {
      result = Compiler.compile(generation.toCompileRequest());
    } catch (IllegalArgumentException e) {
      // The request does not fit the YAML (typedClasses naming no event type): the user's to fix.
      throw new MojoFailureException("streamgen: invalid configuration: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("streamgen: the compiler failed unexpectedly: " + e, e);
    }
    if (!result.success()) {
      throw new MojoFailureException(GenerationFailure.configErrors(result.errors()));
    }
    List<Path> outputs = new ArrayList<>(result.generatedFiles());
    if (generation.schemaArchive().isPresent()) {
      SchemaArchive.write(generation.schemaOutputDirectory(), generation.schemaArchive().get(),
          generation.archiveTimestamp());
      outputs.add(generation.schemaArchive().get());
    }
    BuildRecord record = BuildRecord.builder()
        .digest(digest)
        .eventTypes(eventTypes(result))
        .sourceFiles(generation.sources().size())
        .outputs(outputs)
        .build();
    cache.write(record);
    return record;
  }

  /** Needed on every build, up to date or not: the project model is rebuilt each time. */
  private void addToProject(Generation generation) {
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    Resource resources = new Resource();
    resources.setDirectory(resourceOutputDirectory.getAbsolutePath());
    project.addResource(resources);
    if (generation.schemaArchive().isPresent()) {
      projectHelper.attachArtifact(
          project, "jar", SchemaArchive.CLASSIFIER, generation.schemaArchive().get().toFile());
    }
  }

  /**
   * The compiler writes exactly one {@code avro/<event_type_id>.avsc} per event type
   * (docs/formats.md), and CompileResult reports no count of its own; the ITs check the number.
   */
  private static int eventTypes(CompileResult result) {
    int avsc = 0;
    for (Path file : result.generatedFiles()) {
      if (file.getFileName().toString().endsWith(".avsc")) {
        avsc++;
      }
    }
    return avsc;
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
