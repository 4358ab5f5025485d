package dev.streamgen.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * A real schema registry with Confluent's REST API: Apicurio Registry 2.6 (data in memory) in its own
 * JVM on 127.0.0.1 and a free port, started from the runner jar of {@code
 * io.apicurio:apicurio-registry-app:<version>:tar.gz:all}, which the build of the module whose tests
 * use it unpacks (its path in the system property {@value #RUNNER_PROPERTY}).
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start()) {
 *   String url = registry.confluentUrl();          // http://127.0.0.1:40123/apis/ccompat/v7
 *   registry.put("/config", "{\"compatibility\":\"BACKWARD\"}");
 *   String schema = registry.get("/schemas/ids/1");
 * }
 * }</pre>
 *
 * <p>Like {@link KafkaBroker}, the server JVM exits when the JVM that started it dies ({@link
 * ParentWatch}). Differences from Confluent's registry that tests meet: default compatibility NONE,
 * failed checks answer {@code reason}, no {@code /schemas/ids/{id}/subjects}.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  /** System property: the path of {@code apicurio-registry-app-<version>-runner.jar}. */
  public static final String RUNNER_PROPERTY = "streamgen.schema.registry.runner";
  /** The Confluent-compatible API, under the server's root. */
  public static final String CONFLUENT_API = "/apis/ccompat/v7";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private final Path log;
  private final int port;
  private Process process;
  private OutputStream lifeline;

  private SchemaRegistryServer(Path log, int port) {
    this.log = log;
    this.port = port;
  }

  /** Starts a fresh registry and returns once its Confluent API answers. */
  public static SchemaRegistryServer start() {
    String runner = System.getProperty(RUNNER_PROPERTY);
    if (runner == null || !Files.isRegularFile(Paths.get(runner))) {
      throw new IllegalStateException(
          "system property " + RUNNER_PROPERTY + " must name Apicurio's runner jar (is: " + runner + "); the"
              + " module's build unpacks io.apicurio:apicurio-registry-app:tar.gz:all into target/");
    }
    try {
      SchemaRegistryServer server =
          new SchemaRegistryServer(Files.createTempFile("streamgen-schema-registry-", ".log"), freePort());
      server.launch(Paths.get(runner).toAbsolutePath());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the schema registry", e);
    }
  }

  /** The base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:40123/apis/ccompat/v7}. */
  public String confluentUrl() {
    return "http://127.0.0.1:" + port + CONFLUENT_API;
  }

  /** GET {@code path} under {@link #confluentUrl()}; the body, failing unless 200. */
  public String get(String path) {
    return call("GET", path, null);
  }

  /** PUT {@code json} to {@code path} under {@link #confluentUrl()}; the body, failing unless 200. */
  public String put(String path, String json) {
    return call("PUT", path, json);
  }

  /** POST {@code json} to {@code path} under {@link #confluentUrl()}; the body, failing unless 200. */
  public String post(String path, String json) {
    return call("POST", path, json);
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server: its data (in memory) is gone. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        lifeline.close();
      } catch (IOException ignored) {
        // The process is gone.
      }
      process = null;
    }
  }

  private void launch(Path runner) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-cp");
    // The runner's manifest Class-Path (lib/...) applies as well when it is on -cp.
    command.add(runner + File.pathSeparator + testkitLocation());
    command.add(ParentWatch.class.getName());
    command.add(mainClass(runner));
    process =
        new ProcessBuilder(command)
            .directory(runner.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    lifeline = process.getOutputStream();
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "schema-registry-shutdown"));
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the schema registry JVM exited with code " + process.exitValue() + " while starting" + logTail());
      }
      try {
        if (status("GET", "/subjects") == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the schema registry did not answer within " + START_TIMEOUT + logTail());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the schema registry", e);
      }
    }
  }

  private int status(String method, String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(confluentUrl() + path).openConnection();
    try {
      c.setRequestMethod(method);
      c.setConnectTimeout(1000);
      c.setReadTimeout(10_000);
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  private String call(String method, String path, String json) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(confluentUrl() + path).openConnection();
      try {
        c.setRequestMethod(method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(30_000);
        if (json != null) {
          c.setDoOutput(true);
          c.setRequestProperty("Content-Type", "application/vnd.schemaregistry.v1+json");
          try (OutputStream out = c.getOutputStream()) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
          }
        }
        int status = c.getResponseCode();
        InputStream in = status == 200 ? c.getInputStream() : c.getErrorStream();
        String body = in == null ? "" : new String(readAll(in), StandardCharsets.UTF_8);
        if (status != 200) {
          throw new IllegalStateException(method + " " + path + ": HTTP " + status + " " + body);
        }
        return body;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (InputStream i = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      i.transferTo(out);
      return out.toByteArray();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return " (no log: " + e + ")";
    }
  }

  private static String mainClass(Path runner) throws IOException {
    try (JarFile jar = new JarFile(runner.toFile())) {
      return jar.getManifest().getMainAttributes().getValue("Main-Class");
    }
  }

  private static String testkitLocation() {
    try {
      return Paths.get(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
