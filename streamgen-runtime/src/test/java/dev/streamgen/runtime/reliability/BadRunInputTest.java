package dev.streamgen.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.job.Job;
import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.runtime.testing.SharedSpark;
import dev.streamgen.testkit.KafkaBroker;
import dev.streamgen.testkit.TopicReader;
import dev.streamgen.testkit.eventhubs.EventHubsTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad run-time input through the job ({@code Main}'s code path, in this JVM): unknown and ill-typed
 * overrides, missing secrets, credentials of the wrong shape, wrong credentials against servers that
 * check them (Kafka SASL/PLAIN, Event Hubs shared access signatures), closed loopback ports, a
 * missing topic or event hub. Each run must end with a clear first line naming the setting (or the destination and
 * the setting that bounds the retries), exit status 2 for input mistakes and 1 for failed runs, write
 * nothing, and never print a secret's value. Retries are bounded by settings so failures come fast;
 * the elapsed times are printed, not asserted.
 */
class BadRunInputTest {
  private static final String SECRET = "k3y-4f9a0c7e-never-print-me";
  private static final List<String> REPORT = new ArrayList<>();

  @TempDir static Path tmp;
  private static Path secrets;

  @BeforeAll
  static void start() throws IOException {
    SharedSpark.session();
    secrets = tmp.resolve("secrets.properties");
    Files.write(
        secrets,
        ("eh/malformed=SharedAccessKey=" + SECRET + ";no-endpoint\n"
                + "eh/dead=Endpoint=sb://localhost:" + deadPort() + ";SharedAccessKeyName=k;SharedAccessKey=" + SECRET
                + ";EntityPath=hub1;UseDevelopmentEmulator=true\n"
                + "aws/secret=" + SECRET + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void report() {
    System.out.println("bad run-time input (case: exit status, time to fail, first line):");
    REPORT.forEach(r -> System.out.println("  " + r));
  }

  /** A loopback port nobody listens on (bound, then released). */
  static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** One run of the job; stderr checked for the secret in every case. */
  private record Run(int status, String out, String err, long millis) {
    String firstErrorLine() {
      return err.isEmpty() ? "" : err.split("\n", 2)[0];
    }
  }

  private static Run run(String name, String... args) {
    List<String> a = new ArrayList<>(Arrays.asList("--catalog", QuickstartTestCatalog.class.getName(), "--rows", "200"));
    a.addAll(Arrays.asList(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int status =
        new Job(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(a.toArray(new String[0]));
    Run r = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
    REPORT.add(String.format("%-28s exit %d after %6d ms: %s", name, status, r.millis, r.firstErrorLine()));
    assertThat(r.out + r.err).as("a secret value in the output").doesNotContain(SECRET);
    return r;
  }

  @Test
  void unknownOverrideKeyIsNamedWithTheNearestKnownOne() {
    Run r = run("unknown key", "--set", "sink_config.type=kafka", "--set", "sink_config.bootstrap_server=127.0.0.1:9092",
        "--set", "sink_config.topic=t");
    assertThat(r.status).isEqualTo(Job.BAD_INPUT);
    assertThat(r.err).isEqualTo(
        "streamgen: --set sink_config.bootstrap_server: unknown key 'bootstrap_server' for sink type 'kafka';"
            + " did you mean 'bootstrap_servers'?\n"
            + "streamgen: --set sink_config.type: sink_config.bootstrap_servers is required for sink type 'kafka'\n");
  }

  @Test
  void wrongTypeNamesTheSettingTheValueAndWhatIsExpected() {
    Run r = run("wrong type", "--set", "streaming_config.total_rows_per_second=fast");
    assertThat(r.status).isEqualTo(Job.BAD_INPUT);
    assertThat(r.err).isEqualTo(
        "streamgen: --set streaming_config.total_rows_per_second: 'fast' is not valid for"
            + " streaming_config.total_rows_per_second: expected a whole number greater than 0\n");
  }

  @Test
  void aMissingSecretNamesTheSettingAndEveryPlaceLookedIn() {
    Run r = run("missing secret", "--set", "sink_config.type=eventhubs", "--set", "sink_config.connection_string={{secrets/eh/conn}}");
    assertThat(r.status).isEqualTo(Job.BAD_INPUT);
    assertThat(r.err).isEqualTo(
        "streamgen: sink_config.connection_string: secret {{secrets/eh/conn}} not found; looked in: Databricks secrets"
            + " (not available here), environment variable STREAMGEN_SECRET_EH_CONN (unset), secrets file (none: pass"
            + " --secrets-file FILE or set STREAMGEN_SECRETS_FILE)\n");
  }

  @Test
  void aMissingSecretsFileIsNamedWithTheFlagThatGaveIt() {
    Run r = run("missing secrets file", "--secrets-file", tmp.resolve("nowhere.properties").toString(),
        "--set", "sink_config.type=eventhubs", "--set", "sink_config.connection_string={{secrets/eh/conn}}");
    assertThat(r.status).isEqualTo(Job.BAD_INPUT);
    assertThat(r.err).isEqualTo(
        "streamgen: secrets file " + tmp.resolve("nowhere.properties") + " (from --secrets-file) does not exist or is not a file\n");
  }

  @Test
  void aSecretOfTheWrongShapeIsReportedWithoutItsValue() {
    Run r = run("malformed secret", "--secrets-file", secrets.toString(),
        "--set", "sink_config.type=eventhubs", "--set", "sink_config.connection_string={{secrets/eh/malformed}}");
    assertThat(r.status).isEqualTo(Job.BAD_INPUT);
    assertThat(r.firstErrorLine()).startsWith("streamgen: sink_config.connection_string is not an Event Hubs connection string: ");
  }

  @Test
  void kafkaOnAClosedPortFailsWithinTheBlockTimeNamingTheDestination() throws IOException {
    int port = deadPort();
    Run r = run("kafka: closed port", "--set", "sink_config.type=kafka", "--set", "sink_config.bootstrap_servers=127.0.0.1:" + port,
        "--set", "sink_config.topic=t", "--set", "sink_config.kafka.max.block.ms=3000");
    assertThat(r.status).isEqualTo(Job.FAILED);
    assertThat(r.firstErrorLine()).isEqualTo(
        "streamgen: the run failed writing to Kafka topic t at 127.0.0.1:" + port
            + ": TimeoutException: Topic t not present in metadata after 3000 ms.");
  }

  @Test
  void kafkaWithoutTheTopicFailsNamingTheDestination() {
    try (KafkaBroker broker = KafkaBroker.builder().property("auto.create.topics.enable", "false").build().start()) {
      Run r = run("kafka: missing topic", "--set", "sink_config.type=kafka", "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
          "--set", "sink_config.topic=missing", "--set", "sink_config.kafka.max.block.ms=3000");
      assertThat(r.status).isEqualTo(Job.FAILED);
      assertThat(r.firstErrorLine()).startsWith(
          "streamgen: the run failed writing to Kafka topic missing at " + broker.bootstrapServers() + ": ");
      assertThat(broker.topics()).doesNotContain("missing");
    }
  }

  @Test
  void eventHubsOnAClosedPortFailsWithCountsAndTheRetrySettingButNoKey() {
    Run r = run("eventhubs: closed port", "--secrets-file", secrets.toString(),
        "--set", "sink_config.type=eventhubs", "--set", "sink_config.connection_string={{secrets/eh/dead}}",
        "--set", "sink_config.max_retries=1", "--set", "sink_config.retry_timeout_seconds=2", "--set", "sink_config.retry_delay_ms=100");
    assertThat(r.status).isEqualTo(Job.FAILED);
    assertThat(r.firstErrorLine())
        .matches("streamgen: the run failed writing to Event Hubs 'hub1' on localhost:(\\d+) over amqp: sending to event hub 'hub1' on localhost:\\1 .*")
        .contains(" failed: 0 events sent and acknowledged, ")
        .contains("transient errors were retried up to sink_config.max_retries=1 times.");
  }

  @Test
  void eventHubsWithoutTheHubFailsNamingItAndLosesNothingSilently() throws IOException {
    try (EventHubsTestServer server = EventHubsTestServer.start()) {
      Run r = run("eventhubs: missing hub", "--set", "sink_config.type=eventhubs",
          "--set", "sink_config.connection_string=" + server.connectionStringWithoutEntityPath() + ";EntityPath=nohub",
          "--set", "sink_config.max_retries=1", "--set", "sink_config.retry_timeout_seconds=2", "--set", "sink_config.retry_delay_ms=100");
      assertThat(r.status).isEqualTo(Job.FAILED);
      assertThat(r.firstErrorLine())
          .startsWith("streamgen: the run failed writing to Event Hubs 'nohub' on localhost:" + server.port()
              + " over amqp: sending to event hub 'nohub' on localhost:" + server.port())
          .contains(" events sent and acknowledged, ")
          .contains("AmqpException: status-code: NOT_FOUND, status-description: no messaging entity 'nohub'");
      assertThat(server.events()).isEmpty();
    }
  }

  @Test
  void kinesisOnAClosedPortFailsNamingTheEndpoint() throws IOException {
    int port = deadPort();
    Run r = run("kinesis: closed port", "--secrets-file", secrets.toString(),
        "--set", "sink_config.type=kinesis", "--set", "sink_config.stream_name=events",
        "--set", "sink_config.endpoint_url=http://127.0.0.1:" + port, "--set", "sink_config.region=us-east-1",
        "--set", "sink_config.aws_access_key_id=AKIDEXAMPLE", "--set", "sink_config.aws_secret_access_key={{secrets/aws/secret}}",
        "--set", "sink_config.retry_timeout_seconds=2");
    assertThat(r.status).isEqualTo(Job.FAILED);
    assertThat(r.firstErrorLine()).isEqualTo(
        "streamgen: the run failed writing to Kinesis stream 'events' at endpoint http://127.0.0.1:" + port
            + ": ConnectException: Connection refused");
  }

  /** Secrets for the credential tests, in their own file: their values depend on the server's port. */
  private static Path secretsFile(String name, String... lines) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * A broker whose SASL_PLAINTEXT listener checks PLAIN passwords: the right password (a secret in
   * sink_config.kafka.sasl.jaas.config) delivers every row; a wrong one fails the run at once with
   * Kafka's authentication error and the destination, prints neither password, writes nothing.
   */
  @Test
  void kafkaWithAWrongSaslPasswordFailsFastNamingTheDestinationWithoutPrintingIt() throws IOException {
    String wrong = "wr0ng-pw-5d2b-never-print-me";
    try (KafkaBroker broker = KafkaBroker.builder().saslPlain("streamgen", SECRET).build().start()) {
      String login = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"streamgen\" password=";
      Path file = secretsFile("kafka-secrets.properties",
          "kafka/jaas=" + login + "\"" + SECRET + "\";",
          "kafka/jaas-wrong=" + login + "\"" + wrong + "\";");
      String[] sasl = {"--secrets-file", file.toString(), "--set", "sink_config.type=kafka",
          "--set", "sink_config.bootstrap_servers=" + broker.saslBootstrapServers(), "--set", "sink_config.topic=auth",
          "--set", "sink_config.kafka.security.protocol=SASL_PLAINTEXT", "--set", "sink_config.kafka.sasl.mechanism=PLAIN",
          "--set", "sink_config.kafka.max.block.ms=3000"};

      Run right = run("kafka: right SASL password", concat(sasl, "--set", "sink_config.kafka.sasl.jaas.config={{secrets/kafka/jaas}}"));
      assertThat(right.status).as(right.err).isEqualTo(Job.OK);
      // Read back over the broker's PLAINTEXT listener: the reader observes, it is not under test.
      assertThat(TopicReader.readAll(broker.bootstrapServers(), "auth", Duration.ofSeconds(60))).hasSize(200);

      Run bad = run("kafka: wrong SASL password", concat(sasl, "--set", "sink_config.kafka.sasl.jaas.config={{secrets/kafka/jaas-wrong}}"));
      assertThat(bad.out + bad.err).as("the wrong password in the output").doesNotContain(wrong);
      assertThat(bad.status).isEqualTo(Job.FAILED);
      assertThat(bad.firstErrorLine()).isEqualTo(
          "streamgen: the run failed writing to Kafka topic auth at " + broker.saslBootstrapServers()
              + ": SaslAuthenticationException: Authentication failed: Invalid username or password");
      assertThat(TopicReader.readAll(broker.bootstrapServers(), "auth", Duration.ofSeconds(60))).hasSize(200);
    }
  }

  /**
   * An endpoint that checks shared access signatures like Event Hubs: the right key delivers every
   * row; a wrong key gets a 401 on the SDK's put-token, not retried, and the run fails naming
   * sink_config.connection_string, without printing either key.
   */
  @Test
  void eventHubsWithAWrongSharedAccessKeyFailsFastNamingTheSettingWithoutPrintingIt() throws IOException {
    String wrong = "wr0ng-key-81f3-never-print-me";
    try (EventHubsTestServer server = EventHubsTestServer.builder().sharedAccessKey("send", SECRET).build()) {
      String rightConnection = server.connectionString();
      Path file = secretsFile("eh-secrets.properties",
          "eh/right=" + rightConnection,
          "eh/wrong=" + rightConnection.replace("SharedAccessKey=" + SECRET, "SharedAccessKey=" + wrong));
      String[] eh = {"--secrets-file", file.toString(), "--set", "sink_config.type=eventhubs",
          "--set", "sink_config.max_retries=1", "--set", "sink_config.retry_timeout_seconds=2", "--set", "sink_config.retry_delay_ms=100"};

      Run right = run("eventhubs: right key", concat(eh, "--set", "sink_config.connection_string={{secrets/eh/right}}"));
      assertThat(right.status).as(right.err).isEqualTo(Job.OK);
      assertThat(server.eventCount()).isEqualTo(200);
      assertThat(server.tokensRefused()).isZero();

      Run bad = run("eventhubs: wrong key", concat(eh, "--set", "sink_config.connection_string={{secrets/eh/wrong}}"));
      assertThat(bad.out + bad.err).as("the wrong key in the output").doesNotContain(wrong);
      assertThat(bad.status).isEqualTo(Job.FAILED);
      // Refused on the first put-token checked: a partition's send link here (the test endpoint reads
      // partition ids out without one), the partition-id read itself on Azure, which names no partition.
      assertThat(bad.firstErrorLine())
          .matches("streamgen: the run failed writing to Event Hubs 'hub1' on localhost:" + server.port() + " over amqp: "
              + "event hub 'hub1' on localhost:" + server.port() + "( \\(partition \\d+\\))? refused the credentials of "
              + "sink_config\\.connection_string \\(check its SharedAccessKeyName and SharedAccessKey against a shared "
              + "access policy with Send rights on the namespace or hub\\): 0 events sent and acknowledged, 1 failed, "
              + "\\d+ not sent \\(buffered in this task\\)\\. Cause: com\\.azure\\.core\\.amqp\\.exception\\.AmqpException: "
              + "status-code: 401, status-description: InvalidSignature: The token has an invalid signature\\..*");
      assertThat(server.tokensRefused()).isPositive();
      assertThat(server.eventCount()).isEqualTo(200);
    }
  }
}
