package dev.streamgen.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamgen.runtime.testing.QuickstartTestCatalog;
import dev.streamgen.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Main} as users run it, in a JVM of its own, the secret in an environment variable
 * ({@code STREAMGEN_SECRET_<SCOPE>_<KEY>}), everything Spark, Kafka and streamgen log at INFO on the
 * console: a short stream to Kafka whose JAAS config holds the secret. The whole console output
 * must not contain it, while showing the run happened (progress lines, the option's key).
 */
@Tag("slow")
class SecretsInMainProcessTest {
  private static final String PASSWORD = "Hn4s-90e7c1d2b6";

  @Test
  void streamToKafkaWithASecretFromTheEnvironmentNeverShowsIt(@TempDir Path tmp) throws Exception {
    Path logConfig = tmp.resolve("info-log4j2.properties");
    Files.write(logConfig, String.join("\n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.stdout.ref = console",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %p %c{1}: %m%n%ex",
        "").getBytes(StandardCharsets.UTF_8));
    try (KafkaBroker broker = KafkaBroker.builder().build().start()) {
      broker.createTopic("env-secret", 1);
      Map<String, String> env = Map.of(
          "STREAMGEN_SECRET_KAFKA_JAAS",
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"" + PASSWORD + "\";");
      String output;
      int status;
      try (ChildJvm main = ChildJvm.main(Arrays.asList(
              "--catalog", QuickstartTestCatalog.class.getName(),
              "--progress-interval", "1",
              "--duration", "6s",
              "--set", "streaming_config.total_rows_per_second=300",
              "--set", "streaming_config.checkpoint_location=" + tmp.resolve("checkpoint"),
              "--set", "sink_config.type=kafka",
              "--set", "sink_config.bootstrap_servers=" + broker.bootstrapServers(),
              "--set", "sink_config.topic=env-secret",
              "--set", "sink_config.kafka.sasl.jaas.config={{secrets/kafka/jaas}}"),
          env, tmp.resolve("main.log"), logConfig.toString())) {
        status = main.await(300);
        output = main.output();
      }
      long records = broker.readAll("env-secret").size();
      System.out.printf("Main with a secret from the environment: exit %d, %d records sent, %d characters of INFO console"
          + " output scanned, secret found %d times%n", status, records, output.length(), output.split(PASSWORD, -1).length - 1);
      assertThat(status).as(output).isZero();
      assertThat(output).contains("[streamgen] done: ").contains("INFO ").contains("sasl.jaas.config");
      assertThat(records).isPositive();
      assertThat(output).doesNotContain(PASSWORD);
    }
  }
}
