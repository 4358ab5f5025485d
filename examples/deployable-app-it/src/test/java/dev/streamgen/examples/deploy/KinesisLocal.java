package dev.streamgen.examples.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The kinesis-local emulator (npm, kinesis-mock for Node) started the way the runtime's Kinesis
 * tests start it (the same fixture as streamgen-runtime-it's; test sources are not shared between
 * modules): {@code npm install kinesis-local@0.6.2} into {@code target/kinesis-local} when missing,
 * {@code node -r loopback.js main.js} on free loopback ports, ready once ListStreams answers;
 * stopped on {@link #close}. A machine without Node.js and npm fails with a message saying so. Its
 * read-back client is the AWS SDK of this module's class path: the test cluster's SDK, not the app's.
 */
final class KinesisLocal implements AutoCloseable {
  static final String PACKAGE = "kinesis-local";
  static final String VERSION = "0.6.2";
  static final String REGION = "us-east-1";
  static final String ACCESS_KEY_ID = "streamgen-test-key";
  static final String SECRET_ACCESS_KEY = "streamgen-test-secret";

  private final Process process;
  private final int port;
  private final Path log;
  private final KinesisClient client;

  private KinesisLocal(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.client =
        KinesisClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(URI.create(endpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  static KinesisLocal start() {
    Path installDir =
        Paths.get(System.getProperty("streamgen.kinesisLocal.dir", "target/kinesis-local")).toAbsolutePath();
    Path packageDir = install(installDir);
    int port = freePort();
    int tlsPort = freePort();
    Path log = installDir.resolve("emulator-" + port + ".log");
    Path preload = installDir.resolve("loopback.js");
    try (InputStream in = KinesisLocal.class.getResourceAsStream("/kinesis-local/loopback.js")) {
      Files.copy(in, preload, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + preload, e);
    }
    ProcessBuilder pb =
        new ProcessBuilder("node", "-r", preload.toString(), "main.js")
            .directory(packageDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
    env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
    env.put("LOG_LEVEL", "WARN");
    env.put("AWS_REGION", REGION);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run 'node' to start the Kinesis emulator; this test needs Node.js on the PATH", e);
    }
    KinesisLocal emulator = new KinesisLocal(process, port, log);
    emulator.awaitReady();
    return emulator;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Every record of every shard of {@code stream}, from the start, with the plain AWS SDK. */
  List<Record> readAll(String stream) {
    List<Record> out = new ArrayList<>();
    List<Shard> shards = client.listShards(b -> b.streamName(stream)).shards();
    for (Shard shard : shards) {
      String iterator =
          client
              .getShardIterator(
                  b -> b.streamName(stream).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      while (iterator != null) {
        String it = iterator;
        GetRecordsResponse r = client.getRecords(b -> b.shardIterator(it).limit(10_000));
        out.addAll(r.records());
        if (r.records().isEmpty()) {
          break; // the emulator holds everything already: an empty page is the end of the shard
        }
        iterator = r.nextShardIterator();
      }
    }
    return out;
  }

  @Override
  public void close() {
    client.close();
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Kinesis emulator exited with code " + process.exitValue() + "; its log:\n" + tail(log));
      }
      try {
        client.listStreams();
        return;
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(200); // polls for readiness; the test itself never sleeps
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException(
        "the Kinesis emulator did not answer on " + endpoint() + " within 60 s; its log:\n" + tail(log), last);
  }

  private static Path install(Path installDir) {
    Path packageDir = installDir.resolve("node_modules").resolve(PACKAGE);
    if (Files.isRegularFile(packageDir.resolve("main.js")) && version(packageDir).equals(VERSION)) {
      return packageDir;
    }
    List<String> cmd =
        List.of("npm", "install", "--prefix", installDir.toString(), "--no-audit", "--no-fund", "--no-save",
            PACKAGE + "@" + VERSION);
    Path npmLog = installDir.resolve("npm-install.log");
    try {
      Files.createDirectories(installDir);
      Process npm =
          new ProcessBuilder(cmd).directory(installDir.toFile()).redirectErrorStream(true)
              .redirectOutput(npmLog.toFile()).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException("'" + String.join(" ", cmd) + "' did not finish in 5 minutes:\n" + tail(npmLog));
      }
      if (npm.exitValue() != 0) {
        throw new IllegalStateException(
            "'" + String.join(" ", cmd) + "' failed with exit code " + npm.exitValue() + ":\n" + tail(npmLog));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run 'npm' to install the Kinesis emulator; this test needs Node.js and npm on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the Kinesis emulator", e);
    }
    return packageDir;
  }

  private static String version(Path packageDir) {
    try {
      String json = Files.readString(packageDir.resolve("package.json"));
      return json.matches("(?s).*\"version\"\\s*:\\s*\"" + VERSION.replace(".", "\\.") + "\".*") ? VERSION : "other";
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
