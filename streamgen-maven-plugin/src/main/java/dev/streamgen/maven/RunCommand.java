package dev.streamgen.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The command line of a local run: {@code java}, the JVM flags Spark needs on Java 17, the project's
 * classpath (with its provided dependencies, so Spark and Delta are there) and {@code Main}'s flags. Immutable;
 * built with {@link #builder()}.
 */
final class RunCommand {
  /** The job's main class (streamgen-runtime). */
  static final String MAIN = "dev.streamgen.runtime.Main";

  /**
   * Spark 3.5 reaches into JDK internals that Java 17 closes; these are the flags spark-submit adds
   * (and this build gives its own tests: the root pom's spark.add.opens, compared by a test).
   */
  static final List<String> ADD_OPENS =
      Collections.unmodifiableList(
          Arrays.asList(
              "--add-opens=java.base/java.lang=ALL-UNNAMED",
              "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
              "--add-opens=java.base/java.nio=ALL-UNNAMED",
              "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
              "--add-opens=java.base/java.util=ALL-UNNAMED",
              "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
              "--add-opens=java.base/java.net=ALL-UNNAMED",
              "--add-opens=java.base/java.io=ALL-UNNAMED",
              "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
              "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
              "--add-opens=java.base/sun.security.action=ALL-UNNAMED"));

  private final String java;
  private final List<String> jvmOptions;
  private final List<String> classpath;
  private final List<String> mainArguments;

  private RunCommand(Builder b) {
    this.java = Objects.requireNonNull(b.java, "java");
    this.jvmOptions = Collections.unmodifiableList(new ArrayList<>(b.jvmOptions));
    this.classpath = Collections.unmodifiableList(new ArrayList<>(b.classpath));
    this.mainArguments = Collections.unmodifiableList(new ArrayList<>(b.mainArguments));
    if (classpath.isEmpty()) {
      throw new IllegalArgumentException("the classpath is empty: run streamgen:run in a project that has compiled");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** The arguments {@code Main} receives. */
  List<String> mainArguments() {
    return mainArguments;
  }

  /** The whole command: java, JVM flags, -cp, Main and its arguments. */
  List<String> command() {
    List<String> c = new ArrayList<>();
    c.add(java);
    c.addAll(ADD_OPENS);
    c.addAll(jvmOptions);
    c.add("-cp");
    c.add(String.join(File.pathSeparator, classpath));
    c.add(MAIN);
    c.addAll(mainArguments);
    return c;
  }

  /** Collects a run's parts; flags are added only when set, so Main's defaults apply otherwise. */
  static final class Builder {
    private String java;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> classpath = new ArrayList<>();
    private final List<String> mainArguments = new ArrayList<>();

    private Builder() {}

    Builder java(String executable) {
      this.java = executable;
      return this;
    }

    /** Extra JVM options, e.g. {@code -Xmx4g -Dspark.master=local[2]}, split at whitespace. */
    Builder jvmOptions(String options) {
      if (options != null) {
        for (String o : options.trim().split("\\s+")) {
          if (!o.isEmpty()) {
            jvmOptions.add(o);
          }
        }
      }
      return this;
    }

    Builder classpath(List<String> elements) {
      classpath.addAll(elements);
      return this;
    }

    Builder rows(Long rows) {
      return flag("--rows", rows);
    }

    Builder duration(String duration) {
      return flag("--duration", duration);
    }

    Builder seed(Long seed) {
      return flag("--seed", seed);
    }

    Builder config(File config) {
      return flag("--config", config);
    }

    Builder catalog(String catalog) {
      return flag("--catalog", catalog);
    }

    Builder secretsFile(File file) {
      return flag("--secrets-file", file);
    }

    Builder progressInterval(Integer seconds) {
      return flag("--progress-interval", seconds);
    }

    /** {@code key.path=value} overrides, in order. */
    Builder sets(List<String> sets) {
      if (sets != null) {
        for (String s : sets) {
          if (s != null && !s.trim().isEmpty()) {
            mainArguments.add("--set");
            mainArguments.add(s.trim());
          }
        }
      }
      return this;
    }

    Builder dryRun(boolean dryRun) {
      return dryRun ? switchFlag("--dry-run") : this;
    }

    Builder verbose(boolean verbose) {
      return verbose ? switchFlag("--verbose") : this;
    }

    private Builder flag(String flag, Object value) {
      if (value != null && !value.toString().trim().isEmpty()) {
        mainArguments.add(flag);
        mainArguments.add(value.toString().trim());
      }
      return this;
    }

    private Builder switchFlag(String flag) {
      mainArguments.add(flag);
      return this;
    }

    RunCommand build() {
      return new RunCommand(this);
    }
  }
}
