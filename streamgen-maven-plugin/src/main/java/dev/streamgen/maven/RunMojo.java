package dev.streamgen.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs the streamgen job of this project locally: compiles the project first (so the catalog is
 * generated and compiled), then starts {@code dev.streamgen.runtime.Main} in a JVM of its own with
 * the project's classpath (compile, provided and runtime dependencies: Spark and Delta are {@code provided}) and the JVM
 * flags Spark needs on Java 17. Its output is the job's own; Ctrl-C stops the job, which stops Spark
 * through its shutdown hooks.
 *
 * <p>{@code mvn streamgen:run -Dstreamgen.rows=1000 -Dstreamgen.set=sink_config.type=console}
 */
// Thin: the parameters become an immutable RunCommand; this class starts it and maps the exit status.
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public final class RunMojo extends AbstractMojo {
  /** How long a stopped build waits for the job to stop Spark and end. */
  private static final long STOP_SECONDS = 60;

  /**
   * Write a batch of this many rows ({@code --rows}; sets {@code generation_mode=batch}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.rows")
  private Long rows;

  /**
   * Stream for this long, then stop ({@code --duration}: seconds, or {@code 30s}, {@code 5m},
   * {@code 2h}; sets {@code generation_mode=streaming}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.duration")
  private String duration;

  /**
   * The run seed ({@code --seed}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.seed")
  private Long seed;

  /**
   * Settings overrides by YAML path ({@code --set}), e.g. {@code sink_config.type=console}. On the
   * command line, comma-separated: {@code -Dstreamgen.set=sink_config.type=delta,sink_config.path=/tmp/events};
   * a value that holds a comma goes in a {@code <set>} element of the configuration or in a
   * {@code config} file.
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.set")
  private List<String> set;

  /**
   * A settings YAML layered over the compiled one ({@code --config}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.config")
  private File config;

  /**
   * The generated catalog class ({@code --catalog}); default: the only one in the project.
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.catalog")
  private String catalog;

  /**
   * Java properties holding secrets for {@code {{secrets/scope/key}}} ({@code --secrets-file}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.secretsFile")
  private File secretsFile;

  /**
   * Seconds between progress lines ({@code --progress-interval}; the job's default is 10).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.progressInterval")
  private Integer progressInterval;

  /**
   * Check flags, settings, secrets and sink options, print the run, start nothing ({@code --dry-run}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.dryRun", defaultValue = "false")
  private boolean dryRun;

  /**
   * On failure, also print the stack trace ({@code --verbose}).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.verbose", defaultValue = "false")
  private boolean verbose;

  /**
   * Extra options for the job's JVM, separated by spaces, e.g. {@code -Xmx4g -Dspark.master=local[2]}
   * (Spark reads {@code spark.*} system properties as its configuration).
   *
   * @since 0.1.0
   */
  @Parameter(property = "streamgen.jvmArgs")
  private String jvmArgs;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    RunCommand command;
    try {
      command =
          RunCommand.builder()
              .java(Paths.get(System.getProperty("java.home"), "bin", "java").toString())
              .jvmOptions(jvmArgs)
              .classpath(classpath())
              .rows(rows)
              .duration(duration)
              .seed(seed)
              .sets(set)
              .config(config)
              .catalog(catalog)
              .secretsFile(secretsFile)
              .progressInterval(progressInterval)
              .dryRun(dryRun)
              .verbose(verbose)
              .build();
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("streamgen: " + e.getMessage(), e);
    }
    getLog().info("streamgen: running " + RunCommand.MAIN + " " + String.join(" ", command.mainArguments()));
    int status = run(command, project.getBasedir());
    if (status == 2) {
      throw new MojoFailureException("streamgen: bad flags or settings (exit status 2, nothing was written); see the messages above");
    }
    if (status != 0) {
      throw new MojoFailureException("streamgen: the run failed (exit status " + status + "); see the messages above");
    }
  }

  /**
   * The project's classes and every dependency but test ones: compile, provided (Spark, Delta) and
   * runtime (what those bring only at run time, e.g. Hadoop's client API under Spark 3.5).
   */
  private List<String> classpath() {
    List<String> elements = new ArrayList<>();
    elements.add(project.getBuild().getOutputDirectory());
    for (Artifact a : project.getArtifacts()) {
      if (!Artifact.SCOPE_TEST.equals(a.getScope()) && a.getFile() != null) {
        elements.add(a.getFile().getPath());
      }
    }
    getLog().debug("streamgen: run classpath " + elements);
    return elements;
  }

  /** Starts the job in the project's directory (relative paths in settings are the project's). */
  private static int run(RunCommand command, File directory) throws MojoExecutionException {
    Process job;
    try {
      job = new ProcessBuilder(command.command()).directory(directory).inheritIO().start();
    } catch (IOException e) {
      throw new MojoExecutionException("could not start the job's JVM: " + e.getMessage(), e);
    }
    // Ctrl-C reaches the job too (same process group); this covers a build stopped any other way.
    Thread stop = new Thread(() -> stop(job), "streamgen-run-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      return job.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(job);
      throw new MojoExecutionException("interrupted while the job ran; it was stopped");
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down: the hook is running.
      }
    }
  }

  /** Asks the job to end (its shutdown hooks stop Spark), then forces it after {@link #STOP_SECONDS}. */
  private static void stop(Process job) {
    if (!job.isAlive()) {
      return;
    }
    job.destroy();
    try {
      if (!job.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        job.destroyForcibly();
      }
    } catch (InterruptedException e) {
      job.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
