package dev.streamgen.testkit.kinesis;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The kinesis-local emulator (npm package, kinesis-mock for Node) as a test fixture: installs it
 * with npm into {@code target/kinesis-local} (or the system property {@code
 * streamgen.kinesisLocal.dir}) when missing, starts {@code node -r loopback.js main.js} on a free
 * loopback port (the preload binds it to 127.0.0.1), waits until it answers, and stops it on {@link
 * #close}. One copy for the runtime's sink tests, the end-to-end tests of streamgen-runtime-it and
 * the cluster tests of examples/deployable-app-it.
 *
 * <p>A machine without Node.js/npm fails the tests with a message saying so; nothing is skipped.
 *
 * <p>What the emulator does not do (checked in its sources, kinesis-mock 0.6.2): it never throttles
 * PutRecords (no per-shard rate limits), so throttling tests put a proxy in front.
 * It does enforce UpdateShardCount's doubling/halving rule and a total shard limit (SHARD_LIMIT,
 * raised here so tests can create many streams).
 */
public final class KinesisEmulator implements AutoCloseable {
  public static final String PACKAGE = "kinesis-local";
  public static final String VERSION = "0.6.2";
  public static final String REGION = "us-east-1";
  /** Dummy credentials: the emulator reads the key id only to pick an account. */
  public static final String ACCESS_KEY_ID = "streamgen-test-key";
  public static final String SECRET_ACCESS_KEY = "streamgen-test-secret";

  private final Process process;
  private final int port;
  private final Path log;
  private final KinesisClient client;

  private KinesisEmulator(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.client = client(endpoint());
  }

  /** Installs (if needed) and starts the emulator; fails with the reason when it cannot. */
  public static KinesisEmulator start() {
    return start(java.util.Collections.<String, String>emptyMap());
  }

  /** As {@link #start()}, with extra emulator settings (e.g. CREATE_STREAM_DURATION). */
  public static KinesisEmulator start(Map<String, String> settings) {
    Path installDir =
        Paths.get(System.getProperty("streamgen.kinesisLocal.dir", "target/kinesis-local"))
            .toAbsolutePath();
    Path packageDir = install(installDir, "npm");
    int port = freePort();
    int tlsPort = freePort();
    Path log = installDir.resolve("emulator-" + port + ".log");
    Path preload = installDir.resolve("loopback.js");
    try (InputStream in = KinesisEmulator.class.getResourceAsStream("loopback.js")) {
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
    env.put("SHARD_LIMIT", "100000");
    env.put("LOG_LEVEL", "WARN");
    env.put("AWS_REGION", REGION);
    env.putAll(settings);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run 'node' to start the Kinesis emulator; the Kinesis tests need Node.js on the"
              + " PATH (Debian: apt-get install nodejs npm)",
          e);
    }
    KinesisEmulator emulator = new KinesisEmulator(process, port, log);
    emulator.awaitReady(Duration.ofSeconds(60));
    return emulator;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A client for test setup and read-back (not the code under test's client). */
  public KinesisClient client() {
    return client;
  }

  /** The sink_config keys that point the sink at this emulator. */
  public Map<String, String> sinkOptions(String streamName) {
    return sinkOptions(streamName, endpoint());
  }

  public static Map<String, String> sinkOptions(String streamName, String endpoint) {
    Map<String, String> m = new HashMap<>();
    m.put("stream_name", streamName);
    m.put("endpoint_url", endpoint);
    m.put("region", REGION);
    m.put("aws_access_key_id", ACCESS_KEY_ID);
    m.put("aws_secret_access_key", SECRET_ACCESS_KEY);
    return m;
  }

  /** Creates a provisioned stream and waits until it is ACTIVE. */
  public void createStream(String name, int shards) {
    client.createStream(CreateStreamRequest.builder().streamName(name).shardCount(shards).build());
    awaitActive(name);
  }

  public void awaitActive(String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      StreamStatus s =
          client
              .describeStreamSummary(DescribeStreamSummaryRequest.builder().streamName(name).build())
              .streamDescriptionSummary()
              .streamStatus();
      if (s == StreamStatus.ACTIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("stream " + name + " still " + s + " after 30 s");
      }
      sleep(100);
    }
  }

  public int openShards(String name) {
    return client
        .describeStreamSummary(DescribeStreamSummaryRequest.builder().streamName(name).build())
        .streamDescriptionSummary()
        .openShardCount();
  }

  /** Every record of every shard of {@code stream}, from the start, with the plain AWS SDK. */
  public List<Record> readAll(String stream) {
    List<Record> out = new ArrayList<>();
    for (Shard shard : client.listShards(b -> b.streamName(stream)).shards()) {
      String iterator =
          client
              .getShardIterator(
                  b -> b.streamName(stream).shardId(shard.shardId())
                      .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
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

  public static KinesisClient client(String endpoint) {
    return KinesisClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Kinesis emulator exited with code " + process.exitValue() + "; its log:\n"
                + tail(log));
      }
      try {
        client.listStreams();
        return;
      } catch (RuntimeException e) {
        last = e;
      }
      sleep(200);
    }
    close();
    throw new IllegalStateException(
        "the Kinesis emulator did not answer on " + endpoint() + " within " + timeout.getSeconds()
            + " s; its log:\n" + tail(log),
        last);
  }

  /** The package folder, after {@code npm install} (with the given npm command) if it is missing. */
  public static Path install(Path installDir, String npmCommand) {
    Path packageDir = installDir.resolve("node_modules").resolve(PACKAGE);
    if (Files.isRegularFile(packageDir.resolve("main.js"))
        && Files.isRegularFile(packageDir.resolve("package.json"))
        && readVersion(packageDir).equals(VERSION)) {
      return packageDir;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(npmCommand);
    cmd.add("install");
    cmd.add("--prefix");
    cmd.add(installDir.toString());
    cmd.add("--no-audit");
    cmd.add("--no-fund");
    cmd.add("--no-save");
    cmd.add(PACKAGE + "@" + VERSION);
    Path npmLog = installDir.resolve("npm-install.log");
    try {
      Files.createDirectories(installDir);
      Process npm =
          new ProcessBuilder(cmd)
              .directory(installDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(npmLog.toFile())
              .start();
      if (!npm.waitFor(5, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException(
            "'" + String.join(" ", cmd) + "' did not finish within 5 minutes; its output:\n"
                + tail(npmLog));
      }
      if (npm.exitValue() != 0) {
        throw new IllegalStateException(
            "'" + String.join(" ", cmd) + "' failed with exit code " + npm.exitValue()
                + "; its output:\n" + tail(npmLog));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run '" + npmCommand + "' to install the Kinesis emulator (" + PACKAGE + "@"
              + VERSION + "); the"
              + " Kinesis tests need Node.js and npm on the PATH (Debian: apt-get install nodejs"
              + " npm)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the Kinesis emulator", e);
    }
    if (!Files.isRegularFile(packageDir.resolve("main.js"))) {
      throw new IllegalStateException(
          "npm installed " + PACKAGE + " but " + packageDir.resolve("main.js") + " is missing");
    }
    return packageDir;
  }

  private static String readVersion(Path packageDir) {
    try {
      String json = new String(Files.readAllBytes(packageDir.resolve("package.json")), StandardCharsets.UTF_8);
      return json.contains("\"version\" : \"" + VERSION + "\"")
              || json.contains("\"version\": \"" + VERSION + "\"")
          ? VERSION
          : "other";
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
