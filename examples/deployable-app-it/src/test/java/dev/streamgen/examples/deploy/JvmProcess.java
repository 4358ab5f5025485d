package dev.streamgen.examples.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One JVM the tests start (a Spark master, worker or spark-submit), its output in a log file. Closing
 * stops it and every process it spawned (a worker's executors), so nothing outlives the test.
 */
final class JvmProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private JvmProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Waits until {@code ready} holds. Fails with the log's tail if the process dies first, or when
   * {@code hangGuard} passes: that bound only turns a hang into a failure, it measures nothing.
   */
  void awaitReady(String what, BooleanSupplier ready, Duration hangGuard) throws InterruptedException {
    long deadline = System.nanoTime() + hangGuard.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before " + what + "\n" + tail(80));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + ": no " + what + " after " + hangGuard.toSeconds() + " s\n" + tail(80));
      }
      Thread.sleep(200);
    }
  }

  /** Waits for the process to end (same hang guard semantics); returns its exit code. */
  int awaitExit(Duration hangGuard) throws InterruptedException {
    if (!process.waitFor(hangGuard.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          name + " still running after " + hangGuard.toSeconds() + " s\n" + tail(80));
    }
    return process.exitValue();
  }

  String readLog() {
    try {
      return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The last {@code lines} lines of the log, headed by the process name. */
  String tail(int lines) {
    return tailOf(name, readLog(), lines);
  }

  static String tailOf(String title, String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines);
    StringBuilder out = new StringBuilder("----- ").append(title).append(" (last ")
        .append(all.length - from).append(" of ").append(all.length).append(" lines) -----\n");
    for (int i = from; i < all.length; i++) {
      out.append(all[i]).append('\n');
    }
    return out.toString();
  }

  /** Stops the process tree: children first (a worker's executors), politely, then by force. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException alreadyGone) {
      // The process ended and closed its end of the pipe.
    }
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    for (ProcessHandle p : tree) {
      p.destroy();
    }
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception timeoutOrInterrupt) {
        p.destroyForcibly();
      }
    }
  }

  static final class Builder {
    private final String name;
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private final List<String> jvmOptions = new ArrayList<>();
    private String classpath;
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workDir;
    private Path log;

    private Builder(String name) {
      this.name = name;
    }

    Builder javaHome(Path javaHome) {
      this.javaHome = javaHome;
      return this;
    }

    Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    Builder classpath(String classpath) {
      this.classpath = classpath;
      return this;
    }

    Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    Builder args(List<String> values) {
      args.addAll(values);
      return this;
    }

    Builder env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    Builder log(Path file) {
      this.log = file;
      return this;
    }

    JvmProcess start() throws IOException {
      if (classpath == null || mainClass == null || workDir == null || log == null) {
        throw new IllegalStateException(name + ": classpath, mainClass, workDir and log are required");
      }
      List<String> command = new ArrayList<>();
      command.add(javaHome.resolve("bin").resolve("java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(classpath);
      command.add(mainClass);
      command.addAll(args);
      Files.createDirectories(workDir);
      Files.createDirectories(log.getParent());
      Files.writeString(log, "$ " + String.join(" ", command) + "\n");
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // stdin stays an open pipe that nobody writes to: it closes when this JVM dies, however it dies.

      pb.environment().putAll(env);
      return new JvmProcess(name, pb.start(), log);
    }
  }
}
