package dev.streamgen.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

  @Test
  void servesRecordsAcrossGracefulRestartAndCrash() throws Exception {
    Path dir;
    String servers;
    try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
      dir = broker.directory();
      servers = broker.bootstrapServers();
      assertThat(servers).matches("127\\.0\\.0\\.1:\\d+");
      broker.createTopic("lifecycle", 3);
      assertThat(broker.topics()).contains("lifecycle");

      send(servers, "lifecycle", 0, 100);
      assertThat(values(broker.readAll("lifecycle"))).hasSize(100);

      broker.restart();
      assertThat(broker.bootstrapServers()).isEqualTo(servers);
      send(servers, "lifecycle", 100, 200);

      broker.kill();
      assertThat(broker.isRunning()).isFalse();
      broker.start();
      send(servers, "lifecycle", 200, 300);

      List<String> values = values(broker.readAll("lifecycle"));
      assertThat(values).hasSize(300);
      assertThat(values.stream().map(Integer::parseInt).sorted().collect(Collectors.toList()))
          .isEqualTo(java.util.stream.IntStream.range(0, 300).boxed().collect(Collectors.toList()));
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void clusterIdsAreKafkaUuidsTheStorageToolCannotMistakeForOptions() {
    // One id in 64 would start with '-' if drawn naively; 5000 draws miss that with p < 1e-34.
    for (int i = 0; i < 5000; i++) {
      assertThat(KafkaBroker.newClusterId()).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
    }
  }

  @Test
  void namesAMissingClasspathEntry(@TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-kafka.jar");
    try (KafkaBroker broker =
        KafkaBroker.builder().directory(tmp.resolve("broker")).classpath(missing.toString()).build()) {
      assertThatThrownBy(broker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "kafka broker classpath entry '" + missing + "' from the builder's classpath does not exist;"
                  + " rebuild streamgen-testkit so Maven resolves the broker's jars again");
    }
    assertThat(Files.exists(tmp.resolve("broker"))).as("a given directory is kept").isTrue();
  }

  @Test
  void reportsTheBrokerLogWhenTheBrokerCannotStart(@TempDir Path tmp) {
    try (KafkaBroker broker =
        KafkaBroker.builder().directory(tmp).property("node.id", "not-a-number").build()) {
      assertThatThrownBy(broker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("kafka storage format failed with exit code 1; last lines of " + tmp.resolve("broker.log"))
          .hasMessageContaining("Invalid value not-a-number");
    }
  }

  @Test
  void saslListenerAcceptsTheConfiguredPasswordOnly() throws Exception {
    try (KafkaBroker broker = KafkaBroker.builder().saslPlain("alice", "alice-pw").build().start()) {
      assertThat(broker.saslBootstrapServers()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo(broker.bootstrapServers());
      send(broker.saslBootstrapServers(), saslPlain("alice", "alice-pw"), "sasl", 0, 10);
      assertThat(values(broker.readAll("sasl"))).hasSize(10);

      assertThatThrownBy(() -> send(broker.saslBootstrapServers(), saslPlain("alice", "not-alice-pw"), "sasl", 10, 11))
          .hasRootCauseInstanceOf(SaslAuthenticationException.class)
          .rootCause()
          .hasMessage("Authentication failed: Invalid username or password");
      assertThat(values(broker.readAll("sasl"))).hasSize(10);
    }
  }

  @Test
  void saslPasswordsThatCannotBeWrittenIntoJaasAreRefused() {
    assertThatThrownBy(() -> KafkaBroker.builder().saslPlain("bob", "pw\"; user_eve=\"x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a SASL password must be non-empty, without quotes, backslashes or line breaks");
  }

  private static Properties saslPlain(String user, String password) {
    Properties p = new Properties();
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "PLAIN");
    p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user + "\" password=\"" + password + "\";");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    return p;
  }

  private static void send(String servers, String topic, int from, int to) throws Exception {
    send(servers, new Properties(), topic, from, to);
  }

  private static void send(String servers, Properties client, String topic, int from, int to) throws Exception {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, Integer.toString(i))).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }
}
