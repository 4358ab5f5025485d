package dev.streamgen.runtime.reliability;

import dev.streamgen.testkit.ParentWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code dev.streamgen.runtime.Main} in a JVM of its own, on this test's class path, with its output
 * in a file: a driver the test can kill with SIGKILL. Runs under the testkit's {@link ParentWatch},
 * so an aborted test run leaves no driver behind.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts Main with {@code args}; {@code env} is added to this process's environment. */
  static ChildJvm main(List<String> args, Map<String, String> env, Path log) {
    return main(args, env, log, "classpath:dev/streamgen/runtime/job/local-log4j2.properties");
  }

  /** As {@link #main(List, Map, Path)}, logging with the log4j2 configuration at {@code logConfig}. */
  static ChildJvm main(List<String> args, Map<String, String> env, Path log, String logConfig) {
    return main(new ArrayList<>(), args, env, log, logConfig);
  }

  /** As {@link #main(List, Map, Path, String)}, with {@code jvmOptions} (e.g. Spark settings as -D) added. */
  static ChildJvm main(List<String> jvmOptions, List<String> args, Map<String, String> env, Path log, String logConfig) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // Spark's --add-opens, as surefire gave them to this JVM.
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        command.add(a);
      }
    }
    command.add("-Dspark.master=local[2]");
    command.add("-Dspark.driver.host=127.0.0.1");
    command.add("-Dspark.driver.bindAddress=127.0.0.1");
    command.add("-Dspark.ui.enabled=false");
    command.add("-Dspark.sql.shuffle.partitions=2");
    command.add("-Dlog4j2.configurationFile=" + logConfig);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add(ParentWatch.class.getName());
    command.add("dev.streamgen.runtime.Main");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    try {
      return new ChildJvm(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test class path (surefire keeps the real one here when it launches through a manifest jar). */
  static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no flush, no checkpoint commit. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** The exit status, or throws when the process has not ended within {@code seconds}. */
  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("Main did not end within " + seconds + " s; output:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the output, for failure messages. */
  String tail() {
    String[] lines = output().split("\n");
    StringBuilder b = new StringBuilder();
    for (int i = Math.max(0, lines.length - 40); i < lines.length; i++) {
      b.append(lines[i]).append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }
}
