package dev.streamgen.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in its own JVM, on
 * 127.0.0.1 with free ports and a fresh log directory.
 *
 * <p>Its own JVM because the broker is Scala 2.13 and Spark in the test JVM is Scala 2.12: the two
 * must never share a classpath. The broker's jars come from the resource written by this module's
 * build ({@code kafka-broker.classpath}), or from the system property {@value #CLASSPATH_PROPERTY}.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
 *   String servers = broker.bootstrapServers();   // e.g. 127.0.0.1:40123
 *   broker.restart();                              // same ports, same data: clients reconnect
 *   List<ConsumerRecord<byte[], byte[]>> all = broker.readAll("events");
 * }
 * }</pre>
 *
 * <p>The broker JVM exits by itself when the JVM that started it dies (see {@link ParentWatch}),
 * so a crashed test run leaves no broker behind.
 */
public final class KafkaBroker implements AutoCloseable {

  /** System property overriding the broker classpath (path-separator separated jars). */
  public static final String CLASSPATH_PROPERTY = "streamgen.kafka.broker.classpath";

  static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
  private static final int MAX_BIND_ATTEMPTS = 3;

  private final Path directory;
  private final boolean ownsDirectory;
  private final Map<String, String> properties;
  private final List<String> jvmOptions;
  private final String classpathOverride;
  private final Duration startTimeout;
  private final String clusterId;
  private final String saslUsername; // null: no SASL listener
  private final String saslPassword;

  private int port;
  private int saslPort;
  private int controllerPort;
  private boolean formatted;
  private Process process;
  private OutputStream parentLifeline;
  private Thread shutdownHook;
  private boolean closed;

