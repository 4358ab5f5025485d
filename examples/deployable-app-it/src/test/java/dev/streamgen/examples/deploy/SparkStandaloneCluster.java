package dev.streamgen.examples.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamgen.testkit.ParentWatch;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback: a master and one small worker, each its own JVM started
 * from a {@link SparkHome}, plus the spark-submit JVMs run against it. Executors are started by the
 * worker, so a submitted jar runs exactly as on a real cluster: shipped to the executor, loaded by
 * its class loader, never on the test's class path.
 */
final class SparkStandaloneCluster implements AutoCloseable {
  /** Bounds for hangs only; nothing is timed against them. */
  static final Duration START_HANG_GUARD = Duration.ofMinutes(3);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkHome home;
  private final Path dir;
  private final int masterPort;
  private final int masterUiPort;
  private final List<JvmProcess> processes = new ArrayList<>();

  private SparkStandaloneCluster(SparkHome home, Path dir) {
    this.home = home;
    this.dir = dir;
    this.masterPort = freePort();
    this.masterUiPort = freePort();
  }

  /** Starts master and worker and returns once the master reports the worker ALIVE. */
  static SparkStandaloneCluster start(SparkHome home, Path dir, int workerCores, String workerMemory)
      throws IOException, InterruptedException {
    SparkStandaloneCluster cluster = new SparkStandaloneCluster(home, dir);
    try {
      cluster.startMaster();
      cluster.startWorker(workerCores, workerMemory);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      String logs = cluster.diagnostics();
      cluster.close();
      throw new IllegalStateException("the Spark cluster did not start\n" + logs, e);
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  Path workerDir() {
    return dir.resolve("worker");
  }

  private void startMaster() throws IOException, InterruptedException {
    JvmProcess master = spark("master", "org.apache.spark.deploy.master.Master", "-Xmx512m",
        Arrays.asList("--host", "127.0.0.1", "--port", String.valueOf(masterPort),
            "--webui-port", String.valueOf(masterUiPort)));
    master.awaitReady("master ALIVE", () -> "ALIVE".equals(masterState().path("status").asText()),
        START_HANG_GUARD);
  }

  private void startWorker(int cores, String memory) throws IOException, InterruptedException {
    JvmProcess worker = spark("worker", "org.apache.spark.deploy.worker.Worker", "-Xmx512m",
        Arrays.asList("--host", "127.0.0.1", "--port", String.valueOf(freePort()),
            "--webui-port", String.valueOf(freePort()), "--cores", String.valueOf(cores),
            "--memory", memory, "--work-dir", workerDir().toString(), masterUrl()));
    worker.awaitReady("worker registered", () -> masterState().path("aliveworkers").asInt() >= 1,
        START_HANG_GUARD);
  }

  /** The master's /json/ status page, or an empty node while it is not answering yet. */
  JsonNode masterState() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
              .timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    } catch (IOException notUpYet) {
      return JSON.createObjectNode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JSON.createObjectNode();
    }
  }

  /**
   * Starts {@code spark-submit} (client mode: the driver runs in that JVM, tasks only on the
   * worker's executor) with {@code args} after the master URL; returns the running process.
   */
  JvmProcess submit(String name, List<String> args) throws IOException {
    List<String> all = new ArrayList<>(Arrays.asList("--master", masterUrl(), "--deploy-mode", "client"));
    all.addAll(args);
    return spark(name, "org.apache.spark.deploy.SparkSubmit", "-Xmx1g", all);
  }

  /**
   * Starts one Spark JVM under {@link ParentWatch}, so it exits (a worker taking its executors with
   * it) even if the test JVM is killed before {@link #close()} runs.
   */
  private JvmProcess spark(String name, String mainClass, String heap, List<String> args)
      throws IOException {
    List<String> options = new ArrayList<>();
    options.add(heap);
    options.addAll(home.addOpens());
    List<String> watched = new ArrayList<>();
    watched.add(mainClass);
    watched.addAll(args);
    JvmProcess p = JvmProcess.builder(name)
        .javaHome(home.javaHome())
        .jvmOptions(options)
        .classpath(home.classpath() + File.pathSeparator + parentWatchClasses())
        .mainClass(ParentWatch.class.getName())
        .args(watched)
        .env(home.env())
        .workDir(dir.resolve(name))
        .log(dir.resolve("logs").resolve(name + ".log"))
        .start();
    processes.add(p);
    return p;
  }

  /** stderr files of every executor the worker launched ({@code work/<app>/<executor>/stderr}). */
  List<Path> executorLogs() {
    if (!Files.isDirectory(workerDir())) {
      return new ArrayList<>();
    }
    try (Stream<Path> files = Files.walk(workerDir(), 3)) {
      return files.filter(p -> p.getFileName().toString().equals("stderr")).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Tails of every log: master, worker, submits and executors, for a failure message. */
  String diagnostics() {
    StringBuilder out = new StringBuilder();
    for (JvmProcess p : processes) {
      out.append(p.tail(60));
    }
    for (Path log : executorLogs()) {
      out.append(JvmProcess.tailOf("executor " + workerDir().relativize(log), read(log), 60));
    }
    return out.toString();
  }

  /** Stops submits, worker (and its executors), then master. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  /** A directory holding only ParentWatch's class, so nothing else of the tests joins Spark's class path. */
  private Path parentWatchClasses() throws IOException {
    String resource = ParentWatch.class.getName().replace('.', '/') + ".class";
    Path dest = dir.resolve("parent-watch").resolve(resource);
    if (!Files.exists(dest)) {
      Files.createDirectories(dest.getParent());
      try (InputStream in = ParentWatch.class.getClassLoader().getResourceAsStream(resource)) {
        Files.copy(in, dest);
      }
    }
    return dir.resolve("parent-watch");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