  private KafkaBroker(Builder builder) {
    try {
      this.ownsDirectory = builder.directory == null;
      this.directory =
          ownsDirectory
              ? Files.createTempDirectory("streamgen-kafka-")
              : Files.createDirectories(builder.directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the broker directory", e);
    }
    this.properties = new LinkedHashMap<>(builder.properties);
    this.jvmOptions = List.copyOf(builder.jvmOptions);
    this.classpathOverride = builder.classpath;
    this.startTimeout = builder.startTimeout;
    this.clusterId = newClusterId();
    this.saslUsername = builder.saslUsername;
    this.saslPassword = builder.saslPassword;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the broker (formatting its log directory the first time) and returns once it answers an
   * AdminClient describeCluster. A no-op while it runs. The first start picks free ports; later
   * starts reuse them, so clients holding {@link #bootstrapServers()} reconnect.
   */
  public synchronized KafkaBroker start() {
    if (closed) {
      throw new IllegalStateException("the broker was closed; build a new one");
    }
    if (isRunning()) {
      return this;
    }
    String classpath = brokerClasspath();
    boolean firstStart = port == 0;
    for (int attempt = 1; ; attempt++) {
      if (firstStart) {
        // Another process may take a port between our probe and the broker's bind: retry then.
        port = freePort();
        controllerPort = freePort();
        saslPort = saslUsername == null ? 0 : freePort();
        writeConfiguration();
      }
      if (!formatted) {
        format(classpath);
        formatted = true;
      }
      launch(classpath);
      try {
        awaitReady();
        return this;
      } catch (BrokerStartException e) {
        destroy(true);
        if (firstStart && attempt < MAX_BIND_ATTEMPTS && logTail().contains("Address already in use")) {
          continue;
        }
        throw e;
      }
    }
  }

  /** {@code 127.0.0.1:port} of the PLAINTEXT listener; fixed once the broker first started. */
  public synchronized String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("the broker has not been started yet");
    }
    return "127.0.0.1:" + port;
  }

  /**
   * {@code 127.0.0.1:port} of the SASL_PLAINTEXT listener (mechanism PLAIN) that
   * {@link Builder#saslPlain} adds; fixed once the broker first started.
   */
  public synchronized String saslBootstrapServers() {
    if (saslUsername == null) {
      throw new IllegalStateException("the broker has no SASL listener; build it with saslPlain(user, password)");
    }
    bootstrapServers(); // fails the same way before the first start
    return "127.0.0.1:" + saslPort;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Graceful stop (SIGTERM: controlled shutdown, logs flushed); data stays for the next start. */
  public synchronized void stop() {
    destroy(false);
  }

  /** Crash stop (SIGKILL): no shutdown, the next start recovers the log like after a power cut. */
  public synchronized void kill() {
    destroy(true);
  }

  /** {@link #stop()} then {@link #start()}: same ports, same data. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** Where the broker keeps its configuration, data ({@code data/}) and output ({@code broker.log}). */
  public Path directory() {
    return directory;
  }

  /** Creates a topic with replication factor 1, waiting until the broker confirms it. */
  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /** The names of all topics, internal ones excluded. */
  public Set<String> topics() {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
    }
  }

  /** Every record of {@code topic} from the beginning up to its current end; see {@link TopicReader}. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return TopicReader.readAll(bootstrapServers(), topic, Duration.ofSeconds(120));
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(p);
  }

  /** Kills the broker and deletes its directory unless the builder was given one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    destroy(true);
    if (ownsDirectory) {
      deleteRecursively(directory);
    }
  }

  // ---- process handling ----

  private void format(String classpath) {
    List<String> command = javaCommand(classpath);
    command.add("kafka.tools.StorageTool");
    command.add("format");
    command.add("-t");
    command.add(clusterId);
    command.add("-c");
    command.add(directory.resolve("server.properties").toString());
    try {
      Process format =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile()))
              .start();
      format.getOutputStream().close();
      if (!format.waitFor(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        format.destroyForcibly();
        throw new BrokerStartException("kafka storage format did not finish within " + startTimeout + logTailForMessage());
      }
      if (format.exitValue() != 0) {
        throw new BrokerStartException(
            "kafka storage format failed with exit code " + format.exitValue() + logTailForMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kafka storage format", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting the broker storage", e);
    }
  }

  private void launch(String classpath) {
    List<String> command = javaCommand(classpath);
    command.add(ParentWatch.class.getName());
    command.add("kafka.Kafka");
    command.add(directory.resolve("server.properties").toString());
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the broker JVM", e);
    }
    // Kept open while we live: ParentWatch exits the broker when this pipe closes.
    parentLifeline = process.getOutputStream();
    if (shutdownHook == null) {
      shutdownHook = new Thread(() -> destroyQuietly(), "kafka-broker-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    // First the bare port, so the AdminClient below does not log a warning per refused connection.
    while (!acceptsConnections()) {
      if (!process.isAlive()) {
        throw new BrokerStartException(
            "the broker JVM exited with code " + process.exitValue() + " while starting" + logTailForMessage());
      }
      if (System.nanoTime() > deadline) {
        throw new BrokerStartException(
            "the broker did not open port " + port + " within " + startTimeout + logTailForMessage());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the broker", e);
      }
    }
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    try (Admin admin = Admin.create(p)) {
      while (true) {
        if (!process.isAlive()) {
          throw new BrokerStartException(
              "the broker JVM exited with code " + process.exitValue() + " while starting" + logTailForMessage());
        }
        try {
          Collection<?> nodes = admin.describeCluster().nodes().get(4, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException notYet) {
          // Not accepting connections yet.
        }
        if (System.nanoTime() > deadline) {
          throw new BrokerStartException(
              "the broker did not answer describeCluster within " + startTimeout + logTailForMessage());
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private void destroy(boolean forcibly) {
    if (process == null) {
      return;
    }
    try {
      if (forcibly) {
        process.destroyForcibly();
      } else {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(parentLifeline);
      parentLifeline = null;
      process = null;
    }
  }

  private void destroyQuietly() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private List<String> javaCommand(String brokerClasspath) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dlog4j.configuration=" + directory.resolve("log4j.properties").toUri());
    command.add("-cp");
    command.add(brokerClasspath + File.pathSeparator + testkitLocation());
    return command;
  }

  // ---- configuration ----

  private void writeConfiguration() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    String sasl = saslUsername == null ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort;
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + sasl + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + sasl);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + (sasl.isEmpty() ? "" : "SASL_PLAINTEXT:SASL_PLAINTEXT,") + "CONTROLLER:PLAINTEXT");
    if (saslUsername != null) {
      // The broker side of PLAIN: one user_<name>="<password>" entry per accepted user, on this
      // listener only. Inter-broker and controller traffic stay on the PLAINTEXT listeners, so the
      // broker needs no client credentials of its own, and the testkit's admin client and
      // readAll() keep working without any.
      p.put("sasl.enabled.mechanisms", "PLAIN");
      p.put(
          "listener.name.sasl_plaintext.plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + saslUsername
              + "=\"" + saslPassword + "\";");
    }
    p.put("log.dirs", directory.resolve("data").toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    // One node: every internal topic with replication factor 1, and few partitions so the first
    // consumer group or transaction does not wait for 50 partitions to be created.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // After a crash the controller accepts the new incarnation only once the old one's session has
    // expired: 9 s by default, which made every kill() + start() 12 s slower. The broker and its
    // controller share one JVM, so a short session cannot be missed unless the whole JVM stalls.
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "5000");
    p.putAll(properties);
    StringBuilder text = new StringBuilder("# written by dev.streamgen.testkit.KafkaBroker\n");
    p.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    String log4j =
        "log4j.rootLogger=INFO, out\n"
            + "log4j.appender.out=org.apache.log4j.ConsoleAppender\n"
            + "log4j.appender.out.layout=org.apache.log4j.PatternLayout\n"
            + "log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n\n"
            + "log4j.logger.kafka.request.logger=WARN\n"
            + "log4j.logger.state.change.logger=WARN\n";
    try {
      Files.write(directory.resolve("server.properties"), text.toString().getBytes(StandardCharsets.UTF_8));
      Files.write(directory.resolve("log4j.properties"), log4j.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker configuration", e);
    }
  }

  private String brokerClasspath() {
    String classpath = classpathOverride;
    String origin = "the builder's classpath";
    if (classpath == null) {
      classpath = System.getProperty(CLASSPATH_PROPERTY);
      origin = "system property " + CLASSPATH_PROPERTY;
    }
    if (classpath == null) {
      origin = "resource dev/streamgen/testkit/" + CLASSPATH_RESOURCE;
      try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              origin + " is missing; build streamgen-testkit with Maven, whose generate-resources phase writes it");
        }
        classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + origin, e);
      }
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isEmpty() || !Files.exists(Paths.get(entry))) {
        throw new IllegalStateException(
            "kafka broker classpath entry '" + entry + "' from " + origin
                + " does not exist; rebuild streamgen-testkit so Maven resolves the broker's jars again");
      }
    }
    return classpath;
  }

  private static String testkitLocation() {
    try {
      return Paths.get(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the testkit classes", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }

  /**
   * A Kafka cluster id: 16 random bytes, base64url without padding, like kafka-storage random-uuid,
   * which also never starts with '-' (the storage tool would read it as an option).
   */
  static String newClusterId() {
    String id;
    do {
      id = encodeUuid(UUID.randomUUID());
    } while (id.startsWith("-"));
    return id;
  }

  private static String encodeUuid(UUID uuid) {
    byte[] bytes = new byte[16];
    long hi = uuid.getMostSignificantBits();
    long lo = uuid.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (hi >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private File logFile() {
    return directory.resolve("broker.log").toFile();
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile().toPath(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private String logTailForMessage() {
    return "; last lines of " + logFile() + ":\n" + logTail();
  }

  private static void closeQuietly(OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // The broker is gone already.
      }
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the broker directory " + root, e);
    }
  }

  /** The broker did not come up; the message holds the end of its log. */
  static final class BrokerStartException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    BrokerStartException(String message) {
      super(message);
    }
  }

  public static final class Builder {
    private Path directory;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-Xms128m", "-XX:+UseSerialGC"));
    private String classpath;
    private Duration startTimeout = Duration.ofSeconds(90);
    private String saslUsername;
    private String saslPassword;

    private Builder() {}

    /**
     * Adds a SASL_PLAINTEXT listener ({@link #saslBootstrapServers()}) that accepts mechanism PLAIN
     * with this one user, so clients can be tested with right and wrong credentials. The PLAINTEXT
     * listener stays as it is. The name must be a plain word and the password free of quotes and
     * backslashes: both go verbatim into the broker's JAAS line.
     */
    public Builder saslPlain(String username, String password) {
      if (!username.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("SASL user name '" + username + "': use letters, digits, '.', '_' and '-'");
      }
      if (password.isEmpty() || password.matches("(?s).*[\"\\\\\r\n].*")) {
        throw new IllegalArgumentException("a SASL password must be non-empty, without quotes, backslashes or line breaks");
      }
      this.saslUsername = username;
      this.saslPassword = password;
      return this;
    }

    /** Where to keep configuration, data and log; kept on close. Default: a temp dir deleted on close. */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** A server.properties entry, overriding the defaults (e.g. {@code num.partitions}). */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /** An extra option for the broker JVM, e.g. {@code -Xmx1g} (later options win). */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /** The broker's jars, instead of the resource written by the build. */
    public Builder classpath(String classpath) {
      this.classpath = classpath;
      return this;
    }

    /** How long one start may take, including the storage format (default 90 s). */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    public KafkaBroker build() {
      return new KafkaBroker(this);
    }
  }
}
